import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

// Notebooks import kernel-lib through tslab, which type-checks it with its own TypeScript 5.0.4 as
// CommonJS, ES2022, Node10 resolution and no DOM types. Check every kernel-lib file the same way
// (this also rejects import.meta, top-level await and syntax newer than TypeScript 5.0).
test('all of kernel-lib compiles under tslab’s TypeScript 5.0 as CommonJS without DOM types', () => {
  const require = createRequire(resolve('package.json'));
  const ts = require(
    require.resolve('@tslab/typescript-for-tslab', { paths: [resolve('node_modules/tslab')] })
  ) as typeof import('typescript');
  assert.match(ts.version, /^5\.0\./);
  // the options the compiled library is built with (scripts/build-kernel-lib.cjs), without emitting
  const { compilerOptions } = require(resolve('scripts/build-kernel-lib.cjs')) as {
    compilerOptions(typescript: typeof ts, root: string, outDir: string): import('typescript').CompilerOptions;
  };
  const program = ts.createProgram(tsFiles(resolve('kernel-lib')), {
    ...compilerOptions(ts, resolve('.'), resolve('.cache', 'unused')),
    declaration: false,
    noEmit: true
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
  });
  assert.deepEqual(diagnostics, []);
});
