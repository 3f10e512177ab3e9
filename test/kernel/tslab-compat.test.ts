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
  const ts = require(require.resolve('@tslab/typescript-for-tslab', { paths: [resolve('node_modules/tslab')] })) as typeof import('typescript');
  assert.match(ts.version, /^5\.0\./);
  const program = ts.createProgram(tsFiles(resolve('kernel-lib')), {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    noEmit: true,
    strict: true,
    types: ['node']
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
  });
  assert.deepEqual(diagnostics, []);
});
