import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openCourseRun } from '../../kernel-lib/course-run';
import { computeSamcedTables } from '../../kernel-lib/samced/build';
import { FAMILY_LANES, SAMCED_FAMILIES } from '../../kernel-lib/aggregates/families';
import type { SamcedTable } from '../../kernel-lib/aggregates/table';
import { memoryLogger } from '../../kernel-lib/util/effects';
import type { Duck } from '../../kernel-lib/duck/connection';
import { makeMiniDrop, MINI } from '../fixtures/mini-drop';

/** Every samced table's rows in a fixed order, as JSON text. */
async function contents(duck: Duck, tables: SamcedTable[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of tables) out[t.name] = JSON.stringify(await duck.json(`SELECT * FROM samced."${t.name}" ORDER BY ALL`));
  return out;
}

test('families computed in two lanes: handed on in output order, the same tables and rows as one lane, the lanes\' temp tables gone', async () => {
  const run = await openCourseRun({ data: makeMiniDrop(), ...MINI }, { logger: memoryLogger() });
  try {
    const handed: string[] = [];
    const twoLanes = await computeSamcedTables(run, {}, (tables) => handed.push(...new Set(tables.map((t) => t.family))), 2);
    // every family once, in SAMCED_FAMILIES order, though the video lane ends after the other one
    assert.deepEqual(handed, SAMCED_FAMILIES.map((f) => f.family).filter((f) => twoLanes.some((t) => t.family === f)));
    assert.deepEqual([...new Set(twoLanes.map((t) => t.family))], handed);
    assert.ok(twoLanes.some((t) => t.name === 'video_watch') && twoLanes.some((t) => t.name === 'person_course'));
    assert.ok(twoLanes.some((t) => t.name === 'problem_activity') && twoLanes.some((t) => t.name === 'page_activity_info'));
    const fromTwo = await contents(run.duck, twoLanes);
    // the second lane's connection is closed: its temp tables (problems: latest_problem_checks) went with it
    await assert.rejects(run.duck.scalar('SELECT count(*) FROM latest_problem_checks'), /latest_problem_checks/);
    const oneLane = await computeSamcedTables(run);
    assert.deepEqual(oneLane.map((t) => t.name), twoLanes.map((t) => t.name));
    assert.deepEqual(await contents(run.duck, oneLane), fromTwo);
    assert.ok(Number(await run.duck.scalar('SELECT count(*) FROM samced.video_watch')) > 0, 'video_watch has rows');
    assert.ok(Number(await run.duck.scalar('SELECT count(*) FROM latest_problem_checks')) > 0, 'one lane: the temp tables are on run.duck');
    assert.ok(FAMILY_LANES[0]!.every((f) => SAMCED_FAMILIES.some((s) => s.family === f)), 'FAMILY_LANES names real families');
  } finally {
    await run.close();
  }
});

test('a family that fails in one lane: computeSamcedTables rejects with its error after both lanes stopped', async () => {
  const run = await openCourseRun({ data: makeMiniDrop(), ...MINI }, { logger: memoryLogger() });
  try {
    await run.duck.run('DROP TABLE course_structure'); // read by the video_watch family (first lane)
    await assert.rejects(computeSamcedTables(run, {}, undefined, 2), /course_structure/);
  } finally {
    await run.close();
  }
});
