import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openCourseRun, startCourseRun } from '../../kernel-lib/load/course-run';
import { computeSamcedTables } from '../../kernel-lib/aggregates/compute';
import { FAMILY_LANES, SAMCED_FAMILIES, WRITE_ORDER } from '../../kernel-lib/aggregates/families';
import type { SamcedTable, TableFamily } from '../../kernel-lib/aggregates/table';
import { memoryLogger } from '../../kernel-lib/util/effects';
import type { Duck } from '../../kernel-lib/duck/connection';
import { makeMiniDrop, MINI } from '../fixtures/mini-drop';

/** Every samced table's rows in a fixed order, as JSON text. */
async function contents(duck: Duck, tables: SamcedTable[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of tables)
    out[t.name] = JSON.stringify(await duck.json(`SELECT * FROM samced."${t.name}" ORDER BY ALL`));
  return out;
}

test("families computed in two lanes: handed on in output order, the same tables and rows as one lane, the lanes' temp tables gone", async () => {
  const run = await openCourseRun({ data: makeMiniDrop(), ...MINI }, { logger: memoryLogger() });
  try {
    const handed: string[] = [];
    const twoLanes = await computeSamcedTables(
      run,
      {},
      (tables) => handed.push(...new Set(tables.map((t) => t.family))),
      { lanes: 2 }
    );
    // every family once, in SAMCED_FAMILIES order, though the video lane ends after the other one
    assert.deepEqual(
      handed,
      SAMCED_FAMILIES.map((f) => f.family).filter((f) => twoLanes.some((t) => t.family === f))
    );
    assert.deepEqual([...new Set(twoLanes.map((t) => t.family))], handed);
    assert.ok(twoLanes.some((t) => t.name === 'video_watch') && twoLanes.some((t) => t.name === 'person_course'));
    assert.ok(
      twoLanes.some((t) => t.name === 'problem_activity') && twoLanes.some((t) => t.name === 'page_activity_info')
    );
    const fromTwo = await contents(run.duck, twoLanes);
    // the second lane's connection is closed: its temp tables (problems: latest_problem_checks) went with it
    await assert.rejects(run.duck.scalar('SELECT count(*) FROM latest_problem_checks'), /latest_problem_checks/);
    const oneLane = await computeSamcedTables(run);
    assert.deepEqual(
      oneLane.map((t) => t.name),
      twoLanes.map((t) => t.name)
    );
    assert.deepEqual(await contents(run.duck, oneLane), fromTwo);
    assert.ok(Number(await run.duck.scalar('SELECT count(*) FROM samced.video_watch')) > 0, 'video_watch has rows');
    assert.ok(
      Number(await run.duck.scalar('SELECT count(*) FROM latest_problem_checks')) > 0,
      'one lane: the temp tables are on run.duck'
    );
    assert.ok(
      FAMILY_LANES[0]!.every((f) => SAMCED_FAMILIES.some((s) => s.family === f)),
      'FAMILY_LANES names real families'
    );
    assert.deepEqual(
      [...WRITE_ORDER].sort(),
      SAMCED_FAMILIES.map((f) => f.family).sort(),
      'WRITE_ORDER names every family once'
    );
  } finally {
    await run.close();
  }
});

test('a family that fails in one lane: computeSamcedTables rejects with its error after both lanes stopped', async () => {
  const run = await openCourseRun({ data: makeMiniDrop(), ...MINI }, { logger: memoryLogger() });
  try {
    await run.duck.run('DROP TABLE course_structure'); // read by the video_watch family (first lane)
    await assert.rejects(computeSamcedTables(run, {}, undefined, { lanes: 2 }), /course_structure/);
  } finally {
    await run.close();
  }
});

/** A family that records when it starts and ends, waits `ms`, and may wait for another family or fail. */
function fakeFamily(
  family: string,
  log: string[],
  ms: number,
  opts: { waitFor?: string; fail?: boolean } = {}
): TableFamily {
  return {
    family,
    async build(ctx) {
      log.push(`${family} start`);
      await new Promise((r) => setTimeout(r, ms));
      if (opts.waitFor) {
        await ctx.after?.(opts.waitFor);
        log.push(`${family} saw ${opts.waitFor}`);
      }
      if (opts.fail) throw new Error(`${family} failed`);
      log.push(`${family} end`);
      return [{ name: family + '_table', family, doc: '', columns: [], orderBy: [] }];
    }
  };
}

test("two lanes: a family that needs another lane's family waits for it; when that one fails, both lanes stop with its error (no hang)", async () => {
  const run = await openCourseRun({ data: makeMiniDrop(), ...MINI, noEvents: true }, { logger: memoryLogger() });
  try {
    // lanes by name: video and video_watch in the first, the rest in the second
    const log: string[] = [];
    const families = [
      fakeFamily('video', log, 30),
      fakeFamily('video_watch', log, 60),
      fakeFamily('person_course', log, 5, { waitFor: 'video_watch' }),
      fakeFamily('other', log, 5)
    ];
    const handed: string[] = [];
    const tables = await computeSamcedTables(run, {}, (t) => handed.push(t[0]!.family), { lanes: 2, families });
    assert.deepEqual(
      tables.map((t) => t.name),
      ['video_table', 'video_watch_table', 'person_course_table', 'other_table']
    );
    assert.deepEqual(handed, ['video', 'video_watch', 'person_course', 'other']);
    assert.ok(
      log.indexOf('person_course start') < log.indexOf('video end'),
      'person_course began while video ran: ' + log.join(', ')
    );
    assert.ok(log.indexOf('person_course saw video_watch') > log.indexOf('video_watch end'), log.join(', '));
    assert.ok(log.indexOf('other start') > log.indexOf('person_course end'), log.join(', '));
    // handed on in handOrder (names not in it after, in output order); the tables still in output order
    const reordered: string[] = [];
    const again = await computeSamcedTables(run, {}, (t) => reordered.push(t[0]!.family), {
      lanes: 2,
      families,
      handOrder: ['other', 'video_watch']
    });
    assert.deepEqual(reordered, ['other', 'video_watch', 'video', 'person_course']);
    assert.deepEqual(
      again.map((t) => t.name),
      ['video_table', 'video_watch_table', 'person_course_table', 'other_table']
    );

    const failing = [
      fakeFamily('video', [], 5),
      fakeFamily('video_watch', [], 30, { fail: true }),
      fakeFamily('person_course', [], 5, { waitFor: 'video_watch' }),
      fakeFamily('other', [], 5)
    ];
    const seen: string[] = [];
    await assert.rejects(
      computeSamcedTables(run, {}, (t) => seen.push(t[0]!.family), { lanes: 2, families: failing }),
      /video_watch failed/
    );
    assert.deepEqual(seen, ['video'], 'nothing after the failed family is handed on');
    // one lane: families in order, no waiting needed (ctx.after is absent)
    const oneLog: string[] = [];
    await computeSamcedTables(run, {}, undefined, {
      families: [
        fakeFamily('video', oneLog, 1),
        fakeFamily('video_watch', oneLog, 1),
        fakeFamily('person_course', oneLog, 1, { waitFor: 'video_watch' })
      ]
    });
    assert.deepEqual(oneLog, [
      'video start',
      'video end',
      'video_watch start',
      'video_watch end',
      'person_course start',
      'person_course saw video_watch',
      'person_course end'
    ]);
  } finally {
    await run.close();
  }
});

test('startCourseRun: tablesLoaded gives the course tables while the events load (read on a connection of its own), opened the run; both logged as progress; abort stops the loading with its reason', async () => {
  const drop = makeMiniDrop();
  const progress: string[] = [];
  const logger = { ...memoryLogger(), progress: (m: string) => progress.push(m) };
  const loading = startCourseRun({ data: drop, ...MINI }, { logger });
  const { duck, course, start } = await loading.tablesLoaded;
  assert.equal(course.course, MINI.course);
  assert.equal(start, MINI.start);
  const own = await duck.connect();
  const enrolled = Number(await own.scalar('SELECT count(*) FROM student_courseenrollment'));
  own.close();
  const run = await loading.opened;
  try {
    assert.equal(enrolled, Number(await run.duck.scalar('SELECT count(*) FROM student_courseenrollment')));
    assert.ok(enrolled > 0);
    assert.equal(run.events?.events, 23);
    assert.equal(run.events?.source, 'logs');
    assert.deepEqual(
      progress.filter((m) => /loaded$/.test(m)),
      ['tables loaded', 'events loaded']
    );
  } finally {
    await run.close();
  }
  // a caller's work alongside fails: abort() makes `opened` reject with its error; close() ends the rest
  const failing = startCourseRun({ data: drop, ...MINI }, { logger: memoryLogger() });
  await failing.tablesLoaded;
  failing.abort(new Error('the work alongside failed'));
  await assert.rejects(failing.opened, /the work alongside failed/);
  await failing.close();
  await failing.close(); // idempotent
});
