import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openCourseRun, sampleCourseRun } from '../../kernel-lib/index';
import { memoryLogger } from '../../kernel-lib/util/effects';
import { independentSampleCounts } from '../fixtures/sample-events';

test('openCourseRun(sampleCourseRun()) opens the whole sample, the encrypted day included, with no key handling by the caller', async () => {
  const sample = sampleCourseRun();
  const expected = await independentSampleCounts(sample);
  assert.equal(expected.encrypted.size, 1, 'the sample holds one encrypted day');
  const [[gpgFile, gpgEvents]] = [...expected.encrypted];
  const run = await openCourseRun(sample, { logger: memoryLogger() });
  try {
    assert.equal(Number(await run.duck.scalar('SELECT count(*) FROM events')), expected.events);
    assert.equal(
      Number(await run.duck.scalar(`SELECT count(*) FROM events WHERE source_file = '${gpgFile}'`)),
      gpgEvents
    );
  } finally {
    await run.close();
  }
});

test('an encrypted day without any key is a one-line error that names the file and the ways to give a key', async () => {
  const { keyFile: _, ...withoutKey } = sampleCourseRun();
  await assert.rejects(openCourseRun({ ...withoutKey, store: false }, { logger: memoryLogger() }), (error: Error) => {
    assert.match(
      error.message,
      /\.log\.gz\.gpg: file is OpenPGP-encrypted: give a key \(the keyFile option, --key or \$SAMCED_GPG_KEY\)/
    );
    assert.equal(error.message.split('\n').length, 1);
    return true;
  });
});
