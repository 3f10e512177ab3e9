/**
 * `npm run build:sample`: regenerates the embedded sample drop under data/ (deterministic; see
 * data/README.md). Options: `--data <dir>` to write elsewhere (default <project>/data),
 * `--keys <dir>` for the demo key folder (default <data>/keys).
 */
import { join } from 'node:path';
import { projectRoot } from '../kernel-lib/util/paths';
import { consoleLogger } from '../kernel-lib/util/effects';
import { generateSample } from './sample/sample-drop';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dataDir = option('--data') ?? join(projectRoot(), 'data');
const started = performance.now();
const summary = await generateSample({ dataDir, keysDir: option('--keys'), logger: consoleLogger });
const lines = Object.entries(summary.linesByCourse)
  .map(([course, n]) => `${course} ${n}`)
  .join(', ');
consoleLogger.info(
  `sample drop written to ${join(dataDir, 'sample-drop')}: ${summary.files} files, ${(summary.bytes / 1e6).toFixed(2)} MB; ` +
    `edx lines by course: ${lines}; edge lines ${summary.edgeLines}; encrypted file ${summary.encryptedReused ? 'kept' : 'written'} ` +
    `(${((performance.now() - started) / 1000).toFixed(1)} s)`
);
