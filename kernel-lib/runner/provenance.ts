import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { hasTag, readNotebook, sourceText } from './notebook-format';
import { PARAMETERS_TAG } from './parameters';
import type { ProvenanceContext } from './run';

/** What the run record says about one drop folder a notebook read. */
export interface DropSummary {
  /** The folder, relative to the project root when inside it. */
  path: string;
  /** Files below it (names starting with `.` left out, such as the sync state file). */
  files: number;
  bytes: number;
  /** SHA-256 of the sorted `relative path <TAB> size` lines: changes when a file is added, removed or resized. */
  listingSha256: string;
  /** SHA-256 of the sorted `relative path <TAB> SHA-256 of the file` lines; only for drops up to `maxHashBytes`. */
  contentSha256?: string;
}

/** Options of {@link dropProvenance}. */
export interface DropProvenanceOptions {
  /** Parameters naming a drop folder (default `data` and `dest`, as the notebooks name them). */
  parameters?: string[];
  /** Hash file contents only when the drop holds at most this many bytes (default 64 MiB: the sample, not a real drop). */
  maxHashBytes?: number;
}

const STRING_DEFAULT =
  /^\s*let\s+([A-Za-z_$][\w$]*)\s*(?::\s*string\s*)?=\s*(['"])((?:(?!\2)[^\\])*)\2\s*;?\s*(?:\/\/.*)?$/;

/** The string literal defaults of the `let` declarations in a notebook's cell tagged `parameters`. */
export function stringDefaults(parametersSource: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const line of parametersSource.split('\n')) {
    const match = STRING_DEFAULT.exec(line);
    if (match) found[match[1]!] = match[3]!;
  }
  return found;
}

async function filesBelow(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(join(dir, prefix), { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const rel = prefix ? prefix + '/' + entry.name : entry.name;
    if (entry.isDirectory()) out.push(...(await filesBelow(dir, rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function fileSha256(path: string): Promise<string> {
  return new Promise((done, fail) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', fail)
      .on('end', () => done(hash.digest('hex')));
  });
}

/**
 * Summarises a drop folder for the run record: file count, bytes, a digest of the listing (names
 * and sizes, cheap on any drop) and, for small drops, a digest of the contents.
 */
export async function summariseDrop(dir: string, root: string, maxHashBytes = 64 * 1024 * 1024): Promise<DropSummary> {
  const files = await filesBelow(dir);
  const sizes = files.map((file) => statSync(join(dir, file)).size);
  const bytes = sizes.reduce((sum, size) => sum + size, 0);
  const listing = createHash('sha256')
    .update(files.map((file, i) => `${file}\t${sizes[i]}\n`).join(''))
    .digest('hex');
  const shown = relative(root, dir);
  const summary: DropSummary = {
    path: shown && !shown.startsWith('..') ? shown : dir,
    files: files.length,
    bytes,
    listingSha256: listing
  };
  if (bytes <= maxHashBytes) {
    const lines: string[] = [];
    for (const file of files) lines.push(`${file}\t${await fileSha256(join(dir, file))}\n`);
    summary.contentSha256 = createHash('sha256').update(lines.join('')).digest('hex');
  }
  return summary;
}

/**
 * A provenance hook for `runNotebook` (see run.ts): records which drop folders the notebook read.
 * The folder is the value given for a drop parameter (`data`, `dest`), else that parameter's string
 * default in the parameters cell, resolved from the notebook's folder as the kernel resolves it.
 * Folders without `course-data/` or `edx-course-data/` are not drops and are left out.
 *
 * @returns `{ drops: { <parameter>: DropSummary } }`, or `{}` when the notebook names no drop.
 */
export function dropProvenance(options: DropProvenanceOptions = {}) {
  const names = options.parameters ?? ['data', 'dest'];
  return async (context: ProvenanceContext): Promise<Record<string, unknown>> => {
    const { notebook } = await readNotebook(context.notebook);
    const cell = notebook.cells.find((c) => c.cell_type === 'code' && hasTag(c, PARAMETERS_TAG));
    const defaults = cell ? stringDefaults(sourceText(cell.source)) : {};
    const drops: Record<string, DropSummary> = {};
    for (const name of names) {
      const given = context.parameters[name];
      const value = typeof given === 'string' ? given : defaults[name];
      if (value === undefined || value === '') continue;
      const dir = resolve(dirname(context.notebook), value);
      if (!existsSync(join(dir, 'course-data')) && !existsSync(join(dir, 'edx-course-data'))) continue;
      drops[name] = await summariseDrop(dir, context.root, options.maxHashBytes);
    }
    return Object.keys(drops).length > 0 ? { drops } : {};
  };
}
