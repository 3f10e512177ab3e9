import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

// Notebooks (01-sync) import kernel-lib/acquire through tslab, which type-checks it with its own
// TypeScript 5.0.4 as CommonJS, ES2022, Node10 resolution and no DOM types. Check it the same way.
test('kernel-lib/acquire compiles under tslab’s TypeScript as CommonJS without DOM types', () => {
  const require = createRequire(resolve('package.json'));
  const ts = require(require.resolve('@tslab/typescript-for-tslab', { paths: [resolve('node_modules/tslab')] })) as typeof import('typescript');
  assert.match(ts.version, /^5\.0\./);
  const dir = resolve('kernel-lib/acquire');
  const files = readdirSync(dir).filter((name) => name.endsWith('.ts')).map((name) => join(dir, name));
  files.push(resolve('kernel-lib/cli/sync.ts'), resolve('kernel-lib/cli/decrypt.ts'));
  const program = ts.createProgram(files, {
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
