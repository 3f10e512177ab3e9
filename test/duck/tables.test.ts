import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDuck } from '../../kernel-lib/duck/connection';
import { createMacros } from '../../kernel-lib/duck/macros';
import { loadTsvTable } from '../../kernel-lib/duck/views/tables';
import { InputError } from '../../kernel-lib/util/errors';

const dir = mkdtempSync(join(tmpdir(), 'samced-tsv-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

test('tsv_unescape undoes edX escapes in one left-to-right pass', async () => {
  const duck = await openDuck();
  await createMacros(duck);
  const rows = await duck.json(String.raw`SELECT tsv_unescape(s) AS v FROM (VALUES ('a\\b'), ('a\nb'), ('a\\nb'), ('a\\\nb'), ('t\tx\r'), ('no escapes'), ('nul\0x')) t(s)`);
  assert.deepEqual(rows.map((r) => r.v), ['a\\b', 'a\nb', 'a\\nb', 'a\\\nb', 't\tx\r', 'no escapes', 'nulx']);
  duck.close();
});

test('a .sql export loads typed, by header name, NULL as null, values unescaped', async () => {
  const duck = await openDuck();
  await createMacros(duck);
  // certificates header in a different order than the schema, an unknown column, NULL, an empty grade, trailing empty fields
  const p = file('cert.sql', 'user_id\tid\tgrade\tname\tstatus\tcreated_date\tnew_col\terror_reason\n' +
    '11\t5\t0.84\tAnna \\"A\\" S\\tX\tdownloadable\t2026-03-05 12:00:00\tz\t\n' +
    '12\t6\t\tNULL\tnotpassing\tNULL\t\t\n');
  const report = await loadTsvTable(duck, 'certificates_generatedcertificate', p);
  assert.equal(report.rows, 2);
  assert.deepEqual(report.unknownColumns, ['new_col']);
  const rows = await duck.all('SELECT id, user_id, grade, name, status, CAST(created_date AS VARCHAR) AS created, new_col, error_reason FROM certificates_generatedcertificate ORDER BY id');
  assert.deepEqual(rows, [
    { id: 5n, user_id: 11n, grade: 0.84, name: 'Anna \\"A\\" S\tX', status: 'downloadable', created: '2026-03-05 12:00:00', new_col: 'z', error_reason: '' },
    { id: 6n, user_id: 12n, grade: null, name: null, status: 'notpassing', created: null, new_col: '', error_reason: '' }
  ]);
  const types = await duck.json("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'certificates_generatedcertificate' ORDER BY ordinal_position");
  assert.deepEqual(types.map((t) => `${t.column_name}:${t.data_type}`), ['user_id:BIGINT', 'id:BIGINT', 'grade:DOUBLE', 'name:VARCHAR', 'status:VARCHAR', 'created_date:TIMESTAMP', 'new_col:VARCHAR', 'error_reason:VARCHAR']);
  duck.close();
});

test('a row with a missing field is an error naming the file and line; skipBadLines counts it', async () => {
  const duck = await openDuck();
  await createMacros(duck);
  const p = file('enr.sql', 'id\tuser_id\tcourse_id\tcreated\tis_active\tmode\n1\t11\tc\t2026-01-01 00:00:00\t1\thonor\n2\t12\tc\t2026-01-01 00:00:00\t1\n3\t13\tc\t2026-01-01 00:00:00\t0\taudit\n');
  await assert.rejects(loadTsvTable(duck, 'student_courseenrollment', p), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.equal(e.file, p);
    assert.equal(e.line, 3);
    return true;
  });
  const report = await loadTsvTable(duck, 'student_courseenrollment', p, { skipBadLines: true });
  assert.equal(report.rows, 2);
  assert.deepEqual(report.skipped.map((s) => s.line), [3]);
  duck.close();
});

test('a value that does not fit its type names the file, line and column', async () => {
  const duck = await openDuck();
  await createMacros(duck);
  const p = file('enr2.sql', 'id\tuser_id\tcourse_id\tcreated\tis_active\tmode\n1\t11\tc\t2026-01-01 00:00:00\t1\thonor\n2\tabc\tc\t2026-01-01 00:00:00\t1\thonor\n');
  await assert.rejects(loadTsvTable(duck, 'student_courseenrollment', p), /enr2\.sql:3: column user_id: 'abc' is not a valid BIGINT/);
  duck.close();
});
