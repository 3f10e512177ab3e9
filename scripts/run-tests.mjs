#!/usr/bin/env node
// Runs node's test runner over every test/**/*.test.ts file (or the folders/files given), with TZ=UTC.
// `--unit` runs the fast tier only: every test file except those in SLOW_TESTS.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/**
 * The slow tier: test files (or folders) that start a notebook kernel, Chromium, Jupyter or an S3
 * server, run notebooks, or run the CLI as child processes over the whole sample. `npm test` runs
 * them; `npm run test:unit` leaves them out. Paths relative to the project root, `/` separators.
 * A new test belongs here when it does any of that, so the unit tier stays well under a minute.
 */
export const SLOW_TESTS = [
  'test/notebooks/notebooks.test.ts', // every notebook headless on the sample
  'test/privacy/notebooks.test.ts', // every notebook headless, pseudonymised parameters
  'test/kernel/compiled-lib.test.ts', // builds kernel-lib for tslab and starts a kernel
  'test/kernel/tslab-compat.test.ts', // type-checks all of kernel-lib with tslab's TypeScript
  'test/runner/kernel-lifecycle.test.ts', // a real tslab kernel
  'test/runner/nbconvert.test.ts', // Jupyter's nbconvert on the tslab kernel
  'test/runner/run.test.ts', // a real kernel, and Chromium draws the report
  'test/runner/run-errors.test.ts', // a real kernel
  'test/runner/run-secrets.test.ts', // a real kernel
  'test/runner/shared-bundle.test.ts', // a real kernel
  'test/acquire/s3-sync.test.ts', // an S3 server (s3rver)
  'test/cli/interrupt.test.ts', // CLI builds of the sample as child processes, interrupted
  'test/cli/sql.test.ts', // the CLI on the sample as child processes
  'test/cli/compiled-cli.test.ts', // esbuild bundles of the CLI
  'test/load/event-store/index.test.ts', // samced index as a child process
  'test/sample/regenerate.test.ts' // regenerates the whole sample drop
];

/** Every `*.test.ts` file under `path` (a file or a folder), sorted. */
export function collect(path, out = []) {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) collect(join(path, name), out);
  } else if (path.endsWith('.test.ts')) {
    out.push(path);
  }
  return out;
}

/** Whether `file` is in the slow tier (listed itself, or under a listed folder). */
export function isSlow(file, root = ROOT, slow = SLOW_TESTS) {
  const path = relative(root, resolve(root, file)).split('\\').join('/');
  return slow.some((entry) => path === entry || path.startsWith(entry.replace(/\/?$/, '/')));
}

/** SLOW_TESTS entries that name nothing (a moved or renamed test would otherwise fall into the unit tier). */
export function missingSlowEntries(root = ROOT, slow = SLOW_TESTS) {
  return slow.filter((entry) => !existsSync(join(root, entry)));
}

function main(argv) {
  const unit = argv.includes('--unit');
  const roots = argv.filter((arg) => arg !== '--unit');
  const all = (roots.length ? roots : ['test']).flatMap((root) => collect(root));
  if (unit) {
    const missing = missingSlowEntries();
    if (missing.length) {
      console.error(`scripts/run-tests.mjs: SLOW_TESTS names what does not exist: ${missing.join(', ')}`);
      return 1;
    }
  }
  const files = unit ? all.filter((file) => !isSlow(file)) : all;
  if (files.length === 0) {
    console.error('no test files found under ' + (roots.length ? roots : ['test']).join(', ') + (unit ? ' (unit tier)' : ''));
    return 1;
  }
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
    stdio: 'inherit',
    env: { ...process.env, TZ: 'UTC' }
  });
  return result.status ?? 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(main(process.argv.slice(2)));
