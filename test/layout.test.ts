import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

// The library's folders are the stages of the data's way, in this order; a module imports only from
// its own folder or the folders before it (index.ts and internal.ts, the entries, from all).
const STAGES = [
  'util',
  'duck',
  'acquire',
  'drop',
  'load',
  'aggregates',
  'queries',
  'exports',
  'output',
  'display',
  'runner',
  'cli'
];
const LIB = 'kernel-lib';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.(ts|mjs)$/.test(name) ? [path] : [];
  });
}

/** The stage of a file under kernel-lib ('entry' for the files at its top). */
function stage(path: string): string {
  const parts = relative(LIB, path).split('/');
  return parts.length === 1 ? 'entry' : parts[0]!;
}

test('every folder of kernel-lib is a stage; no module imports from a later stage', () => {
  const files = sources(LIB);
  const unknown = [...new Set(files.map(stage))].filter((s) => s !== 'entry' && !STAGES.includes(s));
  assert.deepEqual(unknown, [], 'folders that are not stages');
  const upward: string[] = [];
  for (const file of files) {
    const from = stage(file);
    for (const match of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const to = stage(join(dirname(file), match[1]!));
      if (from !== 'entry' && (to === 'entry' || STAGES.indexOf(to) > STAGES.indexOf(from)))
        upward.push(`${relative(LIB, file)} imports ${match[1]} (${to})`);
    }
  }
  assert.deepEqual(upward, []);
});

test('an upward import is found (the check above can fail)', () => {
  assert.equal(stage(join(LIB, 'load', 'course-run.ts')), 'load');
  assert.ok(
    STAGES.indexOf(stage(join(LIB, 'output', 'x.ts'))) > STAGES.indexOf(stage(join(LIB, 'load', 'events', 'x.ts')))
  );
  assert.equal(stage(join(LIB, 'index.ts')), 'entry');
});

test('no file of kernel-lib is over 300 lines', () => {
  const long = sources(LIB)
    .map((file) => ({ file: relative(LIB, file), lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
    .filter((f) => f.lines > 300);
  assert.deepEqual(long, []);
});
