import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { openCourseRun, sampleCourseRun, TABLE_SCHEMAS, EVENT_COLUMNS, FORUM_COLUMNS, COURSE_STRUCTURE_COLUMNS, COURSE_CONTENT_COLUMNS } from '../../kernel-lib/index';
import { computeSamcedTables } from '../../kernel-lib/output/build';
import { memoryLogger } from '../../kernel-lib/util/effects';
import { independentSampleCounts } from '../fixtures/sample-events';
import { makeMiniDrop, MINI } from '../fixtures/mini-drop';
import { buildEmailOptIn } from '../../kernel-lib/exports/email-opt-in';

/**
 * The tables and views an opened run shows (docs/exploring.md, "The tables"): every `.sql` export
 * of TABLE_SCHEMAS that is not personal, and the four documented by their column lists.
 */
const DOCUMENTED = [
  ...TABLE_SCHEMAS.filter((s) => !s.personal).map((s) => s.table),
  ...Object.entries({ forum: FORUM_COLUMNS, course_structure: COURSE_STRUCTURE_COLUMNS, course_content: COURSE_CONTENT_COLUMNS, events: EVENT_COLUMNS }).map(([name, columns]) => {
    assert.ok(Object.keys(columns).length > 0, `${name} is documented column by column`);
    return name;
  })
].sort();

/** Rows of one of the sample run's exports in the snapshot it opens (lines after the header). */
function exportRows(snapshotDir: string, table: string): number {
  return readFileSync(join(snapshotDir, `SamcedX-DATA101-1T2026-${table}-prod-analytics.sql`), 'utf8').trimEnd().split('\n').length - 1;
}

test('an opened run shows only the documented tables and views; personal ones by name in `personal`, the loader’s own in `internal`', async () => {
  const sample = sampleCourseRun();
  const run = await openCourseRun(sample, { logger: memoryLogger() });
  try {
    const shown = (await run.duck.json('SHOW TABLES')).map((r) => String(r.name)).sort();
    assert.deepEqual(shown, DOCUMENTED);
    assert.deepEqual(TABLE_SCHEMAS.filter((s) => s.personal).map((s) => s.table), ['auth_user', 'user_id_map'], 'the exports that are personal as a whole');

    const inSchema = async (schema: string) =>
      (await run.duck.json(`SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = '${schema}' ORDER BY 1`)).map((r) => String(r.table_name));
    assert.deepEqual(await inSchema('personal'), ['auth_user', 'event_lines', 'user_id_map']);
    assert.deepEqual(await inSchema('internal'), ['cut_files', 'event_line_copies']);
    assert.deepEqual(await inSchema('main'), DOCUMENTED);

    // loaded, and asked for by name
    assert.equal(run.snapshot.date, '2026-02-15');
    for (const table of ['auth_user', 'user_id_map']) assert.equal(Number(await run.duck.scalar(`SELECT count(*) FROM personal.${table}`)), exportRows(run.snapshot.dir, table), table);
    assert.equal(exportRows(run.snapshot.dir, 'auth_user'), 51);
    await assert.rejects(run.duck.scalar('SELECT count(*) FROM auth_user'), /auth_user/, 'not without its schema');
    const { events } = await independentSampleCounts(sample);
    assert.equal(Number(await run.duck.scalar('SELECT count(*) FROM personal.event_lines JOIN events USING (source_file, source_line)')), events, 'every event has its raw line');
  } finally {
    await run.close();
  }
});

test('after the families are computed, schema `samced` holds exactly the SAMCED tables the families document, and `main` is unchanged', async () => {
  const run = await openCourseRun(sampleCourseRun(), { logger: memoryLogger() });
  try {
    const tables = await computeSamcedTables(run);
    const inSchema = async (schema: string) =>
      (await run.duck.json(`SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = '${schema}' ORDER BY 1`)).map((r) => String(r.table_name));
    assert.deepEqual(await inSchema('samced'), tables.map((t) => t.name).sort());
    assert.ok(tables.every((t) => t.columns.length > 0 && t.doc.length > 0));
    assert.deepEqual(await inSchema('main'), DOCUMENTED);
    assert.deepEqual(await inSchema('personal'), ['auth_user', 'event_lines', 'user_id_map']);
  } finally {
    await run.close();
  }
});

test('the email opt-in on an opened run: its table and staged exports in `personal`, the run’s own tables untouched', async () => {
  const run = await openCourseRun({ data: makeMiniDrop(), ...MINI }, { logger: memoryLogger() });
  try {
    const profiles = Number(await run.duck.scalar('SELECT count(*) FROM auth_userprofile'));
    const shown = (await run.duck.json('SHOW TABLES')).map((r) => String(r.name)).sort();
    // test/cli/user-exports.test.ts: learner 11 alone opted in for M101
    assert.equal(await buildEmailOptIn(run.duck, run.snapshot, MINI.org, MINI), 1);
    assert.deepEqual(await run.duck.json('SELECT user_id::INTEGER AS user_id, email FROM personal.email_opt_in'), [{ user_id: 11, email: 'anna@example.org' }]);
    assert.deepEqual((await run.duck.json('SHOW TABLES')).map((r) => String(r.name)).sort(), shown);
    assert.equal(Number(await run.duck.scalar('SELECT count(*) FROM auth_userprofile')), profiles, 'the run’s profiles, not another export’s');
    const personal = (await run.duck.json("SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = 'personal' ORDER BY 1")).map((r) => String(r.table_name));
    assert.deepEqual(personal, ['auth_user', 'email_opt_in', 'event_lines', 'user_id_map'], 'the staged exports are dropped');
  } finally {
    await run.close();
  }
});
