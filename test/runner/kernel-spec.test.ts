import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureKernelInstalled, kernelCommand } from '../../kernel-lib/runner/kernel-spec';

async function fakeProject(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'samced-kernelspec-'));
  await mkdir(join(root, 'node_modules', 'tslab', 'dist'), { recursive: true });
  await writeFile(join(root, 'node_modules', 'tslab', 'dist', 'main.js'), '');
  return root;
}

test('ensureKernelInstalled writes kernel.json and the launcher into the project prefix', async () => {
  const root = await fakeProject();
  try {
    const result = await ensureKernelInstalled(root, { nodePath: '/opt/node/bin/node' });
    const dir = join(root, '.jupyter-prefix', 'share', 'jupyter', 'kernels', 'tslab');
    assert.deepEqual(result, { dir, changed: true });
    const spec = JSON.parse(await readFile(join(dir, 'kernel.json'), 'utf8'));
    assert.deepEqual(spec.argv, [
      '/opt/node/bin/node',
      join(dir, 'launch-tslab.cjs'),
      '--config-path',
      '{connection_file}'
    ]);
    assert.equal(spec.language, 'typescript');
    assert.equal(spec.display_name, 'TypeScript (tslab, samced)');
    const launcher = await readFile(join(dir, 'launch-tslab.cjs'), 'utf8');
    assert.ok(launcher.includes(`const root = ${JSON.stringify(root)};`));
    assert.ok(launcher.includes('startKernel('));
    assert.deepEqual(kernelCommand(root, '/opt/node/bin/node'), ['/opt/node/bin/node', join(dir, 'launch-tslab.cjs')]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('ensureKernelInstalled is idempotent and repairs a changed file', async () => {
  const root = await fakeProject();
  try {
    await ensureKernelInstalled(root, { nodePath: '/usr/bin/node' });
    const file = join(root, '.jupyter-prefix', 'share', 'jupyter', 'kernels', 'tslab', 'kernel.json');
    const before = await stat(file);
    assert.equal((await ensureKernelInstalled(root, { nodePath: '/usr/bin/node' })).changed, false);
    assert.equal((await stat(file)).mtimeMs, before.mtimeMs, 'an up-to-date file is not rewritten');
    assert.equal((await ensureKernelInstalled(root, { nodePath: '/other/node' })).changed, true);
    assert.equal(JSON.parse(await readFile(file, 'utf8')).argv[0], '/other/node');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('ensureKernelInstalled refuses a project without tslab', async () => {
  const root = await mkdtemp(join(tmpdir(), 'samced-kernelspec-'));
  try {
    await assert.rejects(ensureKernelInstalled(root), /tslab is not installed/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
