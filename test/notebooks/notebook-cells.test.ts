import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CodeCell, Notebook } from '../../kernel-lib/runner/notebook-format';

// The committed notebooks as JSON, no kernel: each cell is analysis, not plumbing. The library's front
// door (kernel-lib/index) opens runs, decrypts and computes the table families; a notebook only calls it.

const dir = resolve('notebooks');
const notebooks = readdirSync(dir)
  .filter((name) => name.endsWith('.ipynb'))
  .sort()
  .map((name) => ({ name, notebook: JSON.parse(readFileSync(join(dir, name), 'utf8')) as Notebook }));

const sourceOf = (cell: CodeCell): string => (Array.isArray(cell.source) ? cell.source.join('') : cell.source);
const codeCells = (notebook: Notebook): CodeCell[] =>
  notebook.cells.filter((c): c is CodeCell => c.cell_type === 'code');

/** The module specifiers of a cell's import statements (static `import ... from '...'` and side-effect `import '...'`). */
function importsOf(source: string): string[] {
  return [...source.matchAll(/^\s*import\s+(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gms)].map((m) => m[1]!);
}

test('the notebooks folder holds the numbered notebooks, 00 to 09 and any added since', () => {
  assert.ok(notebooks.length >= 10, `${notebooks.length} notebooks`);
  for (const { name } of notebooks) assert.match(name, /^\d\d-[a-z0-9-]+\.ipynb$/);
});

test('importsOf finds every import form a cell uses', () => {
  const source =
    "import type { Readable } from 'node:stream';\nimport {\n  a,\n  b\n} from './kernel-lib/index';\nimport 'x';\nconst s = 'import y from z';";
  assert.deepEqual(importsOf(source), ['node:stream', './kernel-lib/index', 'x']);
});

test('no code cell is over 25 lines', () => {
  const long = notebooks.flatMap(({ name, notebook }) =>
    codeCells(notebook)
      .map((cell) => ({ id: cell.id, lines: sourceOf(cell).replace(/\n$/, '').split('\n').length }))
      .filter((cell) => cell.lines > 25)
      .map((cell) => `${name} cell ${cell.id}: ${cell.lines} lines`)
  );
  assert.deepEqual(long, []);
});

test('no notebook decrypts, loads a key or loops over the table families itself', () => {
  const named = notebooks.flatMap(({ name, notebook }) =>
    ['decryptReadable', 'loadDecryptionKey', 'openDecryptedStream', 'SAMCED_FAMILIES']
      .filter((word) => codeCells(notebook).some((cell) => sourceOf(cell).includes(word)))
      .map((word) => `${name}: ${word}`)
  );
  assert.deepEqual(named, []);
});

test("every notebook imports in its first code cell after the parameters, only from './kernel-lib/index'", () => {
  for (const { name, notebook } of notebooks) {
    const [parameters, first, ...rest] = codeCells(notebook);
    assert.ok(parameters?.metadata.tags?.includes('parameters'), `${name}: the first code cell is the parameters cell`);
    assert.deepEqual(importsOf(sourceOf(parameters!)), [], `${name}: parameters cell`);
    assert.deepEqual([...new Set(importsOf(sourceOf(first!)))], ['./kernel-lib/index'], `${name}: imports cell`);
    for (const cell of rest) assert.deepEqual(importsOf(sourceOf(cell)), [], `${name} cell ${cell.id}`);
  }
});
