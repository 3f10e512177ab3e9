// The store's partitioned write keeps its memory bounded: row groups of STORE_ROW_GROUP_ROWS rows
// (a partition's open row group is what the write holds per course), every row still written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { literal, openDuck } from '../../../kernel-lib/duck/connection';
import {
  STORE_ROW_GROUP_ROWS,
  STORED_EVENT_COLUMNS,
  writePartitions
} from '../../../kernel-lib/load/event-store/partitions';

test('writePartitions: a course of 70 000 events goes out in row groups of 32 768 rows, every event kept', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'samced-partitions-'));
  const duck = await openDuck({});
  try {
    assert.equal(STORE_ROW_GROUP_ROWS, 32768);
    // a parsed daily file (events.sql's columns): 70 000 lines of one course, 5 of another
    const columns = STORED_EVENT_COLUMNS.map((c) =>
      c === 'course_id'
        ? `CASE WHEN i < 70000 THEN 'course-v1:BigX+B1+2026' ELSE 'SmallX/S1/2026' END AS course_id`
        : c === 'source_line' || c === 'line_hash' || c === 'line_length'
          ? `i::BIGINT AS ${c}`
          : c === 'source_file'
            ? `'edx-course-data/bigx/edx/events/2026/bigx-edx-events-2026-03-01.log.gz' AS source_file`
            : `NULL::VARCHAR AS ${c}`
    );
    const parsed = join(dir, 'parsed.parquet');
    await duck.run(`COPY (SELECT ${columns.join(', ')} FROM range(70005) t(i)) TO ${literal(parsed)} (FORMAT parquet)`);
    const store = join(dir, 'store');
    const written = await writePartitions(duck, [parsed], store, {
      path: 'edx-course-data/bigx/edx/events/2026/bigx-edx-events-2026-03-01.log.gz',
      day: '2026-03-01',
      sha256: 'ab'.repeat(32)
    });
    assert.deepEqual(written.events, { 'course-v1:BigX+B1+2026': 70000, 'course-v1:SmallX+S1+2026': 5 });
    const big = written.files.filter((f) => f.includes('B1'));
    assert.equal(big.length, 1);
    const groups = (await duck.json(
      `SELECT row_group_num_rows AS n FROM parquet_metadata(${literal(join(store, big[0]!))}) GROUP BY row_group_id, row_group_num_rows ORDER BY row_group_id`
    )) as { n: string }[];
    assert.deepEqual(
      groups.map((g) => Number(g.n)).sort((a, b) => b - a),
      [32768, 32768, 4464]
    );
    const rows = (await duck.json(
      `SELECT count(*) AS n, count(DISTINCT source_line) AS d FROM read_parquet([${written.files.map((f) => literal(join(store, f))).join(', ')}])`
    )) as { n: string; d: string }[];
    assert.deepEqual(rows, [{ n: '70005', d: '70005' }]);
  } finally {
    duck.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
