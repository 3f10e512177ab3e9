import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * One file of a drop folder (a type, not an interface, so a list of them is rows for showTable).
 *
 * @example
 * const stillEncrypted: DropFile[] = listDropFiles(data).files.filter((f) => f.encrypted);
 */
export type DropFile = {
  /** Path below the drop folder, parts joined with `/`. */
  path: string;
  bytes: number;
  /** Still to decrypt or unpack: an OpenPGP `.gpg` file or a weekly `.zip`. */
  encrypted: boolean;
  /** The `YYYY-MM-DD` date in the file name, or '' when it has none. */
  date: string;
};

/**
 * Files of one folder of a drop, as `dropFolders` counts them (a type: rows for showTable).
 *
 * @example
 * const folders: DropFolder[] = dropFolders(listDropFiles(data).files);
 */
export type DropFolder = {
  folder: string;
  files: number;
  encrypted: number;
  kilobytes: number;
  /** Earliest and latest date in the folder's file names ('' when none has one). */
  first: string;
  last: string;
};

const DATE_IN_NAME = /(\d{4}-\d{2}-\d{2})/;

/**
 * Every file below a drop folder (`course-data/`, `edx-course-data/`, anything else), sorted by
 * path. Hidden files and folders (such as sync's `.samced-sync-state.json`) are left out.
 * `root` is the drop folder made absolute.
 *
 * @example
 * const drop = listDropFiles('data/sample-drop');
 * drop.files.filter((f) => f.encrypted).map((f) => f.path); // what decryptDrop would turn into plain files
 */
export function listDropFiles(dir: string): { root: string; files: DropFile[] } {
  const root = resolve(dir);
  const files: DropFile[] = [];
  const walk = (parts: string[]) => {
    for (const name of readdirSync(join(root, ...parts)).sort()) {
      if (name.startsWith('.')) continue;
      const info = statSync(join(root, ...parts, name));
      if (info.isDirectory()) walk([...parts, name]);
      else if (info.isFile()) {
        const lower = name.toLowerCase();
        files.push({
          path: [...parts, name].join('/'),
          bytes: info.size,
          encrypted: lower.endsWith('.gpg') || lower.endsWith('.zip'),
          date: DATE_IN_NAME.exec(name)?.[1] ?? ''
        });
      }
    }
  };
  walk([]);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { root, files };
}

/**
 * The files of `listDropFiles` counted per folder, in the files' order: how many, how many still
 * encrypted, their size (each file rounded to KiB) and the date range of their names.
 *
 * @example showTable(dropFolders(listDropFiles(data).files), { caption: 'The drop, per folder' });
 */
export function dropFolders(files: DropFile[]): DropFolder[] {
  const folders = new Map<string, DropFolder>();
  for (const file of files) {
    const folder = file.path.split('/').slice(0, -1).join('/');
    const entry = folders.get(folder) ?? { folder, files: 0, encrypted: 0, kilobytes: 0, first: '', last: '' };
    entry.files += 1;
    if (file.encrypted) entry.encrypted += 1;
    entry.kilobytes += Math.round(file.bytes / 1024);
    if (file.date && (!entry.first || file.date < entry.first)) entry.first = file.date;
    if (file.date && file.date > entry.last) entry.last = file.date;
    folders.set(folder, entry);
  }
  return [...folders.values()];
}
