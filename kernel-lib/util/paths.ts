import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * The project's root folder: $SAMCED_ROOT when set (the CLI sets it), else the nearest folder
 * at or above the working directory whose package.json is named "samced" (notebooks run in
 * notebooks/). No import.meta here: tslab compiles kernel-lib as CommonJS.
 *
 * @example
 * projectRoot(); // '/home/me/samced', from the project folder or any folder below it (notebooks/)
 */
export function projectRoot(start: string = process.cwd()): string {
  if (process.env.SAMCED_ROOT) return resolve(process.env.SAMCED_ROOT);
  let dir = resolve(start);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'samced') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the samced project root above ' + start + '; set SAMCED_ROOT');
    dir = parent;
  }
}

/**
 * The embedded sample drop.
 *
 * @example
 * sampleDataDir(); // '<project>/data/sample-drop'
 * listSnapshots(sampleDataDir(), 'SamcedX').length; // 3
 */
export function sampleDataDir(root: string = projectRoot()): string {
  return join(root, 'data', 'sample-drop');
}

/** The package version written into manifests and reports. */
export function packageVersion(root: string = projectRoot()): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The folder a notebook or command writes its files into: `dir` (made absolute) when given, else a
 * new temporary folder `<tmpdir>/<prefix>XXXXXX`, readable by its owner only (mode 0700).
 *
 * @example
 * const out = outputFolder(outDir || undefined, 'samced-build-'); // outDir '' = a new temporary folder
 */
export function outputFolder(dir: string | undefined, prefix: string): string {
  return dir ? resolve(dir) : mkdtempSync(join(tmpdir(), prefix));
}
