import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../../kernel-lib/util/paths';
// @ts-expect-error plain JavaScript module of the CLI's entry (no types)
import { compiledCli } from '../../bin/compiled-cli.mjs';

/** A project with two tiny sources in the places of the CLI's entries. */
function tinyProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'samced-compiled-'));
  mkdirSync(join(root, 'kernel-lib', 'cli'), { recursive: true });
  mkdirSync(join(root, 'kernel-lib', 'load', 'events'), { recursive: true });
  writeFileSync(join(root, 'kernel-lib', 'shared.ts'), 'export const answer: number = 41;\n');
  writeFileSync(
    join(root, 'kernel-lib', 'cli', 'main.ts'),
    "import { answer } from '../shared';\nexport const main = async (): Promise<number> => answer + 1;\n"
  );
  writeFileSync(
    join(root, 'kernel-lib', 'load', 'events', 'cut.ts'),
    "import { answer } from '../../shared';\nexport const cutEventFiles = (): number => answer;\n"
  );
  return root;
}

test('the compiled CLI: built once per state of the sources, rebuilt in a new folder after a change, off with SAMCED_NO_BUNDLE=1', async () => {
  const root = tinyProject();
  const first = await compiledCli(root);
  assert.ok(first, 'compiled');
  assert.equal(await compiledCli(root), first, 'the same sources give the same folder, not a new build');
  const main = (await import(pathToFileURL(join(first, 'main.js')).href)) as { main: () => Promise<number> };
  assert.equal(await main.main(), 42);
  const cut = (await import(pathToFileURL(join(first, 'cut.js')).href)) as { cutEventFiles: () => number };
  assert.equal(cut.cutEventFiles(), 41);

  const shared = join(root, 'kernel-lib', 'shared.ts');
  writeFileSync(shared, 'export const answer: number = 99;\n');
  utimesSync(shared, new Date(), new Date(Date.now() + 5000));
  const second = await compiledCli(root);
  assert.notEqual(second, first);
  assert.equal(
    await ((await import(pathToFileURL(join(second, 'main.js')).href)) as { main: () => Promise<number> }).main(),
    100
  );
  // the earlier build stays a while (a running command may still load its chunks), nothing temporary is left
  assert.deepEqual(
    readdirSync(join(root, '.cache', 'cli')).sort(),
    [first, second].map((d: string) => d.split('/').pop()).sort()
  );

  process.env.SAMCED_NO_BUNDLE = '1';
  try {
    assert.equal(await compiledCli(root), undefined);
  } finally {
    delete process.env.SAMCED_NO_BUNDLE;
  }
});

test('the compiled CLI bundles @duckdb/node-api (its native bindings stay external) and it runs a query', async () => {
  const root = tinyProject();
  symlinkSync(join(projectRoot(), 'node_modules'), join(root, 'node_modules'));
  writeFileSync(
    join(root, 'kernel-lib', 'cli', 'main.ts'),
    `export const main = async (): Promise<number> => {
  const api = await import('@duckdb/node-api');
  const { DuckDBInstance } = api.DuckDBInstance ? api : (api as unknown as { default: typeof api }).default;
  const connection = await (await DuckDBInstance.create()).connect();
  return Number((await connection.runAndReadAll('SELECT 6 * 7')).getRows()[0]![0]);
};
`
  );
  const dir = await compiledCli(root);
  assert.ok(dir, 'compiled');
  const code = readdirSync(dir).map((f: string) => readFileSync(join(dir, f), 'utf8'));
  assert.ok(
    code.some((text: string) => text.includes('node_modules/@duckdb/node-api/lib/')),
    'node-api compiled in'
  );
  assert.ok(
    !code.some((text: string) => /from ["']@duckdb\/node-api["']|import\(["']@duckdb\/node-api["']\)/.test(text)),
    'no import of node-api left'
  );
  assert.ok(
    code.some((text: string) => text.includes('"@duckdb/node-bindings"')),
    'the bindings are required at run time'
  );
  const main = (await import(pathToFileURL(join(dir, 'main.js')).href)) as { main: () => Promise<number> };
  assert.equal(await main.main(), 42);
});
