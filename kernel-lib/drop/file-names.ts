import { courseFilePrefix, type CourseKey } from './course-key';

/** What one file of a weekly database export holds, read from its name. */
export type ExportFile =
  | { kind: 'table'; coursePrefix: string; table: string; env: string; encrypted: boolean }
  | { kind: 'forum'; coursePrefix: string; env: string; encrypted: boolean }
  | { kind: 'course_structure'; coursePrefix: string; env: string; encrypted: boolean }
  | { kind: 'olx'; coursePrefix: string; env: string; encrypted: boolean }
  | { kind: 'email_opt_in'; org: string; env: string; encrypted: boolean };

/** Environment suffixes, longest first so `-prod-edge-analytics` is not read as table `prod`. */
const ANALYTICS_ENVS = ['prod-edge-analytics', 'prod-analytics', 'edge-analytics', 'acceptance'];
const MONGO_ENVS = ['prod', 'edge', 'acceptance'];

function stripEnv(stem: string, envs: string[]): { rest: string; env: string } | undefined {
  for (const env of envs) {
    if (stem.endsWith('-' + env)) return { rest: stem.slice(0, -env.length - 1), env };
  }
  return undefined;
}

/**
 * Parses an export file name (`{org}-{course}-{run}-{table}-{env}.sql`, `...-{env}.mongo`,
 * `...-course_structure-{env}.json`, `...-course-{env}.xml.tar.gz`, `{org}-email_opt_in-{env}.csv`,
 * each optionally `.gpg`). Course parts may contain `-`, `.`, `_`: the name is split from the right
 * on the known `-{table}-{env}` suffix, never on every `-`. Returns undefined for other files.
 *
 * @example
 * parseExportFileName('SamcedX-DATA101-1T2026-auth_user-prod-analytics.sql');
 * // { kind: 'table', coursePrefix: 'SamcedX-DATA101-1T2026', table: 'auth_user', env: 'prod-analytics', encrypted: false }
 * parseExportFileName('SamcedX-DATA101-1T2026-prod.mongo')?.kind; // 'forum'
 * parseExportFileName('notes.txt'); // undefined
 */
export function parseExportFileName(fileName: string): ExportFile | undefined {
  const encrypted = fileName.endsWith('.gpg');
  const name = encrypted ? fileName.slice(0, -4) : fileName;
  const ext = ['.xml.tar.gz', '.sql', '.mongo', '.json', '.csv'].find((e) => name.endsWith(e));
  if (!ext) return undefined;
  const stem = name.slice(0, -ext.length);
  if (ext === '.mongo') {
    const split = stripEnv(stem, MONGO_ENVS);
    if (split) return { kind: 'forum', coursePrefix: split.rest, env: split.env, encrypted };
    return stem.length > 0 ? { kind: 'forum', coursePrefix: stem, env: '', encrypted } : undefined;
  }
  const split = stripEnv(stem, ANALYTICS_ENVS);
  if (!split) return undefined;
  const dash = split.rest.lastIndexOf('-');
  if (dash <= 0) return undefined;
  const head = split.rest.slice(0, dash);
  const table = split.rest.slice(dash + 1);
  if (!/^[a-z][a-z0-9_]*$/.test(table)) return undefined;
  if (ext === '.csv')
    return table === 'email_opt_in' ? { kind: 'email_opt_in', org: head, env: split.env, encrypted } : undefined;
  if (ext === '.json')
    return table === 'course_structure'
      ? { kind: 'course_structure', coursePrefix: head, env: split.env, encrypted }
      : undefined;
  if (ext === '.xml.tar.gz')
    return table === 'course' ? { kind: 'olx', coursePrefix: head, env: split.env, encrypted } : undefined;
  return { kind: 'table', coursePrefix: head, table, env: split.env, encrypted };
}

/** True when the parsed file belongs to the course (exact prefix, so run `1T2026B` is not `1T2026`). */
export function isCourseFile(file: ExportFile, key: CourseKey): boolean {
  return file.kind !== 'email_opt_in' && file.coursePrefix === courseFilePrefix(key);
}

/** A daily tracking-log file name: `{org}-{site}-events-{YYYY-MM-DD}.log.gz[.gpg]` (or any `*YYYY-MM-DD.log.gz`). */
export interface EventFileName {
  org: string | undefined;
  site: string | undefined;
  date: string;
  encrypted: boolean;
}

/**
 * @example
 * parseEventFileName('samcedx-edx-events-2026-01-20.log.gz.gpg'); // { org: 'samcedx', site: 'edx', date: '2026-01-20', encrypted: true }
 */
export function parseEventFileName(fileName: string): EventFileName | undefined {
  const m = /^(?:(.+)-(edx|edge|prod)-events-)?.*?(\d{4}-\d{2}-\d{2})\.log\.gz(\.gpg)?$/.exec(fileName);
  if (!m) return undefined;
  return { org: m[1], site: m[2], date: m[3]!, encrypted: m[4] !== undefined };
}
