import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import {
  computeTables,
  openCourseRun,
  sampleCourseRun,
  TABLE_SCHEMAS,
  EVENT_COLUMNS,
  FORUM_COLUMNS,
  COURSE_STRUCTURE_COLUMNS,
  COURSE_CONTENT_COLUMNS
} from '../../kernel-lib/index';
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
  ...Object.entries({
    forum: FORUM_COLUMNS,
    course_structure: COURSE_STRUCTURE_COLUMNS,
    course_content: COURSE_CONTENT_COLUMNS,
    events: EVENT_COLUMNS
  }).map(([name, columns]) => {
    assert.ok(Object.keys(columns).length > 0, `${name} is documented column by column`);
    return name;
  })
].sort();

/**
 * Schema personal: the exports that are personal as a whole, the whole exports of which main shows
 * only the columns TABLE_SCHEMAS does not drop (names, addresses, certificate links, IP addresses),
 * and the raw log lines.
 */
const PERSONAL = [
  'auth_user',
  'auth_userprofile',
  'certificates_generatedcertificate',
  'event_lines',
  'user_id_map',
  'wiki_articlerevision'
];

/** Rows of one of the sample run's exports in the snapshot it opens (lines after the header). */
function exportRows(snapshotDir: string, table: string): number {
  return (
    readFileSync(join(snapshotDir, `SamcedX-DATA101-1T2026-${table}-prod-analytics.sql`), 'utf8')
      .trimEnd()
      .split('\n').length - 1
  );
}

test('an opened run shows only the documented tables and views; personal ones by name in `personal`, the loader’s own in `internal`', async () => {
  const sample = sampleCourseRun();
  const run = await openCourseRun(sample, { logger: memoryLogger() });
  try {
    const shown = (await run.duck.json('SHOW TABLES')).map((r) => String(r.name)).sort();
    assert.deepEqual(shown, DOCUMENTED);
    assert.deepEqual(
      TABLE_SCHEMAS.filter((s) => s.personal).map((s) => s.table),
      ['auth_user', 'user_id_map'],
      'the exports that are personal as a whole'
    );

    const inSchema = async (schema: string) =>
      (
        await run.duck.json(
          `SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = '${schema}' ORDER BY 1`
        )
      ).map((r) => String(r.table_name));
    assert.deepEqual(await inSchema('personal'), PERSONAL);
    assert.deepEqual(await inSchema('internal'), ['cut_files', 'event_line_copies']);
    assert.deepEqual(await inSchema('main'), DOCUMENTED);

    // loaded, and asked for by name
    assert.equal(run.snapshot.date, '2026-02-15');
    for (const table of ['auth_user', 'user_id_map'])
      assert.equal(
        Number(await run.duck.scalar(`SELECT count(*) FROM personal.${table}`)),
        exportRows(run.snapshot.dir, table),
        table
      );
    assert.equal(exportRows(run.snapshot.dir, 'auth_user'), 51);
    await assert.rejects(run.duck.scalar('SELECT count(*) FROM auth_user'), /auth_user/, 'not without its schema');
    // a split export: main shows the columns that may be exported, personal the whole export
    for (const schema of TABLE_SCHEMAS.filter((s) => !s.personal && s.columns.some((c) => c.dropped))) {
      const columns = async (sql: string) => (await run.duck.json(sql)).map((r) => String(r.column_name));
      const shownColumns = await columns(
        `SELECT column_name FROM information_schema.columns WHERE table_catalog = current_database() AND table_schema = 'main' AND table_name = '${schema.table}'`
      );
      const dropped = schema.columns.filter((c) => c.dropped).map((c) => c.name);
      assert.ok(
        shownColumns.length > 0 && shownColumns.every((c) => !dropped.includes(c)),
        `${schema.table}: ${shownColumns.join(' ')}`
      );
      const whole = await columns(
        `SELECT column_name FROM information_schema.columns WHERE table_catalog = current_database() AND table_schema = 'personal' AND table_name = '${schema.table}'`
      );
      assert.ok(
        dropped.some((c) => whole.includes(c)),
        `personal.${schema.table} holds ${dropped.join(' ')}`
      );
      assert.equal(
        Number(await run.duck.scalar(`SELECT count(*) FROM ${schema.table}`)),
        exportRows(run.snapshot.dir, schema.table),
        schema.table
      );
    }
    await assert.rejects(run.duck.scalar('SELECT count(name) FROM auth_userprofile'), /name/);
    assert.equal(
      Number(await run.duck.scalar("SELECT count(*) FROM personal.auth_userprofile WHERE name <> ''")),
      exportRows(run.snapshot.dir, 'auth_userprofile'),
      'every profile has its name'
    );
    const { events } = await independentSampleCounts(sample);
    assert.equal(
      Number(
        await run.duck.scalar('SELECT count(*) FROM personal.event_lines JOIN events USING (source_file, source_line)')
      ),
      events,
      'every event has its raw line'
    );
  } finally {
    await run.close();
  }
});

test('after the families are computed, schema `samced` holds exactly the SAMCED tables the families document, and `main` is unchanged', async () => {
  const run = await openCourseRun(sampleCourseRun(), { logger: memoryLogger() });
  try {
    const tables = await computeTables(run);
    const inSchema = async (schema: string) =>
      (
        await run.duck.json(
          `SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = '${schema}' ORDER BY 1`
        )
      ).map((r) => String(r.table_name));
    assert.deepEqual(await inSchema('samced'), tables.map((t) => t.name).sort());
    assert.ok(tables.every((t) => t.columns.length > 0 && t.doc.length > 0));
    assert.deepEqual(await inSchema('main'), DOCUMENTED);
    assert.deepEqual(await inSchema('personal'), PERSONAL);
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
    assert.deepEqual(await run.duck.json('SELECT user_id::INTEGER AS user_id, email FROM personal.email_opt_in'), [
      { user_id: 11, email: 'anna@example.org' }
    ]);
    assert.deepEqual((await run.duck.json('SHOW TABLES')).map((r) => String(r.name)).sort(), shown);
    assert.equal(
      Number(await run.duck.scalar('SELECT count(*) FROM auth_userprofile')),
      profiles,
      'the run’s profiles, not another export’s'
    );
    const personal = (
      await run.duck.json(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = 'personal' ORDER BY 1"
      )
    ).map((r) => String(r.table_name));
    assert.deepEqual(personal, [...PERSONAL, 'email_opt_in'].sort(), 'the staged exports are dropped');
  } finally {
    await run.close();
  }
});
