import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import * as aq from 'arquero';
import {
  showMarkdown,
  showQuery,
  showTable,
  showText,
  type QueryConnectionLike
} from '../../kernel-lib/display/display';
import { memorySink } from '../../kernel-lib/display/display-sink';
import { formatCount, formatNumber, tableText } from '../../kernel-lib/display/table-format';
import type { ResultReaderLike } from '../../kernel-lib/display/table-source';

function bodyRows(html: string): string[][] {
  const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) => cell[1])
  );
}

test('showTable caps the rows, notes "N of M rows" and escapes values', () => {
  const sink = memorySink();
  const rows = [
    { id: 1, name: '<b>Ada</b>', joined: new Date('2024-03-01T00:00:00Z'), big: 12345678901234567890n },
    { id: 2, name: 'Grace', joined: new Date('2024-03-02T10:30:00Z'), big: 7n, extra: true },
    { id: 3, name: null, joined: null, big: 0n },
    { id: 4, name: 'not shown' }
  ];
  showTable(rows, { maxRows: 3, caption: 'Learners & co', sink });
  assert.equal(sink.items.length, 1);
  const html = sink.items[0].value;
  assert.match(html, /<caption>Learners &amp; co<\/caption>/);
  assert.match(
    html,
    /<thead><tr><th>id<\/th><th>name<\/th><th>joined<\/th><th>big<\/th><th>extra<\/th><\/tr><\/thead>/
  );
  assert.deepEqual(bodyRows(html), [
    ['1', '&lt;b&gt;Ada&lt;/b&gt;', '2024-03-01', '12345678901234567890', 'null'],
    ['2', 'Grace', '2024-03-02T10:30:00Z', '7', 'true'],
    ['3', 'null', 'null', '0', 'null']
  ]);
  assert.match(html, />3 of 4 rows</);
});

test('a table that fits says how many rows it has', () => {
  const sink = memorySink();
  showTable([{ a: 1 }], { sink });
  assert.match(sink.items[0].value, />1 row</);
  showTable(
    Array.from({ length: 1500 }, (_, i) => ({ i })),
    { sink }
  );
  assert.match(sink.items[1].value, />20 of 1,500 rows</);
  assert.equal(bodyRows(sink.items[1].value).length, 20);
});

test('outside a kernel the table is plain text', () => {
  const sink = memorySink(false);
  showTable(
    [
      { video: 'intro', learners: 12 },
      { video: 'week 1', learners: 7 },
      { video: 'x', learners: 1 }
    ],
    { maxRows: 2, sink }
  );
  assert.deepEqual(sink.items, [
    { kind: 'text', value: 'video   learners\n------  --------\nintro         12\nweek 1         7\n2 of 3 rows' }
  ]);
});

test('a partly read DuckDB reader shows "first N rows"', () => {
  const reader: ResultReaderLike = {
    columnNames: () => ['n'],
    currentRowCount: 2048,
    done: false,
    value: (_column, row) => BigInt(row * 10)
  };
  const sink = memorySink();
  showTable(reader, { maxRows: 2, sink });
  assert.deepEqual(bodyRows(sink.items[0].value), [['0'], ['10']]);
  assert.match(sink.items[0].value, />first 2 rows \(total not counted\)</);
});

test('arquero tables work and unsupported sources are refused', () => {
  const sink = memorySink();
  showTable(aq.table({ a: [1, 2, 3], b: ['x', 'y', 'z'] }), { maxRows: 2, sink });
  assert.deepEqual(bodyRows(sink.items[0].value), [
    ['1', 'x'],
    ['2', 'y']
  ]);
  assert.match(sink.items[0].value, />2 of 3 rows</);
  assert.throws(() => showTable({ columnNames: () => [] } as never, { sink }), /showQuery/);
});

test('showQuery reads a few rows and counts the rest with a second query', async () => {
  const sql: string[] = [];
  const connection: QueryConnectionLike = {
    async runAndReadUntil(text, target) {
      sql.push(`${text} [${target}]`);
      return { columnNames: () => ['i'], currentRowCount: 2048, done: false, value: (_c, row) => row };
    },
    async runAndReadAll(text) {
      sql.push(text);
      return { columnNames: () => ['n'], currentRowCount: 1, done: true, value: () => 5000n };
    }
  };
  const sink = memorySink();
  await showQuery(connection, 'SELECT i FROM t ;', { maxRows: 3, sink });
  assert.deepEqual(sql, ['SELECT i FROM t ; [4]', 'SELECT count(*) AS n FROM (SELECT i FROM t\n) AS samced_counted']);
  assert.match(sink.items[0].value, />3 of 5,000 rows</);
});

test('showTable and showQuery work on a real DuckDB connection', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const sink = memorySink();
    showTable(
      await connection.runAndReadAll("SELECT 42::BIGINT AS n, DATE '2024-01-02' AS d, 1.5::DOUBLE AS x, NULL AS z"),
      { sink }
    );
    assert.deepEqual(bodyRows(sink.items[0].value), [['42', '2024-01-02', '1.5', 'null']]);
    await showQuery(connection, 'SELECT range AS i FROM range(5000) -- a trailing comment', { maxRows: 3, sink });
    assert.deepEqual(bodyRows(sink.items[1].value), [['0'], ['1'], ['2']]);
    assert.match(sink.items[1].value, />3 of 5,000 rows</);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});

test('numbers and counts are formatted without the machine locale', () => {
  assert.equal(formatNumber(0.1 + 0.2), '0.3');
  assert.equal(formatNumber(123.456789), '123.457');
  assert.equal(formatNumber(1234567.891), '1234568');
  assert.equal(formatNumber(-2.5), '-2.5');
  assert.equal(formatNumber(1e-7), '1e-7');
  assert.equal(formatCount(999), '999');
  assert.equal(formatCount(1234567), '1,234,567');
  assert.equal(tableText({ columns: ['a'], rows: [], total: 0 }), 'a\n-\n0 rows');
});

test('showMarkdown and showText pass their text through', () => {
  const sink = memorySink();
  showMarkdown('# Title', sink);
  showText('plain', sink);
  assert.deepEqual(sink.items, [
    { kind: 'markdown', value: '# Title' },
    { kind: 'text', value: 'plain' }
  ]);
});
