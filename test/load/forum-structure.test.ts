import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDuck } from '../../kernel-lib/duck/connection';
import { loadForum, mongoDateMillis } from '../../kernel-lib/load/forum';
import { loadCourseStructure, blockHash } from '../../kernel-lib/load/course-structure';
import { FORUM, STRUCTURE } from '../fixtures/mini-drop';

const dir = mkdtempSync(join(tmpdir(), 'samced-forum-'));

test('mongo dates in all three forms', () => {
  assert.equal(mongoDateMillis({ $date: 1358028106904 }), 1358028106904);
  assert.equal(mongoDateMillis({ $date: '2013-12-13T02:59:58.520Z' }), Date.UTC(2013, 11, 13, 2, 59, 58, 520));
  assert.equal(mongoDateMillis({ $date: { $numberLong: '-62135596800000' } }), -62135596800000);
  assert.equal(mongoDateMillis(undefined), null);
});

test('forum documents load with ids, authors as numbers and times from every $date form', async () => {
  const p = join(dir, 'f.mongo');
  writeFileSync(
    p,
    FORUM +
      '\n{"_id":ObjectId("d4"),"_type":"CommentThread","author_id":"12","created_at":ISODate("2026-03-02T00:00:00Z")}\n'
  );
  const duck = await openDuck();
  const report = await loadForum(duck, p);
  assert.equal(report.rows, 4);
  const rows = await duck.json(
    'SELECT post_id, post_type, author_id, thread_id, parent_id, CAST(created_at AS VARCHAR) AS t, source_line FROM forum ORDER BY source_line'
  );
  assert.deepEqual(rows, [
    {
      post_id: 'a1',
      post_type: 'CommentThread',
      author_id: '11',
      thread_id: null,
      parent_id: null,
      t: '2026-03-01 10:00:00',
      source_line: 1
    },
    {
      post_id: 'b2',
      post_type: 'Comment',
      author_id: '12',
      thread_id: 'a1',
      parent_id: null,
      t: '2026-03-01 11:00:00',
      source_line: 2
    },
    {
      post_id: 'c3',
      post_type: 'Comment',
      author_id: '11',
      thread_id: 'a1',
      parent_id: 'b2',
      t: '2026-03-01 12:00:00',
      source_line: 3
    },
    {
      post_id: 'd4',
      post_type: 'CommentThread',
      author_id: '12',
      thread_id: null,
      parent_id: null,
      t: '2026-03-02 00:00:00',
      source_line: 5
    }
  ]);
  duck.close();
});

test('a broken forum line names the file and line, or is skipped and counted', async () => {
  const p = join(dir, 'bad.mongo');
  writeFileSync(p, FORUM + '{"_id": {"$oid": "x"}, "_type": \n');
  const duck = await openDuck();
  await assert.rejects(loadForum(duck, p), /bad\.mongo:4: not valid JSON/);
  const report = await loadForum(duck, p, { skipBadLines: true });
  assert.equal(report.rows, 3);
  assert.deepEqual(
    report.skipped.map((s) => [s.line, s.reason]),
    [[4, 'not valid JSON']]
  );
  duck.close();
});

test('course structure: one row per block with parent, position, order and video duration', async () => {
  const p = join(dir, 's.json');
  writeFileSync(p, '\uFEFF' + STRUCTURE);
  const duck = await openDuck();
  assert.equal((await loadCourseStructure(duck, p)).rows, 4);
  const rows = await duck.json(
    'SELECT block_hash, category, display_name, position, course_order, depth, duration_s FROM course_structure ORDER BY course_order'
  );
  assert.deepEqual(rows, [
    {
      block_hash: 'course',
      category: 'course',
      display_name: 'Mini',
      position: null,
      course_order: 1,
      depth: 0,
      duration_s: null
    },
    {
      block_hash: 'ch1',
      category: 'chapter',
      display_name: 'Week 1',
      position: 1,
      course_order: 2,
      depth: 1,
      duration_s: null
    },
    {
      block_hash: 'v1',
      category: 'video',
      display_name: 'Intro',
      position: 1,
      course_order: 3,
      depth: 2,
      duration_s: 120
    },
    {
      block_hash: 'q1',
      category: 'problem',
      display_name: 'Quiz',
      position: 2,
      course_order: 4,
      depth: 2,
      duration_s: null
    }
  ]);
  assert.equal(blockHash('i4x://SamcedX/HIST.201x/video/intro'), 'intro');
  duck.close();
});
