import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { DuckDBInstance } from '@duckdb/node-api';
import { openCourseRun } from '../../kernel-lib/load/course-run';
import { sampleCourseRun } from '../../kernel-lib/drop/sample';
import { memoryLogger } from '../../kernel-lib/util/effects';
import { courseRunTables, runTableName, writeCourseRunDb } from '../../kernel-lib/cli/open';
import { sqlPrompt } from '../../kernel-lib/cli/sql';

/** Rows of one of the sample run's exports in the snapshot it opens (lines after the header). */
function exportRows(snapshotDir: string, table: string): number {
  return (
    readFileSync(join(snapshotDir, `SamcedX-DATA101-1T2026-${table}-prod-analytics.sql`), 'utf8')
      .trimEnd()
      .split('\n').length - 1
  );
}

/** What the prompt prints for `lines` read from standard input (not a terminal), as CSV. */
async function prompt(duck: Parameters<typeof sqlPrompt>[0], lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString('utf8')));
  const done = sqlPrompt(duck, { format: 'csv', maxRows: 40 }, { input, output, errors: output, interactive: false });
  input.end(lines.join('\n') + '\n');
  assert.equal(await done, 0);
  return shown;
}

test('open lists and writes the personal tables only with --personal, into schema personal; sql’s .tables lists main, `.tables personal` the others', async () => {
  const logger = memoryLogger();
  const run = await openCourseRun(sampleCourseRun(), { logger });
  try {
    const plain = (await courseRunTables(run)).map(runTableName);
    assert.ok(plain.includes('events') && plain.includes('student_courseenrollment'), plain.join(' '));
    assert.ok(
      plain.every((name) => !name.includes('.')),
      'schema main only'
    );
    assert.ok(!plain.includes('auth_user') && !plain.includes('cut_files'));
    const withPersonal = (await courseRunTables(run, { personal: true })).map(runTableName);
    assert.deepEqual(
      withPersonal,
      [
        ...plain,
        ...[
          'auth_user',
          'auth_userprofile',
          'certificates_generatedcertificate',
          'user_id_map',
          'wiki_articlerevision'
        ].map((t) => `personal.${t}`)
      ],
      'never personal.event_lines: its files are temporary'
    );

    const file = join(mkdtempSync(join(tmpdir(), 'samced-open-personal-')), 'course.duckdb');
    const written = await writeCourseRunDb(run, file, logger, { personal: true });
    assert.deepEqual(
      written.map((w) => w.table),
      withPersonal
    );
    assert.equal(
      written.find((w) => w.table === 'personal.auth_user')?.rows,
      exportRows(run.snapshot.dir, 'auth_user')
    );
    assert.ok(
      logger.lines.some((l) => /schema personal: names, emails/.test(l) && /personal data/.test(l)),
      logger.lines.join('\n')
    );
    const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    try {
      const rows = (
        await connection.runAndReadAll(
          "select table_schema, table_name from information_schema.tables where table_schema <> 'main' order by all"
        )
      ).getRowObjectsJson();
      assert.deepEqual(
        rows.map((r) => `${r.table_schema}.${r.table_name}`),
        withPersonal.filter((name) => name.includes('.'))
      );
    } finally {
      connection.closeSync();
      instance.closeSync();
    }

    const main = (await prompt(run.duck, ['.tables'])).split('\n');
    assert.equal(main[0], 'name,type');
    assert.deepEqual(
      main
        .slice(1)
        .filter(Boolean)
        .map((l) => l.split(',')[0]),
      plain
    );
    assert.equal(
      await prompt(run.duck, ['.tables personal']),
      'name,type\nauth_user,BASE TABLE\nauth_userprofile,BASE TABLE\ncertificates_generatedcertificate,BASE TABLE\nevent_lines,VIEW\nuser_id_map,BASE TABLE\nwiki_articlerevision,BASE TABLE\n'
    );
  } finally {
    await run.close();
  }
});
