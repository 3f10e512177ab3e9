import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { buildSamced } from '../../kernel-lib/output/build';
import { openCourseRun } from '../../kernel-lib/load/course-run';
import { writeQueryFile } from '../../kernel-lib/output/query-csv';
import { fixedClock, memoryLogger } from '../../kernel-lib/util/effects';
import { makeMiniDrop, MINI } from '../fixtures/mini-drop';

// Outputs and the temporary work folder hold personal data and run on shared
// servers: folders 0700, files 0600. The umask is set to the common 022 meanwhile, so that the
// modes come from samced, not from a strict umask of the machine running the tests.

let dir: string;
let drop: string;
let umask: number;

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** Every folder and file under `root` (itself included) with its mode, as `relative path: mode`. */
function modes(root: string): { dirs: string[]; files: string[] } {
  const dirs: string[] = [];
  const files: string[] = [];
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) {
      dirs.push(`${relative(dir, path) || '.'}: ${mode(path)}`);
      for (const name of readdirSync(path)) walk(join(path, name));
    } else {
      files.push(`${relative(dir, path)}: ${mode(path)}`);
    }
  };
  walk(root);
  return { dirs, files };
}

before(() => {
  umask = process.umask(0o022);
  dir = mkdtempSync(join(tmpdir(), 'samced-modes-'));
  drop = makeMiniDrop();
});

after(async () => {
  process.umask(umask);
  await rm(dir, { recursive: true, force: true });
});

test('a build: the output folder (and a parent it creates) is 0700, every file in it 0600', async () => {
  const out = join(dir, 'new-parent', 'out');
  await buildSamced(
    { data: drop, ...MINI, out },
    { logger: memoryLogger(), clock: fixedClock('2026-03-10T12:00:00Z') }
  );
  const output = modes(dirname(out));
  assert.ok(output.files.length > 20, output.files.join('\n'));
  assert.deepEqual(
    output.dirs.filter((d) => !d.endsWith(': 700')),
    [],
    'output folders not 0700'
  );
  assert.deepEqual(
    output.files.filter((f) => !f.endsWith(': 600')),
    [],
    'output files not 0600'
  );
  assert.ok(
    output.files.some((f) => f.endsWith('-SAMCED.db: 600')) && output.files.some((f) => f.endsWith('.sql: 600')),
    'the SQLite file and the copied course files are among them'
  );
});

test('an open course run: its temporary work folder (the cut, the parsed events, the spill folder) is 0700; a query file it writes is 0600', async () => {
  const run = await openCourseRun({ data: drop, ...MINI }, { logger: memoryLogger() });
  try {
    // DuckDB spills into <work folder>/spill: the work folder, wherever it is made
    const spill = String(await run.duck.scalar("SELECT current_setting('temp_directory')"));
    const work = dirname(spill);
    assert.ok(readdirSync(work).length > 0, `the work folder ${work} is empty`);
    assert.equal(mode(work), '700', `work folder ${work}`);
    const file = join(dir, 'exports', 'events.csv');
    await writeQueryFile(run.duck, 'SELECT user_id, event_type FROM events', file);
    assert.equal(mode(file), '600');
    assert.equal(mode(dirname(file)), '700');
  } finally {
    await run.close();
  }
});
