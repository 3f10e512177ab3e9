import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buffer } from 'node:stream/consumers';
import { buildSamced } from '../../kernel-lib/output/build';
import { sampleCourseRun } from '../../kernel-lib/drop/sample';
import { listEventFiles } from '../../kernel-lib/drop/event-files';
import { parseCourseKey } from '../../kernel-lib/drop/course-key';
import { loadDecryptionKey, openDecryptedStream } from '../../kernel-lib/acquire';
import { fixedClock, memoryLogger } from '../../kernel-lib/util/effects';

test('the main job on the embedded sample: event counts match an independent count, storyline rows are right', async () => {
  const sample = sampleCourseRun();
  const out = join(mkdtempSync(join(tmpdir(), 'samced-sample-')), 'out');
  await buildSamced({ ...sample, out }, { logger: memoryLogger(), clock: fixedClock('2026-02-16T00:00:00Z') });
  // independent count: every line of the window's files (the .gpg one decrypted), parsed with JSON.parse
  const key = await loadDecryptionKey({ keyFile: sample.keyFile });
  const seen = new Set<string>();
  let lines = 0;
  let member = 0;
  for (const f of listEventFiles(sample.data, { org: sample.org, start: sample.start, end: sample.end })) {
    const gz = f.encrypted ? await buffer(await openDecryptedStream(f.path, key)) : readFileSync(f.path);
    for (const line of gunzipSync(gz).toString('utf8').split('\n')) {
      if (!line) continue;
      lines += 1;
      const k = parseCourseKey(JSON.parse(line).context?.course_id);
      if (k && k.org === sample.org && k.course === sample.course && k.run === sample.run) {
        member += 1;
        seen.add(line);
      }
    }
  }
  const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  assert.equal(m.events.linesRead, lines);
  assert.equal(m.events.events, seen.size);
  assert.equal(m.events.duplicatesDropped, member - seen.size);
  assert.equal(m.events.duplicatesDropped, 9, 'three edge days repeat three lines each');
  assert.equal(m.snapshot.date, '2026-02-15');
  const csv = (t: string) => readFileSync(join(out, `SAMCED-${t}.csv`), 'utf8');
  // STORYLINE.md, learner 1001: V1 browser (load, 3 plays, 2 pauses, seek, speed, show/hide transcript, stop) + V2 mobile (load, 2 plays, pause, stop)
  assert.match(csv('video_activity'), /\n1001,2,5,3,2,1,1,1,1,,\n/);
  // learner 1002: pre-survey merged over two submissions (2_1 overwritten, 3_1 list, 4_1 verbatim)
  assert.match(
    csv('pre_survey_answers'),
    /\n1002,2025-12-20 09:00:00\.000000,choice_3,"choice_0,choice_2","I want ""data"" skills\? yes"/
  );
  // forum numbering: T1 (1003) first, R1 (1004) replies to it, C1 (1003) answers R1
  const ng = csv('discussion_forum_activity_ng').split('\n');
  const t1 = ng.find((l) => l.includes(',1003,') && l.endsWith(',CommentThread,2026-01-08 10:00:00'))!.split(',')[0];
  assert.ok(ng.some((l) => new RegExp(`^\\d+,1004,${t1},,Comment,2026-01-08 11:00:00$`).test(l)));
  // learner 1003's progress page: twice on 12-16, once on the start day, and the late line outside the window
  const progress = csv('page_activity_progress').split('\n');
  const header = progress[0]!.split(',');
  const row = progress.find((l) => l.startsWith('1003,'))!.split(',');
  assert.equal(row[header.indexOf('date_20251215')], '1');
  assert.equal(row[header.indexOf('date_20251216')], '2');
  assert.equal(row[header.indexOf('outside_window')], '1');
});
