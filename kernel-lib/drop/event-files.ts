import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseEventFileName } from './file-names';

/**
 * One daily tracking-log file selected for a run.
 *
 * @example
 * const [file] = listEventFiles(sampleDataDir(), { org: 'SamcedX', start: '2026-01-20', end: '2026-01-20' });
 * file!.relPath; // 'edx-course-data/samcedx/edx/events/2026/samcedx-edx-events-2026-01-20.log.gz.gpg'
 * file!.encrypted; // true: openCourseRun decrypts it in place with the run's key
 */
export interface EventFile {
  path: string;
  /** Path relative to the drop folder (used in errors, manifests and the `source_file` column). */
  relPath: string;
  /** The UTC day in the file name. */
  date: string;
  /** `edx`, `edge`, `prod`, or undefined for the original's flat layout. */
  site: string | undefined;
  encrypted: boolean;
  bytes: number;
}

export interface EventFileQuery {
  org: string;
  start: string;
  end: string;
  /** Sites to read; default all found (`edx`, `edge`, `prod`). */
  sites?: string[];
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/**
 * Daily files whose name date lies in [start, end] (inclusive), across year folders, in both
 * layouts: `edx-course-data/<org>/<site>/events/<YYYY>/` (as synced) and the original's
 * `edx-course-data/<site>/events/<YYYY>/`. A plain `.log.gz` wins over its `.gpg` twin.
 * Sorted by date, then site, then name.
 *
 * @example
 * const files = listEventFiles(sampleDataDir(), { org: 'SamcedX', start: '2026-01-05', end: '2026-01-11', sites: ['edge'] });
 * files.map((f) => f.date); // the edge site's days from 2026-01-05 to 2026-01-11 that have a file
 */
export function listEventFiles(dropDir: string, query: EventFileQuery): EventFile[] {
  const base = join(dropDir, 'edx-course-data');
  const siteDirs: { site: string; dir: string }[] = [];
  for (const first of list(base)) {
    if (['edx', 'edge', 'prod'].includes(first) && list(join(base, first)).includes('events')) {
      siteDirs.push({ site: first, dir: join(base, first, 'events') });
    } else if (first.toLowerCase() === query.org.toLowerCase()) {
      for (const site of list(join(base, first))) siteDirs.push({ site, dir: join(base, first, site, 'events') });
    }
  }
  const startYear = Number(query.start.slice(0, 4));
  const endYear = Number(query.end.slice(0, 4));
  const found = new Map<string, EventFile>();
  for (const { site, dir } of siteDirs) {
    if (query.sites && !query.sites.includes(site)) continue;
    for (let year = startYear; year <= endYear; year++) {
      const yearDir = join(dir, String(year));
      for (const name of list(yearDir)) {
        const parsed = parseEventFileName(name);
        if (!parsed || parsed.date < query.start || parsed.date > query.end) continue;
        const path = join(yearDir, name);
        const plainName = parsed.encrypted ? name.slice(0, -4) : name;
        const twinKey = join(yearDir, plainName);
        if (parsed.encrypted && found.has(twinKey)) continue;
        found.set(twinKey, {
          path,
          relPath: relative(dropDir, path),
          date: parsed.date,
          site,
          encrypted: parsed.encrypted,
          bytes: statSync(path).size
        });
      }
    }
  }
  return [...found.values()].sort(
    (a, b) => a.date.localeCompare(b.date) || (a.site ?? '').localeCompare(b.site ?? '') || a.path.localeCompare(b.path)
  );
}
