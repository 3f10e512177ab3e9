import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventTimeMicros, lineTimeKey, mergeEventLines } from '../../kernel-lib/acquire/event-lines';

describe('eventTimeMicros', () => {
  // 2014-05-15T19:03:19Z is 1400180599 seconds after the epoch.
  const base = 1_400_180_599 * 1_000_000;

  test('reads the time shapes seen in real tracking logs', () => {
    assert.equal(eventTimeMicros('2014-05-15T19:03:19.487373+00:00'), base + 487_373);
    assert.equal(eventTimeMicros('2014-05-15T19:03:19+00:00'), base);
    assert.equal(eventTimeMicros('2014-05-15T19:03:19.5Z'), base + 500_000);
    assert.equal(eventTimeMicros('2014-05-15 19:03:19.000001+00:00'), base + 1);
    assert.equal(eventTimeMicros('2014-05-15T21:03:19.000000+02:00'), base, 'offsets are applied');
    assert.equal(eventTimeMicros('2014-05-15T21:03:19+0200'), base, 'offset without colon');
    assert.equal(eventTimeMicros('2014-05-15T19:03:19.487373'), base + 487_373, 'no zone (2013 logs) is UTC');
  });

  test('NaN for what is not a time', () => {
    assert.ok(Number.isNaN(eventTimeMicros('yesterday')));
    assert.ok(Number.isNaN(eventTimeMicros('2014-13-45T99:00:00Z')));
  });

  test('lineTimeKey puts lines without a readable time last', () => {
    assert.equal(lineTimeKey('{"time":"2014-05-15T19:03:19+00:00"}'), base);
    assert.equal(lineTimeKey('{"event_type":"x"}'), Number.POSITIVE_INFINITY);
    assert.equal(lineTimeKey('{"time":17}'), Number.POSITIVE_INFINITY);
    assert.equal(lineTimeKey('not json'), Number.POSITIVE_INFINITY);
  });
});

describe('mergeEventLines', () => {
  test('drops exact duplicates and blank lines, sorts by time then text', () => {
    const late = '{"time":"2014-03-01T10:00:02+00:00","a":1}';
    const early = '{"time":"2014-03-01T10:00:00+00:00","b":1}';
    const tieZ = '{"time":"2014-03-01T10:00:01+00:00","z":1}';
    const tieA = '{"time":"2014-03-01T10:00:01+00:00","a":1}';
    const broken = '{"time":"2014-03-01T10:00';
    const merged = mergeEventLines([late, early, '', tieZ, '  ' + early + '\r', broken, tieA, late, '   ']);
    assert.deepEqual(merged.lines, [early, tieA, tieZ, late, broken]);
    assert.equal(merged.duplicates, 2);
    assert.equal(merged.blank, 2);
  });

  test('the result does not depend on the order of the sources', () => {
    const lines = ['{"time":"2014-03-01T10:00:01+00:00"}', 'x', '{"time":"2014-03-01T09:00:00+00:00"}', 'a'];
    assert.deepEqual(mergeEventLines(lines).lines, mergeEventLines([...lines].reverse()).lines);
    assert.deepEqual(mergeEventLines(lines).lines, [
      '{"time":"2014-03-01T09:00:00+00:00"}',
      '{"time":"2014-03-01T10:00:01+00:00"}',
      'a',
      'x'
    ]);
  });
});
