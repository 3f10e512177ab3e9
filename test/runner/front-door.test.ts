import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CodeCell } from '../../kernel-lib/runner/notebook-format';
import { runNotebook } from '../../kernel-lib/runner/run';
import { sampleCourseRun } from '../../kernel-lib/drop/sample';
import { memoryLogger } from '../../kernel-lib/util/effects';
import { independentSampleCounts } from '../fixtures/sample-events';

test('in a tslab cell, openCourseRun(sampleCourseRun()) and one query count the sample events, the encrypted day included', async () => {
  const expected = await independentSampleCounts(sampleCourseRun());
  assert.equal(expected.encrypted.size, 1, 'the sample holds one encrypted day');
  const outDir = await mkdtemp(join(tmpdir(), 'samced-front-door-'));
  const result = await runNotebook(resolve('test/fixtures/notebooks/front-door.ipynb'), {
    outDir,
    effects: { logger: memoryLogger() }
  });
  assert.equal(result.status, 'ok', result.failure?.message);
  const printed = result.executed.cells
    .filter((cell): cell is CodeCell => cell.cell_type === 'code')
    .flatMap((cell) => cell.outputs)
    .map((output) => [(output as { text?: string | string[] }).text ?? ''].flat().join(''))
    .join('');
  // (other lines may be notices, e.g. of temporary files a killed run left behind)
  assert.deepEqual(
    printed.split('\n').filter((line) => line.startsWith('events ')),
    [`events ${expected.events}`]
  );
});
