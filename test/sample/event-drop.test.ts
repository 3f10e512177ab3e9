// The benchmark drop generator writes the requested number of well-formed lines over the
// requested days, with the course of interest a minority, a usable snapshot, and the same bytes
// for the same seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { generateEventDrop } from '../../scripts/sample/event-drop';

test('generateEventDrop writes N lines over D days, deterministically', async () => {
  const a = await mkdtemp(join(tmpdir(), 'samced-drop-a-'));
  const b = await mkdtemp(join(tmpdir(), 'samced-drop-b-'));
  try {
    const options = { events: 3001, days: 3, courses: 3, shareOfInterest: 0.25, seed: 42 };
    const result = await generateEventDrop({ ...options, outDir: a });
    assert.equal(result.courseOfInterest, 'course-v1:BenchX+BIG101+1T2026');
    assert.deepEqual(
      result.files.map((f) => f.slice(a.length)),
      [
        '/edx-course-data/benchx/edx/events/2026/benchx-edx-events-2026-01-05.log.gz',
        '/edx-course-data/benchx/edx/events/2026/benchx-edx-events-2026-01-06.log.gz',
        '/edx-course-data/benchx/edx/events/2026/benchx-edx-events-2026-01-07.log.gz'
      ]
    );
    const perFile: number[] = [];
    const courses = new Map<string, number>();
    for (const file of result.files) {
      const lines = gunzipSync(await readFile(file))
        .toString('utf8')
        .split('\n');
      assert.equal(lines.pop(), '');
      perFile.push(lines.length);
      for (const line of lines) {
        const course = JSON.parse(line).context.course_id as string;
        courses.set(course, (courses.get(course) ?? 0) + 1);
      }
    }
    assert.deepEqual(perFile, [1001, 1000, 1000]);
    assert.equal(result.events, 3001);
    const interest = courses.get(result.courseOfInterest) ?? 0;
    assert.equal(interest, result.eventsOfInterest);
    assert.ok(interest > 300 && interest < 1300, `about a quarter in the course of interest, got ${interest}`);
    assert.ok(
      [...courses.keys()].some((c) => c.startsWith('BenchX/')),
      'an old-style course id is present'
    );
    const snapshot = await readdir(result.snapshotDir);
    assert.ok(snapshot.includes('BenchX-BIG101-1T2026-student_courseenrollment-prod-analytics.sql'));
    assert.ok(snapshot.includes('BenchX-BIG101-1T2026-courseware_studentmodule-prod-analytics.sql'));
    assert.ok(snapshot.includes('BenchX-BIG101-1T2026-course_structure-prod-analytics.json'));
    const enrollment = await readFile(
      join(result.snapshotDir, 'BenchX-BIG101-1T2026-student_courseenrollment-prod-analytics.sql'),
      'utf8'
    );
    assert.ok(enrollment.startsWith('id\tuser_id\tcourse_id\tcreated\tis_active\tmode\n'));

    const again = await generateEventDrop({ ...options, outDir: b });
    for (let i = 0; i < result.files.length; i++) {
      assert.ok(
        (await readFile(result.files[i]!)).equals(await readFile(again.files[i]!)),
        `file ${i} differs between runs`
      );
    }
  } finally {
    await rm(a, { recursive: true, force: true });
    await rm(b, { recursive: true, force: true });
  }
});

test('generateEventDrop writes a second course its snapshot with snapshotCourses: 2', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'samced-drop-two-'));
  try {
    const result = await generateEventDrop({
      outDir: dir,
      events: 900,
      days: 2,
      courses: 3,
      seed: 7,
      snapshotCourses: 2,
      workers: 1
    });
    assert.deepEqual(result.snapshotCourseIds, ['course-v1:BenchX+BIG101+1T2026', 'BenchX/C101x/2026_Spring']);
    const snapshot = await readdir(result.snapshotDir);
    for (const prefix of ['BenchX-BIG101-1T2026', 'BenchX-C101x-2026_Spring']) {
      for (const table of [
        'student_courseenrollment-prod-analytics.sql',
        'course_structure-prod-analytics.json',
        'course-prod-analytics.xml.tar.gz',
        'prod.mongo'
      ]) {
        assert.ok(snapshot.includes(`${prefix}-${table}`), `${prefix}-${table} is in the snapshot`);
      }
    }
    // no studentmodule state is simulated for the other courses: no file, as edX sends for an empty table
    assert.ok(snapshot.includes('BenchX-BIG101-1T2026-courseware_studentmodule-prod-analytics.sql'));
    assert.ok(!snapshot.includes('BenchX-C101x-2026_Spring-courseware_studentmodule-prod-analytics.sql'));
    // the second course's learners are its own (user ids from 200000), enrolled in it
    const enrollment = (
      await readFile(
        join(result.snapshotDir, 'BenchX-C101x-2026_Spring-student_courseenrollment-prod-analytics.sql'),
        'utf8'
      )
    )
      .trim()
      .split('\n')
      .slice(1);
    assert.ok(enrollment.length >= 20);
    for (const row of enrollment) {
      const [, userId, courseId] = row.split('\t');
      assert.equal(courseId, 'BenchX/C101x/2026_Spring');
      assert.ok(
        Number(userId) >= 200000 && Number(userId) < 300000,
        `user ${userId} is one of the second course's learners`
      );
    }
    // the org's email opt-in file stays the course of interest's
    const optIn = (await readFile(join(result.snapshotDir, 'BenchX-email_opt_in-prod-analytics.csv'), 'utf8'))
      .trim()
      .split('\n')
      .slice(1);
    assert.ok(optIn.length > 0 && optIn.every((row) => row.includes('course-v1:BenchX+BIG101+1T2026')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
