import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildSamced } from '../../kernel-lib/output/build';
import { indexEvents } from '../../kernel-lib/load/event-store/index-run';
import { readBuildOutput } from '../../kernel-lib/output/manifest';
import { fixedClock, memoryLogger } from '../../kernel-lib/util/effects';
import { makeMiniDrop, MINI } from '../fixtures/mini-drop';
import { assertGolden } from '../golden';

let out = '';
let drop = '';

before(async () => {
  drop = makeMiniDrop();
  out = join(mkdtempSync(join(tmpdir(), 'samced-out-')), 'mini');
  await buildSamced(
    { data: drop, ...MINI, out },
    { logger: memoryLogger(), clock: fixedClock('2026-03-10T12:00:00Z') }
  );
});

const csv = (table: string) => readFileSync(join(out, `SAMCED-${table}.csv`), 'utf8');

test('hand-computed rows: video counts, 5-second compartments, problems, surveys, pages, forum', () => {
  // user 11: load (edx and edge copies: one), play x2 (browser 12.3, mobile 3), pause 40.1, seek 40.1->3, hide_transcript (edge), stop 100, speed (object)
  assert.equal(
    csv('video_activity'),
    'user_id,load_video,play_video,pause_video,stop_video,seek_video,speed_change_video,show_transcript,hide_transcript,video_show_cc_menu,video_hide_cc_menu\n' +
      '11,1,2,1,1,1,1,,1,,\n'
  );
  assert.equal(
    csv('video_activity_ng2'),
    'user_id,video_event_id,time_compartment,load_video,play_video,pause_video,stop_video,speed_change_video,show_transcript,hide_transcript,video_show_cc_menu,video_hide_cc_menu,seek_video_start,seek_video_end\n' +
      '11,v1,0,,1,,,,,,,,,1\n' + // mobile play at 3 s; seek landing at 3.0 s
      '11,v1,1,,,,,1,,1,,,,\n' + // speed change at 7 s; hide_transcript at 9 s
      '11,v1,2,,1,,,,,,,,,\n' + // play at 12.3 s
      '11,v1,8,,,1,,,,,,,1,\n' + // pause at 40.1 s; seek from 40.1 s
      '11,v1,20,,,,1,,,,,,,\n'
  ); // stop at 100 s
  assert.equal(
    csv('pre_roll_video_activity'),
    'user_id,dismissed,loaded,played,skipped,stopped,transcript.hidden,transcript.menu.hidden,transcript.menu.shown,transcript.shown\n12,,1,,,,,,,\n'
  );
  // latest server check of q1 by user 12 is the 03-02 one (attempt 2, correct); q2 has no grade
  assert.equal(
    csv('problem_blockv1MiniXM1012026T1typeproblemblockq1'),
    'user_id,attempts,grade,max_grade,success,time\n12,2,1,1,correct,2026-03-02 08:00:00.000000\n'
  );
  assert.equal(
    csv('problem_blockv1MiniXM1012026T1typeproblemblockq2'),
    'user_id,attempts,grade,max_grade,success,time\n11,1,,2,incorrect,2026-03-02 08:30:00.000000\n'
  );
  assert.match(csv('problem_activity'), /\n11,3,,,(,){14}\n12,2,1,,(,){14}\n$/);
  // the second survey submission overwrites 2_1 only; 2_1_other is skipped; the answer text is verbatim
  assert.equal(
    csv('pre_survey_answers'),
    'user_id,time,problem_2_1,problem_3_1,problem_4_1\n11,2026-03-02 10:00:00.000000,no,"a,b","why ""not""? ok"\n'
  );
  assert.equal(csv('post_survey_answers'), 'user_id,time\n');
  // progress: 03-01 09:00 and the late line dated 03-01 23:59:59 in the 03-02 file; 02-27 is outside
  assert.equal(
    csv('page_activity_progress'),
    'user_id,date_20260301,date_20260302,date_20260303,outside_window\n12,2,,,1\n'
  );
  assert.equal(csv('page_activity_info'), 'user_id,date_20260301,date_20260302,date_20260303,outside_window\n,1,,,\n');
  assert.equal(
    csv('page_activity_courseware'),
    'user_id,date_20260301,date_20260302,date_20260303,outside_window\n12,,,1,\n'
  );
  assert.equal(
    csv('discussion_forum_activity_ng'),
    'id,poster,thread,response_to,post_type,created_at\n1,11,1,,CommentThread,2026-03-01 10:00:00\n2,12,1,,Comment,2026-03-01 11:00:00\n3,11,1,2,Comment,2026-03-01 12:00:00\n'
  );
  assert.equal(csv('discussion_forum_activity'), 'user_id,CommentThread,Comment\n11,1,1\n12,,1\n');
});

test('standard tables: typed, sensitive columns dropped by name, no header row as data', () => {
  // language, location and city are free text: written only with --free-text
  assert.equal(
    csv('auth_userprofile'),
    'id,user_id,gender,year_of_birth,level_of_education,allow_certificate,country\n' +
      '1,11,f,1990,m,1,SE\n' +
      '2,12,m,,b,1,NO\n'
  );
  assert.equal(
    csv('student_courseenrollment'),
    `id,user_id,course_id,created,is_active,mode\n1,11,course-v1:MiniX+M101+2026T1,2026-02-15 10:00:00,1,honor\n2,12,course-v1:MiniX+M101+2026T1,2026-02-16 11:00:00,0,audit\n`
  );
  assert.doesNotMatch(csv('certificates_generatedcertificate'), /Anna/);
  assert.doesNotMatch(csv('wiki_articlerevision'), /203\.0\.113/);
  assert.ok(!existsSync(join(out, 'SAMCED-auth_user.csv')));
});

test('no personal data from the drop in any output file', () => {
  for (const name of readdirSync(out)) {
    const text = readFileSync(join(out, name)).toString('latin1');
    for (const secret of [
      'anna@example.org',
      'Svensson',
      'Street 1',
      'secret body',
      '203.0.113.9',
      '192.0.2.1',
      'user11'
    ]) {
      assert.ok(!text.includes(secret), `${name} contains ${secret}`);
    }
  }
});

test('the SQLite file reads back with an independent reader (python sqlite3)', () => {
  const db = join(out, 'MiniX-M101-2026T1-SAMCED.db');
  const script = `import sqlite3,sys,json
c=sqlite3.connect(sys.argv[1])
print(json.dumps([c.execute('pragma integrity_check').fetchone()[0],
  c.execute('select typeof(user_id), typeof("textbook.pdf.page.navigated"), "textbook.pdf.page.navigated", book from textbook_activity').fetchall(),
  c.execute('select sql from sqlite_master where name=?', ('problem_blockv1MiniXM1012026T1typeproblemblockq2',)).fetchone()[0],
  c.execute('select user_id, attempts, grade, max_grade from problem_blockv1MiniXM1012026T1typeproblemblockq2').fetchall(),
  c.execute('select problem_4_1 from pre_survey_answers where user_id = 11').fetchone()[0]]))`;
  const result = JSON.parse(execFileSync('python3', ['-c', script, db], { encoding: 'utf8' }));
  assert.deepEqual(result, [
    'ok',
    [['integer', 'integer', 1, 1]],
    'CREATE TABLE "problem_blockv1MiniXM1012026T1typeproblemblockq2" ("user_id" INTEGER, "attempts" INTEGER, "grade" REAL, "max_grade" REAL, "success" TEXT, "time" TEXT)',
    [[11, 1, null, 2.0]],
    'why "not"? ok'
  ]);
});

test('info.txt, data dictionary and every CSV match the golden files', () => {
  assertGolden('mini/info.txt', readFileSync(join(out, 'info.txt'), 'utf8'));
  assertGolden('mini/data-dictionary.md', readFileSync(join(out, 'data-dictionary.md'), 'utf8'));
  for (const name of readdirSync(out)
    .filter((n) => n.endsWith('.csv'))
    .sort())
    assertGolden('mini/' + name, readFileSync(join(out, name), 'utf8'));
});

test('manifest: inputs with hashes, parameters, event counts, row counts', () => {
  const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  assert.equal(m.createdAt, '2026-03-10T12:00:00.000Z');
  assert.equal(m.snapshot.date, '2026-03-10');
  assert.equal(m.parameters.courseId, 'course-v1:MiniX+M101+2026T1');
  assert.deepEqual(m.events, {
    filesRead: 4,
    linesRead: 27,
    linesMentioningCourse: 27,
    events: 23,
    otherCourseLines: 2,
    duplicatesDropped: 2,
    source: 'logs',
    skipped: []
  });
  const enr = m.inputs.find((i: { path: string }) => i.path.endsWith('student_courseenrollment-prod-analytics.sql'));
  assert.match(enr.sha256, /^[0-9a-f]{64}$/);
  assert.equal(m.tables.find((t: { name: string }) => t.name === 'video_activity_ng2').rows, 5);
  assert.ok(m.outputs.some((o: { path: string }) => o.path === 'MiniX-M101-2026T1-SAMCED.db'));
});

test('readBuildOutput: the manifest and the data dictionary of the folder', async () => {
  const { manifest, dictionary } = await readBuildOutput(out);
  assert.deepEqual(
    [manifest.parameters.courseId, manifest.snapshot.date],
    ['course-v1:MiniX+M101+2026T1', '2026-03-10']
  );
  assert.equal('linesRead' in manifest.events ? manifest.events.linesRead : undefined, 27);
  assert.equal(manifest.tables.find((t) => t.name === 'video_activity_ng2')?.rows, 5);
  assert.match(dictionary, /^# SAMCED data dictionary: course-v1:MiniX\+M101\+2026T1/);
});

test('a failed build leaves nothing under the final name', async () => {
  const target = join(mkdtempSync(join(tmpdir(), 'samced-fail-')), 'out');
  await assert.rejects(
    buildSamced({ data: drop, ...MINI, course: 'NOPE', out: target }, { logger: memoryLogger() }),
    /missing table file/
  );
  assert.equal(existsSync(target), false);
  await assert.rejects(
    buildSamced({ data: drop, ...MINI, out }, { logger: memoryLogger() }),
    /output folder already exists/
  );
});

test('an event store: the build reads the events from it and writes the same tables; a store that lacks a day of the window: the logs, with one warning', async () => {
  const mini = makeMiniDrop();
  const dir = mkdtempSync(join(tmpdir(), 'samced-store-build-'));
  const store = join(dir, 'store');
  await indexEvents({ data: mini, org: MINI.org, store }, { logger: memoryLogger() });
  const build = async (name: string) => {
    const logger = memoryLogger();
    await buildSamced(
      { data: mini, ...MINI, out: join(dir, name), store },
      { logger, clock: fixedClock('2026-03-10T12:00:00Z') }
    );
    return {
      manifest: JSON.parse(readFileSync(join(dir, name, 'manifest.json'), 'utf8')),
      warnings: logger.lines.filter((l) => l.startsWith('warn: ') && l.includes('store'))
    };
  };
  const fromStore = await build('from-store');
  // the same events; what the store does not know (lines that only mention the course) is null
  assert.deepEqual(fromStore.manifest.events, {
    filesRead: 4,
    linesRead: 27,
    linesMentioningCourse: null,
    events: 23,
    otherCourseLines: null,
    duplicatesDropped: 2,
    source: 'store',
    store: relative(mini, store),
    skipped: []
  });
  assert.deepEqual(fromStore.warnings, []);
  for (const name of readdirSync(out).filter((n) => n.endsWith('.csv'))) {
    assert.equal(readFileSync(join(dir, 'from-store', name), 'utf8'), readFileSync(join(out, name), 'utf8'), name);
  }
  // the ledger without the window's second day: the logs are read, with one warning naming it and the command
  const ledgerPath = join(store, 'ledger.json');
  const ledger = JSON.parse(readFileSync(ledgerPath, 'utf8')) as { files: { path: string }[] };
  const day = 'edx-course-data/minix/edx/events/2026/minix-edx-events-2026-03-02.log.gz';
  assert.ok(ledger.files.some((f) => f.path === day));
  writeFileSync(ledgerPath, JSON.stringify({ ...ledger, files: ledger.files.filter((f) => f.path !== day) }));
  const lacking = await build('lacking');
  assert.equal(lacking.manifest.events.source, 'logs');
  assert.equal(lacking.manifest.events.linesMentioningCourse, 27);
  assert.deepEqual(lacking.warnings, [
    `warn: event store ${store}: ${day} is not indexed (run \`samced index --data ${mini} --org MiniX --store ${store}\`); reading the logs`
  ]);
  for (const name of readdirSync(out).filter((n) => n.endsWith('.csv'))) {
    assert.equal(readFileSync(join(dir, 'lacking', name), 'utf8'), readFileSync(join(out, name), 'utf8'), name);
  }
});
