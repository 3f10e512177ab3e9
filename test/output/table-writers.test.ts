import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { openDuck } from '../../kernel-lib/duck/connection';
import { sqliteType, tableBatches, type CellValue } from '../../kernel-lib/output/table-rows';
import { tableColumns } from '../../kernel-lib/duck/rows';
import { sqliteSink } from '../../kernel-lib/output/sqlite';
import { csvSink } from '../../kernel-lib/output/csv';
import { feedSinks } from '../../kernel-lib/output/sink';
import type { SamcedTable } from '../../kernel-lib/aggregates/table';

const TABLE: SamcedTable = { name: 't', family: 'test', doc: '', columns: [], orderBy: ['n'] };

test('table rows: integers exact (numbers up to 2^53 - 1, decimal text beyond), reals, NaN and infinities; the same values in SQLite and CSV', async () => {
  const duck = await openDuck();
  const dir = mkdtempSync(join(tmpdir(), 'samced-writers-'));
  try {
    await duck.run('CREATE SCHEMA samced');
    await duck.run(`CREATE TABLE samced.t AS SELECT * FROM (VALUES
      (1, 0::BIGINT, 0.1::DOUBLE, 'a'),
      (2, -5::BIGINT, 'NaN'::DOUBLE, 'say "hi", twice'),
      (3, 9007199254740991::BIGINT, 'inf'::DOUBLE, ''),
      (4, 9007199254740993::BIGINT, '-inf'::DOUBLE, NULL),
      (5, '-9223372036854775808'::BIGINT, 1e21::DOUBLE, ' padded'),
      (6, NULL::BIGINT, 1.5e-7::DOUBLE, 'x'),
      (7, -9007199254740992::BIGINT, NULL::DOUBLE, 'y')) v(n, big, r, s)`);
    const columns = await tableColumns(duck, 't');
    const batches: CellValue[][][] = [];
    for await (const batch of tableBatches(duck, TABLE, columns)) batches.push(batch);
    assert.deepEqual(batches.flat(), [
      [1, 0, 0.1, 'a'],
      [2, -5, 'NaN', 'say "hi", twice'],
      [3, 9007199254740991, Infinity, ''],
      [4, '9007199254740993', -Infinity, null],
      [5, '-9223372036854775808', 1e21, ' padded'],
      [6, null, 1.5e-7, 'x'],
      [7, '-9007199254740992', null, 'y']
    ]);
    const db = sqliteSink(join(dir, 't.db'));
    const sinkColumns = columns.map((c) => ({ name: c.name, type: sqliteType(c.sqlType) }));
    // 7 rows: fewer than one many-row INSERT; 200 copies: several of them and a rest
    assert.equal(await feedSinks('t', sinkColumns, tableBatches(duck, TABLE, columns), [db, csvSink(dir)]), 7);
    await duck.run('CREATE TABLE samced.many AS SELECT n + 10 * i AS n, big, r, s FROM samced.t, range(200) r(i)');
    assert.equal(
      await feedSinks('many', sinkColumns, tableBatches(duck, { ...TABLE, name: 'many' }, columns), [db]),
      1400
    );
    db.close();
    const read = new Database(join(dir, 't.db'), { readonly: true });
    read.defaultSafeIntegers(true);
    const rows = read.prepare('SELECT n, big, typeof(big) AS bt, r, typeof(r) AS rt, s FROM t ORDER BY n').raw().all();
    assert.deepEqual(rows, [
      [1n, 0n, 'integer', 0.1, 'real', 'a'],
      [2n, -5n, 'integer', null, 'null', 'say "hi", twice'],
      [3n, 9007199254740991n, 'integer', Infinity, 'real', ''],
      [4n, 9007199254740993n, 'integer', -Infinity, 'real', null],
      [5n, -9223372036854775808n, 'integer', 1e21, 'real', ' padded'],
      [6n, null, 'null', 1.5e-7, 'real', 'x'],
      [7n, -9007199254740992n, 'integer', null, 'null', 'y']
    ]);
    const many = read.prepare("SELECT count(*), sum(typeof(big) = 'integer'), max(big) FROM many").raw().get();
    assert.deepEqual(many, [1400n, 1200n, 9007199254740993n]);
    read.close();
    assert.equal(
      readFileSync(join(dir, 'SAMCED-t.csv'), 'utf8'),
      'n,big,r,s\n1,0,0.1,a\n2,-5,NaN,"say ""hi"", twice"\n3,9007199254740991,Infinity,""\n4,9007199254740993,-Infinity,\n5,-9223372036854775808,1e+21," padded"\n6,,1.5e-7,x\n7,-9007199254740992,,y\n'
    );
  } finally {
    duck.close();
  }
});

test('table rows: a column with no value beyond 2^53, NaN or infinity goes in plain, with the values it has in a column that needs the CASE', async () => {
  const duck = await openDuck();
  try {
    await duck.run('CREATE SCHEMA samced');
    const rows = `(1, 9007199254740991::BIGINT, 0.1::DOUBLE, 2.50::DECIMAL(5,2), true, TIMESTAMP '2026-01-05 10:00:00.5', 'a'),
      (2, -9007199254740991::BIGINT, -1e300::DOUBLE, -0.01::DECIMAL(5,2), false, NULL, ''),
      (3, NULL, NULL, NULL, NULL, NULL, NULL)`;
    await duck.run(`CREATE TABLE samced.plain AS SELECT * FROM (VALUES ${rows}) v(n, big, r, d, b, ts, s)`);
    // one more row makes `big` and `r` need the CASE (a value beyond 2^53, a NaN)
    await duck.run(
      `CREATE TABLE samced.careful AS SELECT * FROM (VALUES ${rows}, (4, 9007199254740992::BIGINT, 'NaN'::DOUBLE, 0::DECIMAL(5,2), true, NULL, 'z')) v(n, big, r, d, b, ts, s)`
    );
    const read = async (name: string) => {
      const batches: CellValue[][][] = [];
      for await (const batch of tableBatches(duck, { ...TABLE, name }, await tableColumns(duck, name)))
        batches.push(batch);
      return batches.flat();
    };
    const expected = [
      [1, 9007199254740991, 0.1, 2.5, 1, '2026-01-05 10:00:00.5', 'a'],
      [2, -9007199254740991, -1e300, -0.01, 0, null, ''],
      [3, null, null, null, null, null, null]
    ];
    assert.deepEqual(await read('plain'), expected);
    assert.deepEqual(await read('careful'), [...expected, [4, '9007199254740992', 'NaN', 0, 1, null, 'z']]);
  } finally {
    duck.close();
  }
});
