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
 * server, run notebooks, run the CLI as child processes, build or open the whole sample, run many
 * builds, or compile with tslab's TypeScript. `npm test` runs them; `npm run test:unit` leaves them
 * out. Paths relative to the project root, `/` separators. A new test file belongs here when it
 * does any of that, so that the unit tier stays well under a minute on two cores.
 */
export const SLOW_TESTS = [
  // notebooks, kernels, Jupyter, Chromium
  'test/notebooks/notebooks.test.ts',
  'test/privacy/notebooks.test.ts',
  'test/kernel/compiled-lib.test.ts',
  'test/runner/kernel-lifecycle.test.ts',
  'test/runner/nbconvert.test.ts',
  'test/runner/run.test.ts',
  'test/runner/run-errors.test.ts',
  'test/runner/run-secrets.test.ts',
  'test/runner/shared-bundle.test.ts',
  'test/runner/front-door.test.ts',
  // tslab's TypeScript 5.0 over kernel-lib
  'test/kernel/tslab-compat.test.ts',
  'test/display/frames.test.ts',
  // an S3 server (s3rver)
  'test/acquire/s3-sync.test.ts',
  // the CLI as child processes (esbuild bundles, interrupted builds, sql and index commands)
  'test/cli/compiled-cli.test.ts',
  'test/cli/interrupt.test.ts',
  'test/cli/sql.test.ts',
  'test/load/event-store/index.test.ts',
  'test/load/event-store/org-events.test.ts',
  // the whole sample built, opened or regenerated; generated benchmark drops
  'test/output/sample-build.test.ts',
  'test/output/store-build.test.ts',
  'test/privacy/pseudonymised-sample.test.ts',
  'test/load/open-sample.test.ts',
  'test/sample/regenerate.test.ts',
  'test/sample/event-drop.test.ts',
  // many builds of the mini drop each
  'test/output/bad-input.test.ts',
  'test/output/writer-crashes.test.ts',
  'test/output/build-secrets.test.ts',
  'test/output/mini-build.test.ts',
  'test/aggregates/family-lanes.test.ts',
  'test/output/pseudonymise.test.ts',
  'test/privacy/modes.test.ts'
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
    console.error(
      'no test files found under ' + (roots.length ? roots : ['test']).join(', ') + (unit ? ' (unit tier)' : '')
    );
    return 1;
  }
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
    stdio: 'inherit',
    env: { ...process.env, TZ: 'UTC' }
  });
  return result.status ?? 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exit(main(process.argv.slice(2)));
