import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../util/errors';
import { isCourseFile, parseExportFileName, type ExportFile } from './file-names';
import type { CourseKey } from './course-key';

/**
 * One weekly database export, unpacked and decrypted.
 *
 * @example
 * const [first] = listSnapshots(sampleDataDir(), 'SamcedX');
 * first!.date; // '2025-12-07'
 * first!.dir; // '<project>/data/sample-drop/course-data/samcedx-2025-12-07'
 */
export interface Snapshot {
  /** Export date `YYYY-MM-DD`, from the folder name. */
  date: string;
  /** The folder that holds the export's files. */
  dir: string;
}

const DATED = /(\d{4}-\d{2}-\d{2})$/;

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Snapshots under `<drop>/course-data/`: every folder whose name ends in a date. When such a
 * folder holds a `<org>-<date>/` sub-folder (the zip's own top folder, as the original expected),
 * the files are read from there. With `org`, folders named for another org (and without such a
 * sub-folder) are skipped.
 * Sorted by date.
 *
 * @example
 * listSnapshots(sampleDataDir(), 'SamcedX').map((s) => s.date); // ['2025-12-07', '2026-01-11', '2026-02-15']
 */
export function listSnapshots(dropDir: string, org?: string): Snapshot[] {
  const courseData = join(dropDir, 'course-data');
  if (!isDir(courseData)) throw new InputError('no course-data folder in the drop', { file: courseData });
  const out: Snapshot[] = [];
  for (const name of readdirSync(courseData).sort()) {
    const m = DATED.exec(name);
    const dir = join(courseData, name);
    if (!m || !isDir(dir)) continue;
    const prefix = name.slice(0, -m[1]!.length).replace(/-$/, '');
    const nested = readdirSync(dir).find(
      (n) => (org ? n.toLowerCase() === `${org.toLowerCase()}-${m[1]}` : n.endsWith(m[1]!)) && isDir(join(dir, n))
    );
    if (!nested && org && prefix && prefix.toLowerCase() !== org.toLowerCase()) continue;
    out.push({ date: m[1]!, dir: nested ? join(dir, nested) : dir });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The original's choice (`is_better_snapshot_date`): the first snapshot on or after the end
 * date, else the latest one. Undefined when there are none.
 *
 * @example
 * const snapshots = listSnapshots(sampleDataDir(), 'SamcedX');
 * pickSnapshot(snapshots, '2026-02-08')?.date; // '2026-02-15': the first on or after the end date
 * pickSnapshot(snapshots, '2027-01-01')?.date; // '2026-02-15': else the latest
 */
export function pickSnapshot(snapshots: Snapshot[], endDate: string): Snapshot | undefined {
  const sorted = [...snapshots].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return sorted.find((s) => s.date >= endDate) ?? sorted[sorted.length - 1];
}

/** A file of a snapshot with what its name says. */
export interface SnapshotFile {
  name: string;
  path: string;
  info: ExportFile;
}

/**
 * Every recognised export file of a snapshot.
 *
 * @example
 * const [first] = listSnapshots(sampleDataDir(), 'SamcedX');
 * listSnapshotFiles(first!).filter((f) => f.info.kind === 'forum').map((f) => f.name); // the forum dump of every course in the snapshot
 */
export function listSnapshotFiles(snapshot: Snapshot): SnapshotFile[] {
  const out: SnapshotFile[] = [];
  for (const name of readdirSync(snapshot.dir).sort()) {
    const info = parseExportFileName(name);
    if (info) out.push({ name, path: join(snapshot.dir, name), info });
  }
  return out;
}

/**
 * The files of one course run in a snapshot, by role. Plain files win over `.gpg` twins.
 *
 * @example
 * const snapshot = pickSnapshot(listSnapshots(sampleDataDir(), 'SamcedX'), '2026-02-08')!;
 * const files: CourseFiles = findCourseFiles(snapshot, { org: 'SamcedX', course: 'DATA101', run: '1T2026' });
 * [...files.tables.keys()]; // 'auth_user', 'student_courseenrollment', ...: the course's .sql exports by table
 */
export interface CourseFiles {
  tables: Map<string, string>;
  forum: string | undefined;
  courseStructure: string | undefined;
  olx: string | undefined;
  emailOptIn: string | undefined;
  /** Every file of the course (for copying the whitelist), plain names only. */
  all: SnapshotFile[];
}

/**
 * @example
 * const snapshot = pickSnapshot(listSnapshots(sampleDataDir(), 'SamcedX'), '2026-02-08')!;
 * const files = findCourseFiles(snapshot, { org: 'SamcedX', course: 'DATA101', run: '1T2026' });
 * files.tables.get('student_courseenrollment'); // '.../SamcedX-DATA101-1T2026-student_courseenrollment-prod-analytics.sql'
 * files.forum; // '.../SamcedX-DATA101-1T2026-prod.mongo'
 */
export function findCourseFiles(snapshot: Snapshot, key: CourseKey): CourseFiles {
  const files = listSnapshotFiles(snapshot);
  const plain = files.filter((f) => !f.info.encrypted);
  const encrypted = files.filter((f) => f.info.encrypted && !plain.some((p) => p.name + '.gpg' === f.name));
  if (encrypted.some((f) => isCourseFile(f.info, key))) {
    const first = encrypted.find((f) => isCourseFile(f.info, key))!;
    throw new InputError('this export file is still encrypted; run `samced decrypt` on the snapshot first', {
      file: first.path
    });
  }
  const mine = plain.filter((f) => isCourseFile(f.info, key));
  const result: CourseFiles = {
    tables: new Map(),
    forum: undefined,
    courseStructure: undefined,
    olx: undefined,
    emailOptIn: undefined,
    all: mine
  };
  for (const f of mine) {
    if (f.info.kind === 'table') result.tables.set(f.info.table, f.path);
    else if (f.info.kind === 'forum') result.forum = f.path;
    else if (f.info.kind === 'course_structure') result.courseStructure = f.path;
    else if (f.info.kind === 'olx') result.olx = f.path;
  }
  result.emailOptIn = plain.find(
    (f) => f.info.kind === 'email_opt_in' && f.info.org.toLowerCase() === key.org.toLowerCase()
  )?.path;
  return result;
}
