/**
 * Writes the embedded sample drop: `data/sample-drop/` (snapshots, daily event files, edge
 * files, the encrypted day), `data/README.md`, `data/STORYLINE.md` and `data/keys/README.md`.
 * Every byte is a function of the seed, except the demo key (made once) and the encrypted file
 * (kept when it still decrypts to the same plaintext).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Logger, silentLogger } from '../../kernel-lib/util/effects';
import { writeFileAtomic } from '../../kernel-lib/util/atomic';
import { gzipStable } from './archive';
import { filePrefix } from './courses';
import { courseOlxTarGz, courseStructureJson } from './course-structure';
import { KEYS_README, encryptStable, ensureDemoKey } from './demo-key';
import { emailOptInCsv } from './email-opt-in';
import type { TrackingEvent } from './event-envelope';
import { mongoDump } from './forum-dump';
import { sampleReadme } from './readme';
import { storylineMarkdown } from './storyline-doc';
import { snapshotTables } from './tables';
import { dayStartUs } from './time';
import { EDGE_DAYS, ENCRYPTED_DAY, SAMPLE_SEED, SNAPSHOT_DAYS, type SampleWorld, buildSampleWorld } from './world';

/** Options of {@link generateSample}. */
export interface GenerateSampleOptions {
  /** The data folder; gets `sample-drop/`, `README.md`, `STORYLINE.md` and `keys/README.md`. */
  dataDir: string;
  /** Where the demo key pair lives (default `<dataDir>/keys`); made there when missing. */
  keysDir?: string;
  /** PRNG seed (default {@link SAMPLE_SEED}, the committed sample). */
  seed?: number;
  logger?: Logger;
}

/** What was written. */
export interface SampleSummary {
  files: number;
  bytes: number;
  /** Lines in the edx.org daily files (plaintext and encrypted) by course label ('none' = no course). */
  linesByCourse: Record<string, number>;
  edgeLines: number;
  keyCreated: boolean;
  encryptedReused: boolean;
}

/** Lower-case org in event paths. */
const ORG = 'samcedx';

/** Relative path of a daily event file. */
export function eventFilePath(site: 'edx' | 'edge', day: string): string {
  return `edx-course-data/${ORG}/${site}/events/${day.slice(0, 4)}/${ORG}-${site}-events-${day}.log.gz`;
}

/** The bytes of a daily file: lines joined with `\n`, one trailing `\n`, gzipped. */
export function dailyFileBytes(events: readonly TrackingEvent[]): Buffer {
  return gzipStable(events.map((e) => e.line + '\n').join(''));
}

function snapshotFiles(world: SampleWorld, files: Map<string, Uint8Array>): void {
  const moduleIds = new Map<object, number>();
  world.ledger
    .all()
    .slice()
    .sort((a, b) => a.createdUs - b.createdUs)
    .forEach((record, i) => {
      moduleIds.set(record, 2_400_001 + i);
    });
  for (const day of SNAPSHOT_DAYS) {
    const cutoffUs = dayStartUs(day);
    const dir = `course-data/${ORG}-${day}/`;
    const courses = [...world.outlines.keys()].filter((c) => c.created < day);
    for (const course of courses) {
      const outline = world.outlines.get(course)!;
      const prefix = dir + filePrefix(course);
      const tables = snapshotTables({
        course,
        outline,
        people: world.people,
        enrollments: world.enrollments,
        ledger: world.ledger,
        moduleIds,
        wiki: world.wiki,
        teams: world.teams,
        day,
        cutoffUs,
        certificates: day === SNAPSHOT_DAYS[SNAPSHOT_DAYS.length - 1] && course.label !== 'C3'
      });
      for (const [table, text] of tables) files.set(`${prefix}-${table}-prod-analytics.sql`, Buffer.from(text, 'utf8'));
      files.set(`${prefix}-prod.mongo`, Buffer.from(mongoDump(world.forum, course, cutoffUs), 'utf8'));
      files.set(`${prefix}-course_structure-prod-analytics.json`, Buffer.from(courseStructureJson(outline), 'utf8'));
      files.set(`${prefix}-course-prod-analytics.xml.tar.gz`, courseOlxTarGz(outline, cutoffUs / 1_000_000 - 3 * 3600));
    }
    files.set(
      `${dir}SamcedX-email_opt_in-prod-analytics.csv`,
      Buffer.from(emailOptInCsv(world.people, world.enrollments, courses, cutoffUs), 'utf8')
    );
  }
}

async function writeTree(root: string, files: Map<string, Uint8Array>): Promise<number> {
  let bytes = 0;
  for (const path of [...files.keys()].sort()) {
    const target = join(root, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, files.get(path)!);
    bytes += files.get(path)!.length;
  }
  return bytes;
}

/**
 * Generates the sample into `options.dataDir`. The drop is built in a staging folder and swapped
 * in, so a failed run leaves the previous drop in place.
 */
export async function generateSample(options: GenerateSampleOptions): Promise<SampleSummary> {
  const logger = options.logger ?? silentLogger;
  const dropDir = join(options.dataDir, 'sample-drop');
  const keysDir = options.keysDir ?? join(options.dataDir, 'keys');
  const world = buildSampleWorld(options.seed ?? SAMPLE_SEED);
  const keys = await ensureDemoKey(keysDir);
  if (keys.created) logger.info(`created the demo key in ${keysDir}`);

  const files = new Map<string, Uint8Array>();
  const linesByCourse: Record<string, number> = {};
  let encryptedReused = false;
  for (const [day, events] of world.edxDays) {
    for (const e of events) linesByCourse[e.course ?? 'none'] = (linesByCourse[e.course ?? 'none'] ?? 0) + 1;
    const path = eventFilePath('edx', day);
    const gz = dailyFileBytes(events);
    if (day === ENCRYPTED_DAY) {
      const previousPath = join(dropDir, path + '.gpg');
      const previous = existsSync(previousPath) ? new Uint8Array(await readFile(previousPath)) : null;
      const result = await encryptStable(keys, gz, previous);
      encryptedReused = result.reused;
      files.set(path + '.gpg', result.bytes);
    } else {
      files.set(path, gz);
    }
  }
  let edgeLines = 0;
  for (const day of EDGE_DAYS) {
    const events = world.edgeDays.get(day)!;
    edgeLines += events.length;
    files.set(eventFilePath('edge', day), dailyFileBytes(events));
  }
  snapshotFiles(world, files);

  const staging = dropDir + '.new';
  await rm(staging, { recursive: true, force: true });
  const bytes = await writeTree(staging, files);
  const old = dropDir + '.old';
  await rm(old, { recursive: true, force: true });
  if (existsSync(dropDir)) await rename(dropDir, old);
  await rename(staging, dropDir);
  await rm(old, { recursive: true, force: true });

  const summary: SampleSummary = {
    files: files.size,
    bytes,
    linesByCourse,
    edgeLines,
    keyCreated: keys.created,
    encryptedReused
  };
  await writeFileAtomic(join(options.dataDir, 'STORYLINE.md'), storylineMarkdown(world));
  await writeFileAtomic(join(options.dataDir, 'README.md'), sampleReadme(world, summary, [...files.keys()]));
  await writeFileAtomic(join(keysDir, 'README.md'), KEYS_README);
  return summary;
}
