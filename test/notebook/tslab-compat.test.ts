import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

// Notebooks import kernel-lib through tslab, which type-checks it with its own TypeScript 5.0.4
// as CommonJS, ES2022, Node10 resolution, without DOM types. Check the notebook runtime the same way
// (this also rejects import.meta and top-level await, which CommonJS does not allow).
test('kernel-lib/notebook compiles under tslab’s TypeScript as CommonJS', () => {
  const require = createRequire(resolve('package.json'));
  const ts = require(require.resolve('@tslab/typescript-for-tslab', { paths: [resolve('node_modules/tslab')] })) as typeof import('typescript');
  assert.match(ts.version, /^5\.0\./);
  const dir = resolve('kernel-lib/notebook');
  const files = readdirSync(dir).filter((name) => name.endsWith('.ts')).map((name) => join(dir, name));
  files.push(resolve('kernel-lib/cli/run.ts'));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node']
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
  });
  assert.deepEqual(diagnostics, []);
});
