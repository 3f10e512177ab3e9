import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { KernelClient } from '../../kernel-lib/runner/kernel-client';
import { ensureKernelInstalled, kernelCommand } from '../../kernel-lib/runner/kernel-spec';

const require = createRequire(resolve('package.json'));
const { compiledKernelLib } = require(resolve('scripts/build-kernel-lib.cjs')) as {
  compiledKernelLib(root: string, warn?: (message: string) => void): string | undefined;
};

/** A project with a two-file kernel-lib, using the real node_modules (tslab's TypeScript). */
async function smallProject(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'samced-compiled-lib-'));
  await mkdir(join(root, 'kernel-lib'));
  await symlink(resolve('node_modules'), join(root, 'node_modules'));
  await writeFile(join(root, 'kernel-lib', 'index.ts'), "export { double } from './math';\n");
  await writeFile(
    join(root, 'kernel-lib', 'math.ts'),
    'export function double(x: number): number {\n  return 2 * x;\n}\n'
  );
  return root;
}

test('the compiled library: CommonJS + .d.ts, owner-only, rebuilt into a new folder when a source changes, none for sources with type errors', async () => {
  const root = await smallProject();
  try {
    const warnings: string[] = [];
    const first = compiledKernelLib(root, (m) => warnings.push(m));
    assert.ok(first, warnings.join('\n'));
    assert.equal(
      readFileSync(join(first, 'math.d.ts'), 'utf8').trim(),
      'export declare function double(x: number): number;'
    );
    const loaded = require(join(first, 'index.js')) as { double(x: number): number };
    assert.equal(loaded.double(21), 42);
    assert.equal(statSync(join(first, 'math.js')).mode & 0o777, 0o600);
    assert.equal(statSync(first).mode & 0o777, 0o700);
    assert.equal(compiledKernelLib(root), first, 'unchanged sources: the same build');

    await writeFile(
      join(root, 'kernel-lib', 'math.ts'),
      'export function double(x: number): number {\n  return x + x + 0;\n}\n'
    );
    const second = compiledKernelLib(root);
    assert.ok(second && second !== first, 'a changed source gives a new build');
    assert.match(readFileSync(join(second, 'math.js'), 'utf8'), /return x \+ x \+ 0;/);
    await writeFile(join(root, 'package-lock.json'), '{ "lockfileVersion": 3 }\n');
    const third = compiledKernelLib(root);
    assert.ok(third && third !== second, 'a changed lockfile gives a new build');

    await writeFile(
      join(root, 'kernel-lib', 'math.ts'),
      "export function double(x: number): number {\n  return 'two';\n}\n"
    );
    const broken: string[] = [];
    assert.equal(
      compiledKernelLib(root, (m) => broken.push(m)),
      undefined
    );
    assert.match(broken.join('\n'), /kernel-lib\/math\.ts:2: Type 'string' is not assignable to type 'number'/);
    assert.equal(
      compiledKernelLib(root, (m) => broken.push(m)),
      undefined,
      'known broken: not rebuilt'
    );
    assert.equal(broken.length, 1);
    assert.deepEqual(
      readdirSync(join(root, '.cache', 'kernel-lib')).filter((n) => n.includes('.tmp-')),
      [],
      'no temporary folders left'
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('the compiled library loads a package when a module first uses it, not when it loads', async () => {
  const root = await smallProject();
  try {
    await writeFile(
      join(root, 'kernel-lib', 'index.ts'),
      "export { double } from './math';\nexport { zipReader } from './zip';\n"
    );
    await writeFile(
      join(root, 'kernel-lib', 'zip.ts'),
      "import * as yauzl from 'yauzl';\nexport function zipReader(): string {\n  return typeof yauzl.open;\n}\n"
    );
    const dir = compiledKernelLib(root);
    assert.ok(dir);
    const probe = `
const loaded = () => Object.keys(require.cache).some((f) => f.includes('/node_modules/yauzl/'));
const lib = require(${JSON.stringify(join(dir, 'index.js'))});
console.log([loaded(), lib.double(2), lib.zipReader(), loaded()].join(' '));`;
    assert.equal(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' }).trim(), 'false 4 function true');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('in the kernel, cells import kernel-lib compiled ahead and are still type-checked against it', {
  timeout: 300_000
}, async () => {
  const root = resolve('.');
  await ensureKernelInstalled(root);
  const kernel = await KernelClient.start({
    cwd: join(root, 'notebooks'),
    command: kernelCommand(root),
    startTimeoutMs: 240_000
  });
  const text = (outcome: { messages: Array<{ content: Record<string, unknown> }> }): string =>
    outcome.messages.map((m) => String(m.content.text ?? '')).join('');
  try {
    const imported = await kernel.execute(
      "import { parseCourseKey } from './kernel-lib/index';\nconsole.log(parseCourseKey('course-v1:ChalmersX+ChM001+1T2024')?.course);"
    );
    assert.equal(imported.status, 'ok', text(imported));
    assert.equal(text(imported), 'ChM001\n');
    const loadedFrom = await kernel.execute(
      "console.log(Object.keys(require.cache).filter((f) => f.endsWith('/drop/course-key.js')).map((f) => f.includes('/.cache/kernel-lib/')).join());"
    );
    assert.equal(text(loadedFrom), 'true\n', 'the library module came from .cache/kernel-lib');
    const typeError = await kernel.execute("const n: number = parseCourseKey('x');");
    assert.equal(typeError.status, 'error');
    assert.match(
      text(typeError),
      /Type 'CourseKey & \{ format: CourseKeyFormat; \}' is not assignable to type 'number'/
    );
  } finally {
    await kernel.shutdown();
  }
  assert.ok(existsSync(join(root, '.cache', 'kernel-lib')));
});

test('a cell importing the front door reads no AWS SDK declarations (the S3 client is typed opaquely in public types)', {
  timeout: 120_000
}, async () => {
  const warnings: string[] = [];
  const built = compiledKernelLib(resolve('.'), (m) => warnings.push(m));
  assert.ok(built, warnings.join('\n'));
  const ts = require(
    require.resolve('@tslab/typescript-for-tslab', { paths: [resolve('node_modules', 'tslab')] })
  ) as typeof import('typescript');
  const dir = await mkdtemp(join(tmpdir(), 'samced-cell-'));
  try {
    const cell = join(dir, 'cell.ts');
    await writeFile(
      cell,
      `import * as samced from '${join(built, 'index')}';\nexport const run = samced.openCourseRun;\n`
    );
    const program = ts.createProgram([cell], {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2019,
      noEmit: true,
      esModuleInterop: true,
      typeRoots: [resolve('node_modules', '@types')]
    });
    const read = program.getSourceFiles().map((f) => f.fileName);
    assert.ok(
      read.some((f) => f.includes('@duckdb/node-api')),
      'the declarations were followed'
    );
    assert.deepEqual(
      read.filter((f) => /@aws-sdk|@smithy/.test(f)),
      []
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
