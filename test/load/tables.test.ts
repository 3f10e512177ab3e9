import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDuck } from '../../kernel-lib/duck/connection';
import { createMacros } from '../../kernel-lib/duck/macros';
import { loadTsvTable, trailingTabRows } from '../../kernel-lib/load/tables';
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
  const rows = await duck.json(
    String.raw`SELECT tsv_unescape(s) AS v FROM (VALUES ('a\\b'), ('a\nb'), ('a\\nb'), ('a\\\nb'), ('t\tx\r'), ('no escapes'), ('nul\0x')) t(s)`
  );
  assert.deepEqual(
    rows.map((r) => r.v),
    ['a\\b', 'a\nb', 'a\\nb', 'a\\\nb', 't\tx\r', 'no escapes', 'nulx']
  );
  duck.close();
});

test('a .sql export loads typed, by header name, NULL as null, values unescaped', async () => {
  const duck = await openDuck();
  await createMacros(duck);
  // certificates header in a different order than the schema, an unknown column, NULL, an empty grade, trailing empty fields
  const p = file(
    'cert.sql',
    'user_id\tid\tgrade\tname\tstatus\tcreated_date\tnew_col\terror_reason\n' +
      '11\t5\t0.84\tAnna \\"A\\" S\\tX\tdownloadable\t2026-03-05 12:00:00\tz\t\n' +
      '12\t6\t\tNULL\tnotpassing\tNULL\t\t\n'
  );
  const report = await loadTsvTable(duck, 'certificates_generatedcertificate', p);
  assert.equal(report.rows, 2);
  assert.deepEqual(report.unknownColumns, ['new_col']);
  // the whole export in schema personal (it holds names), its exportable columns in main
  const rows = await duck.all(
    'SELECT id, user_id, grade, name, status, CAST(created_date AS VARCHAR) AS created, new_col, error_reason FROM personal.certificates_generatedcertificate ORDER BY id'
  );
  assert.deepEqual(rows, [
    {
      id: 5n,
      user_id: 11n,
      grade: 0.84,
      name: 'Anna \\"A\\" S\tX',
      status: 'downloadable',
      created: '2026-03-05 12:00:00',
      new_col: 'z',
      error_reason: ''
    },
    {
      id: 6n,
      user_id: 12n,
      grade: null,
      name: null,
      status: 'notpassing',
      created: null,
      new_col: '',
      error_reason: ''
    }
  ]);
  const types = async (schema: string) =>
    (
      await duck.json(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = '${schema}' AND table_name = 'certificates_generatedcertificate' ORDER BY ordinal_position`
      )
    ).map((t) => `${t.column_name}:${t.data_type}`);
  assert.deepEqual(await types('personal'), [
    'user_id:BIGINT',
    'id:BIGINT',
    'grade:DOUBLE',
    'name:VARCHAR',
    'status:VARCHAR',
    'created_date:TIMESTAMP',
    'new_col:VARCHAR',
    'error_reason:VARCHAR'
  ]);
  assert.deepEqual(
    await types('main'),
    ['user_id:BIGINT', 'id:BIGINT', 'grade:DOUBLE', 'status:VARCHAR', 'created_date:TIMESTAMP', 'error_reason:VARCHAR'],
    'no name, no unknown column'
  );
  assert.equal(Number(await duck.scalar('SELECT count(*) FROM certificates_generatedcertificate')), 2);
  duck.close();
});

test('a row with a missing field is an error naming the file and line; skipBadLines counts it', async () => {
  const duck = await openDuck();
  await createMacros(duck);
  const p = file(
    'enr.sql',
    'id\tuser_id\tcourse_id\tcreated\tis_active\tmode\n1\t11\tc\t2026-01-01 00:00:00\t1\thonor\n2\t12\tc\t2026-01-01 00:00:00\t1\n3\t13\tc\t2026-01-01 00:00:00\t0\taudit\n'
  );
  await assert.rejects(loadTsvTable(duck, 'student_courseenrollment', p), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.equal(e.file, p);
    assert.equal(e.line, 3);
    return true;
  });
  const report = await loadTsvTable(duck, 'student_courseenrollment', p, { skipBadLines: true });
  assert.equal(report.rows, 2);
  assert.deepEqual(
    report.skipped.map((s) => s.line),
    [3]
  );
  duck.close();
});

test('a value that does not fit its type names the file, line and column', async () => {
  const duck = await openDuck();
  await createMacros(duck);
  const p = file(
    'enr2.sql',
    'id\tuser_id\tcourse_id\tcreated\tis_active\tmode\n1\t11\tc\t2026-01-01 00:00:00\t1\thonor\n2\tabc\tc\t2026-01-01 00:00:00\t1\thonor\n'
  );
  await assert.rejects(
    loadTsvTable(duck, 'student_courseenrollment', p),
    /enr2\.sql:3: column user_id: 'abc' is not a valid BIGINT/
  );
  duck.close();
});

test('a row with one raw tab too many and an empty last field is bad, not loaded shifted; skipBadLines skips it once', async () => {
  const duck = await openDuck();
  await createMacros(duck);
  // line 3: a raw tab inside course_id (7 fields, the last empty); line 5: two tabs at the end (7 fields);
  // line 4 has an empty last field and is right (6 fields)
  const p = file(
    'enr-tab.sql',
    'id\tuser_id\tcourse_id\tcreated\tis_active\tmode\n' +
      '1\t11\tc\t2026-01-01 00:00:00\t1\thonor\n' +
      '2\t12\tc\tx\t2026-01-01 00:00:00\t1\t\n' +
      '3\t13\tc\t2026-01-02 00:00:00\t0\t\n' +
      '4\t14\tc\t2026-01-03 00:00:00\t1\t\t\n' +
      '5\t15\tc\t2026-01-04 00:00:00\t1\taudit\n'
  );
  await assert.rejects(loadTsvTable(duck, 'student_courseenrollment', p), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.equal(
      e.message,
      `${p}:3: Expected Number of Columns: 6 Found: 7 (2 bad row(s); use skipBadLines to skip them)`
    );
    return true;
  });
  const report = await loadTsvTable(duck, 'student_courseenrollment', p, { skipBadLines: true });
  assert.equal(report.rows, 3);
  assert.deepEqual(
    report.skipped.map((s) => [s.line, s.reason]),
    [
      [3, 'wrong field count'],
      [5, 'wrong field count']
    ]
  );
  const rows = await duck.json(
    'SELECT id, user_id, course_id, CAST(created AS VARCHAR) AS created, is_active, mode FROM student_courseenrollment ORDER BY id'
  );
  assert.deepEqual(rows, [
    { id: '1', user_id: '11', course_id: 'c', created: '2026-01-01 00:00:00', is_active: 1, mode: 'honor' },
    { id: '3', user_id: '13', course_id: 'c', created: '2026-01-02 00:00:00', is_active: 0, mode: '' },
    { id: '5', user_id: '15', course_id: 'c', created: '2026-01-04 00:00:00', is_active: 1, mode: 'audit' }
  ]);
  duck.close();
});

test('a shifted row whose values happen to fit their types is bad too; a value error after it keeps its line', async () => {
  const duck = await openDuck();
  await createMacros(duck);
  // wiki_article-like VARCHAR columns: the shift would go unnoticed by the types
  const p = file(
    'tags.sql',
    'id\tuser_id\tkey\tcourse_id\tvalue\n1\t11\tk\tc\tv\n2\t12\tk\tc\tv\textra\t\n3\t13\tk\tc\tv\n'
  );
  await assert.rejects(
    loadTsvTable(duck, 'user_api_usercoursetag', p),
    /tags\.sql:3: Expected Number of Columns: 5 Found: 7/
  );
  const q = file(
    'tags2.sql',
    'id\tuser_id\tkey\tcourse_id\tvalue\n1\t11\tk\tc\tv\n2\t12\tk\tc\tv\t\n3\tabc\tk\tc\tv\n'
  );
  await assert.rejects(
    loadTsvTable(duck, 'user_api_usercoursetag', q),
    /tags2\.sql:3: Expected Number of Columns: 5 Found: 6/
  );
  await assert.rejects(
    loadTsvTable(duck, 'user_api_usercoursetag', q, { skipBadLines: true }),
    /tags2\.sql:4: column user_id: 'abc' is not a valid BIGINT/
  );
  duck.close();
});

test('trailing-tab scan: lines longer than a read, CRLF ends, a last line without LF', async () => {
  const long = 'x'.repeat((1 << 20) + 5);
  const p = file(
    'scan.sql',
    'a\tb\tc\r\n' + `1\t${long}\t\t\r\n` + `2\t${long}\t\r\n` + '3\t\t\t\n' + '4\t5\t6\n' + '5\t6\t7\t'
  );
  assert.deepEqual(await trailingTabRows(p, 3), [
    { line: 2, fields: 4 },
    { line: 4, fields: 4 },
    { line: 6, fields: 4 }
  ]);
});
