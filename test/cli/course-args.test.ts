import { test } from 'node:test';
import assert from 'node:assert/strict';
import { courseRunOptions, COURSE_RUN_HELP } from '../../kernel-lib/cli/course-args';
import { memoryLogger } from '../../kernel-lib/util/effects';

const required = { data: '/drop', org: 'MiniX', course: 'M101', run: '2026T1', start: '2026-03-01', end: '2026-03-03' };

test('course-run options: --memory-limit, --max-line-mb and --allow-empty reach CourseRunOptions (defaults left to openCourseRun)', async () => {
  const given = await courseRunOptions(
    { ...required, 'memory-limit': '2GB', 'max-line-mb': '1.5', 'allow-empty': true },
    'build'
  );
  assert.equal(given.memoryLimit, '2GB');
  assert.equal(given.maxLineBytes, 1_572_864); // 1.5 x 2^20
  assert.equal(given.allowEmpty, true);
  const defaults = await courseRunOptions(required, 'build');
  assert.equal(defaults.memoryLimit, undefined);
  assert.equal(defaults.maxLineBytes, undefined);
  assert.equal(defaults.allowEmpty, undefined);
  for (const option of ['--memory-limit', '--max-line-mb', '--allow-empty'])
    assert.ok(COURSE_RUN_HELP.includes(option), option);
});

test('course-run options: a memory limit or line limit that is not a size is an InputError naming the option', async () => {
  for (const [option, value] of [
    ['memory-limit', '1 gigabyte'],
    ['memory-limit', '-1GB'],
    ['max-line-mb', '0'],
    ['max-line-mb', '2000'],
    ['max-line-mb', 'many']
  ] as const) {
    await assert.rejects(
      courseRunOptions({ ...required, [option]: value }, 'build'),
      (error: Error) =>
        error.name === 'InputError' &&
        error.message.includes(`--${option} must be`) &&
        error.message.includes(`'${value}'`)
    );
  }
});

test('course-run options: --store names the event store, --no-store reads the logs, neither the default store; --cache-dir and --no-cache do nothing but warn once', async () => {
  assert.equal((await courseRunOptions({ ...required, store: '/stores/minix' }, 'build')).store, '/stores/minix');
  assert.equal((await courseRunOptions({ ...required, 'no-store': true }, 'build')).store, false);
  assert.equal((await courseRunOptions(required, 'build')).store, undefined);
  await assert.rejects(
    courseRunOptions({ ...required, store: '/s', 'no-store': true }, 'build'),
    /give --store or --no-store, not both/
  );
  const logger = memoryLogger();
  const deprecated = await courseRunOptions({ ...required, 'cache-dir': '/cache', 'no-cache': true }, 'build', logger);
  assert.equal(deprecated.store, undefined);
  assert.equal('cacheDir' in deprecated, false);
  assert.deepEqual(logger.lines, [
    'warn: --cache-dir and --no-cache are deprecated and do nothing: the event store (samced index, --store, --no-store) replaced the events cache'
  ]);
  for (const option of ['--store <dir>', '--no-store', '--cache-dir, --no-cache'])
    assert.ok(COURSE_RUN_HELP.includes(option), option);
});
