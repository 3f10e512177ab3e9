import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runNotebooksCommand } from '../../kernel-lib/cli/run';
import type { CodeCell, Output } from '../../kernel-lib/runner/notebook-format';
import { runNotebook, type NotebookRunResult } from '../../kernel-lib/runner/run';
import { fixedClock, memoryLogger } from '../../kernel-lib/util/effects';

// Two failing notebooks at once (one tslab kernel each): a runtime error and a type error.
// Timeouts and dying kernels are tested with a fake kernel in kernel-client.test.ts.
const fixtures = resolve('test/fixtures/notebooks');
const effects = { logger: memoryLogger(), clock: fixedClock('2026-01-02T03:04:05Z') };
let runtimeStatus: number;
let printed = '';
let runtimeOut: string;
let typeError: NotebookRunResult;

before(async () => {
  runtimeOut = await mkdtemp(join(tmpdir(), 'samced-run-error-'));
  const stdout = { write: (text: string) => (printed += text) };
  [runtimeStatus, typeError] = await Promise.all([
    runNotebooksCommand([join(fixtures, 'runtime-error.ipynb'), '--out', runtimeOut], effects, stdout),
    runNotebook(join(fixtures, 'type-error.ipynb'), {
      outDir: await mkdtemp(join(tmpdir(), 'samced-run-error-')),
      effects
    })
  ]);
});

const text = (output: Output): string => [(output as { text: string | string[] }).text].flat().join('');

test('a runtime error fails the run with the cell number and message, and exits 1', async () => {
  assert.equal(runtimeStatus, 1);
  assert.match(printed, /^FAILED /);
  assert.match(printed, /runtime-error\.ipynb: cell 3: Error: deliberate failure in cell 3\n/);
  const executed = JSON.parse(await readFile(join(runtimeOut, 'runtime-error.ipynb'), 'utf8'));
  const cells = executed.cells as CodeCell[];
  assert.deepEqual(
    cells.map((cell) => cell.execution_count),
    [1, 2, 3, null],
    'cell 4 never ran'
  );
  assert.equal(text(cells[1].outputs[0]), 'before 1\n');
  const failing = cells[2].outputs;
  assert.equal(failing[0].output_type, 'stream', 'tslab prints the error on stderr');
  assert.deepEqual(failing[failing.length - 1], {
    output_type: 'error',
    ename: 'Error',
    evalue: 'deliberate failure in cell 3',
    traceback: ['Error: deliberate failure in cell 3']
  });
  assert.deepEqual(cells[3].outputs, []);
  assert.deepEqual(executed.metadata.samced.failure, {
    cell: 3,
    message: 'cell 3: Error: deliberate failure in cell 3'
  });
  const report = await readFile(join(runtimeOut, 'runtime-error.html'), 'utf8');
  assert.match(report, /<pre class="error">Error: deliberate failure in cell 3<\/pre>/);
  assert.match(report, /<tr><th>Status<\/th><td>failed: cell 3: Error: deliberate failure in cell 3<\/td><\/tr>/);
});

test('a TypeScript error fails the run at its cell with the compiler message', () => {
  assert.equal(typeError.status, 'failed');
  // `const label: number = 'not a number';`: the error is reported at the name, line 1 column 7
  assert.deepEqual(typeError.failure, {
    cell: 2,
    message: "cell 2: type error: 1:7 - Type 'string' is not assignable to type 'number'."
  });
  const cells = typeError.executed.cells.filter((cell): cell is CodeCell => cell.cell_type === 'code');
  assert.deepEqual(
    cells.map((cell) => cell.execution_count),
    [1, null]
  );
  assert.ok(
    existsSync(typeError.reportPath) && existsSync(typeError.executedPath),
    'outputs are written for a failed run too'
  );
});
