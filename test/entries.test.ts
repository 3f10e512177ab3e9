import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as front from '../kernel-lib/index';
import * as internal from '../kernel-lib/internal';

/** The names an entry file lists in its `export { ... } from` statements, types included. */
function listedNames(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/export \{([^}]*)\} from/g)].flatMap((m) =>
    m[1]!
      .split(',')
      .map((name) =>
        name
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)
          .pop()!
          .trim()
      )
      .filter(Boolean)
  );
}

test('the two entries are disjoint: internal.ts exports nothing that index.ts exports', () => {
  const frontNames = new Set(listedNames('kernel-lib/index.ts'));
  assert.deepEqual(
    listedNames('kernel-lib/internal.ts').filter((name) => frontNames.has(name)),
    []
  );
  assert.deepEqual(
    Object.keys(internal).filter((name) => name in front),
    []
  );
});

test('every value internal.ts lists is defined at run time (a type exported without `type` would fail to load)', () => {
  const values = Object.entries(internal);
  assert.ok(values.length > 100, `internal.ts exports ${values.length} values`);
  assert.deepEqual(
    values.filter(([, value]) => value === undefined).map(([name]) => name),
    []
  );
  // a few from different stages, by kind
  assert.equal(typeof internal.KernelClient.start, 'function');
  assert.equal(internal.PRIVATE_DIR_MODE, 0o700);
  assert.equal(internal.statementComplete('SELECT 1;'), true);
  assert.equal(internal.statementComplete("SELECT ';"), false);
  assert.equal(internal.isSafeKey('a/b.gpg'), true);
});

/** The JSDoc block right above the declaration of `name` in `file` (following one `export ... from` hop), or undefined. */
function docOf(file: string, name: string): string | undefined {
  const source = readFileSync(file, 'utf8');
  const lines = source.split('\n');
  const declaration = new RegExp(
    `^export (declare )?(async )?(function\\*? |const |let |class |interface |type )${name}\\b`
  );
  const at = lines.findIndex((line) => declaration.test(line));
  if (at < 0) {
    const hop = [...source.matchAll(/export (?:type )?\{([^}]*)\} from '(\.[^']+)'/g)].find((m) =>
      m[1]!.split(',').some((n) => n.trim().replace(/^type\s+/, '') === name)
    );
    return hop ? docOf(join(dirname(file), hop[2]! + '.ts'), name) : undefined;
  }
  if (!lines[at - 1]?.trim().endsWith('*/')) return undefined;
  let start = at - 1;
  while (start > 0 && !lines[start]!.trimStart().startsWith('/**')) start--;
  return lines.slice(start, at).join('\n');
}

test('every export of the front door has a JSDoc @example where it is defined', () => {
  const source = readFileSync('kernel-lib/index.ts', 'utf8');
  const missing: string[] = [];
  for (const m of source.matchAll(/export \{([^}]*)\} from '\.\/([^']+)'/g)) {
    for (const raw of m[1]!.split(',')) {
      const name = raw.trim().replace(/^type\s+/, '');
      if (!name) continue;
      if (!docOf(join('kernel-lib', m[2]! + '.ts'), name)?.includes('@example')) missing.push(name);
    }
  }
  assert.deepEqual(missing, []);
});
