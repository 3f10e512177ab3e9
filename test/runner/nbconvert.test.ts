import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureKernelInstalled, jupyterPrefix } from '../../kernel-lib/runner/kernel-spec';
import type { CodeCell, Notebook } from '../../kernel-lib/runner/notebook-format';

// docs/notebooks.md, "Headless runs through Jupyter", as written: Debian's jupyter-nbconvert runs a
// notebook through the project's kernelspec (JUPYTER_PATH) and fills in outputs and execution counts.
const root = resolve('.');
const jupyter = spawnSync('jupyter', ['nbconvert', '--version'], { encoding: 'utf8' });
const skip =
  jupyter.status === 0
    ? false
    : 'Jupyter is absent (apt-get install jupyter-nbconvert jupyter-client; .ci/run installs them)';

test('Debian nbconvert executes a notebook on the samced kernel, with execution counts', {
  skip,
  timeout: 300_000
}, async () => {
  await ensureKernelInstalled(root);
  const out = await mkdtemp(join(tmpdir(), 'samced-nbconvert-'));
  try {
    const env = { ...process.env, JUPYTER_PATH: join(jupyterPrefix(root), 'share', 'jupyter') };
    const specs = spawnSync('jupyter', ['kernelspec', 'list'], { encoding: 'utf8', env });
    assert.match(specs.stdout, /tslab\s+\S*\.jupyter-prefix\/share\/jupyter\/kernels\/tslab/);
    const run = spawnSync(
      'jupyter',
      ['nbconvert', '--to', 'notebook', '--execute', '--output-dir', out, 'test/fixtures/notebooks/charts-table.ipynb'],
      { encoding: 'utf8', env, cwd: root }
    );
    assert.equal(run.status, 0, run.stderr);
    const executed = JSON.parse(await readFile(join(out, 'charts-table.ipynb'), 'utf8')) as Notebook;
    const code = executed.cells.filter((cell): cell is CodeCell => cell.cell_type === 'code');
    assert.deepEqual(
      code.map((cell) => cell.execution_count),
      [1, 2, 3, 4, 5, 6]
    );
    assert.deepEqual(
      code.map((cell) => cell.outputs.map((o) => o.output_type)),
      [[], [], ['display_data'], ['display_data'], ['display_data'], ['stream', 'stream', 'stream']]
    );
    assert.deepEqual(
      code[5].outputs.map((o) =>
        o.output_type === 'stream' ? [o.name, ([] as string[]).concat(o.text).join('')] : []
      ),
      [
        ['stdout', 'demo x2\n'],
        ['stderr', 'a line on stderr\n'],
        ['stdout', '50\n']
      ]
    );
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
