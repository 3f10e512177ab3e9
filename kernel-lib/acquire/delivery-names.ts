/**
 * The names edX gave its deliveries (see docs/acquire.md and edx-data-formats.md section 1), and
 * parsers for them. Org names are compared without regard to case: edX lower-cases them in
 * object keys (`mitx-2014-10-19.zip`, `mitx/edx/events/...`) while people type `MITx`.
 */

const DATE = String.raw`(\d{4}-\d{2}-\d{2})`;

/** The sites a daily event file can belong to (`prod` is the 2017+ docs' name for edx.org). */
export const EVENT_SITES = ['edx', 'edge', 'prod'] as const;

/** A weekly database export `{org}-{date}.zip`. */
export interface DatabaseZipName {
  org: string;
  date: string;
}

/** A legacy weekly `{date}-{org}-tracking.tar` (2013 to mid 2014). */
export interface TrackingTarName {
  org: string;
  date: string;
}

/** A legacy per-server, per-day file inside the tracking tar: `prod-edx-001/{date}-{org}.log.gpg`. */
export interface ServerDayName {
  server: string;
  /** `edge` when the server directory names edge.edx.org, else `edx`. */
  site: 'edx' | 'edge';
  date: string;
  org: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Parses `{org}-{date}.zip`; with `org`, only that org's zips (any letter case) match. */
export function parseDatabaseZipName(name: string, org?: string): DatabaseZipName | undefined {
  const orgPattern = org === undefined ? '(.+)' : '(' + escapeRegExp(org) + ')';
  const match = new RegExp('^' + orgPattern + '-' + DATE + '\\.zip$', 'i').exec(name);
  return match ? { org: match[1]!, date: match[2]! } : undefined;
}

/** Parses `{date}-{org}-tracking.tar`; with `org`, only that org's tars (any letter case) match. */
export function parseTrackingTarName(name: string, org?: string): TrackingTarName | undefined {
  const orgPattern = org === undefined ? '(.+)' : '(' + escapeRegExp(org) + ')';
  const match = new RegExp('^' + DATE + '-' + orgPattern + '-tracking\\.tar$', 'i').exec(name);
  return match ? { date: match[1]!, org: match[2]! } : undefined;
}

/** True for a daily event delivery `{org}-{site}-events-{date}.log.gz.gpg` (site edx, edge or prod). */
export function isDailyEventDeliveryName(name: string): boolean {
  const match = new RegExp('^.+-(' + EVENT_SITES.join('|') + ')-events-' + DATE + '\\.log\\.gz\\.gpg$', 'i').exec(name);
  return match !== null && isIsoDate(match[2]!);
}

/**
 * True for an encrypted member of a database export left in its own folder `{org}-{date}/` (the
 * export's zip unpacked by hand: the exporter encrypted every file `X` to `X.gpg`).
 */
export function isDatabaseExportMemberPath(path: string): boolean {
  const parts = path.replace(/\\/g, '/').split('/');
  const name = parts[parts.length - 1] ?? '';
  const folders = parts.slice(0, -1);
  const isExport = (folder: string | undefined) =>
    folder !== undefined && parseDatabaseZipName(folder + '.zip') !== undefined;
  // directly in `{org}-{date}/`, or in its `ora/` folder (the ORA2 tables)
  const parent = folders[folders.length - 1];
  const exportFolder = isExport(parent) || (parent?.toLowerCase() === 'ora' && isExport(folders[folders.length - 2]));
  return name.toLowerCase().endsWith('.gpg') && exportFolder;
}

/**
 * Parses a tracking-tar member path `prod-edx-001/2014-03-01-org.log.gpg` (leading `./` and
 * extra leading folders allowed). The site comes from the server folder: a name containing
 * `edge` is edge.edx.org, anything else edx.org.
 */
export function parseServerDayPath(path: string): ServerDayName | undefined {
  const parts = path
    .replace(/\\/g, '/')
    .split('/')
    .filter((p) => p !== '' && p !== '.');
  if (parts.length < 2) return undefined;
  const file = parts[parts.length - 1]!;
  const server = parts[parts.length - 2]!;
  const match = new RegExp('^' + DATE + '-(.+)\\.log(?:\\.gz)?\\.gpg$', 'i').exec(file);
  if (!match) return undefined;
  return { server, site: /edge/i.test(server) ? 'edge' : 'edx', date: match[1]!, org: match[2]! };
}

/** The date `YYYY-MM-DD` found in a file name (the last one when several), if any. */
export function dateInName(name: string): string | undefined {
  const all = name.match(/\d{4}-\d{2}-\d{2}/g);
  return all ? all[all.length - 1] : undefined;
}

/** The daily event file name edX uses for one org, site and day: `{org}-{site}-events-{date}.log.gz`. */
export function eventFileName(org: string, site: string, date: string): string {
  return `${org.toLowerCase()}-${site}-events-${date}.log.gz`;
}

/** The drop-relative folder of one org's daily event files for a site and year. */
export function eventFolder(org: string, site: string, year: string): string {
  return `edx-course-data/${org.toLowerCase()}/${site}/events/${year}`;
}

/** True when `text` is a calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(text + 'T00:00:00Z');
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
