import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain JavaScript module of the test runner (no types)
import { collect, isSlow, missingSlowEntries, SLOW_TESTS } from '../../scripts/run-tests.mjs';

test('isSlow: a listed file, a file under a listed folder; not a sibling whose name only starts alike', () => {
  const root = '/p';
  const slow = ['test/runner/run.test.ts', 'test/notebooks'];
  assert.equal(isSlow('test/runner/run.test.ts', root, slow), true);
  assert.equal(isSlow('/p/test/runner/run.test.ts', root, slow), true);
  assert.equal(isSlow('test/notebooks/provenance.test.ts', root, slow), true);
  assert.equal(isSlow('test/runner/run-errors.test.ts', root, slow), false);
  assert.equal(isSlow('test/notebooks-extra/a.test.ts', root, slow), false);
  assert.equal(isSlow('test/runner/report.test.ts', root, slow), false);
});

test('collect finds *.test.ts files only, sorted; missingSlowEntries names the entries that do not exist', () => {
  const root = mkdtempSync(join(tmpdir(), 'samced-tiers-'));
  mkdirSync(join(root, 'test', 'b'), { recursive: true });
  for (const file of ['test/b/z.test.ts', 'test/b/a.test.ts', 'test/b/helper.ts', 'test/top.test.ts'])
    writeFileSync(join(root, file), '');
  assert.deepEqual(
    collect(join(root, 'test')).map((f: string) => f.slice(root.length + 1)),
    ['test/b/a.test.ts', 'test/b/z.test.ts', 'test/top.test.ts']
  );
  assert.deepEqual(missingSlowEntries(root, ['test/b', 'test/top.test.ts', 'test/gone.test.ts']), [
    'test/gone.test.ts'
  ]);
});

test('every SLOW_TESTS entry of the project exists', () => {
  assert.ok(SLOW_TESTS.length > 0);
  assert.deepEqual(missingSlowEntries(), []);
});
