import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dateInName,
  isIsoDate,
  parseDatabaseZipName,
  parseServerDayPath,
  parseTrackingTarName
} from '../../kernel-lib/acquire/delivery-names';
import { courseDataTarget, decide, eventTarget, isSafeKey, type SyncTarget } from '../../kernel-lib/acquire/sync-plan';
import type { SyncedObject } from '../../kernel-lib/acquire/sync-state';

const object = (bucket: string, key: string, size = 10, etag = 'e1') => ({ bucket, key, size, etag });

describe('delivery names', () => {
  test('database zips and tracking tars, org matched in any case', () => {
    assert.deepEqual(parseDatabaseZipName('chalmersx-2016-01-10.zip', 'ChalmersX'), {
      org: 'chalmersx',
      date: '2016-01-10'
    });
    assert.equal(parseDatabaseZipName('chalmersxpro-2016-01-10.zip', 'ChalmersX'), undefined);
    assert.equal(parseDatabaseZipName('chalmersx-2016-01-10.zip.gpg', 'ChalmersX'), undefined);
    assert.deepEqual(parseTrackingTarName('2014-03-02-ChalmersX-tracking.tar', 'chalmersx'), {
      org: 'ChalmersX',
      date: '2014-03-02'
    });
    assert.deepEqual(parseTrackingTarName('2014-03-02-Some-Org-tracking.tar'), { org: 'Some-Org', date: '2014-03-02' });
    assert.equal(parseTrackingTarName('2014-03-02-OtherX-tracking.tar', 'ChalmersX'), undefined);
  });

  test('server day files inside a tracking tar', () => {
    assert.deepEqual(parseServerDayPath('./prod-edge-002/2014-03-01-MITx.log.gpg'), {
      server: 'prod-edge-002',
      site: 'edge',
      date: '2014-03-01',
      org: 'MITx'
    });
    assert.deepEqual(parseServerDayPath('prod-edx-001/2014-03-01-MITx.log.gz.gpg')?.site, 'edx');
    assert.equal(parseServerDayPath('2014-03-01-MITx.log.gpg'), undefined, 'needs a server folder');
    assert.equal(parseServerDayPath('prod-edx-001/notes.txt'), undefined);
  });

  test('dates', () => {
    assert.equal(dateInName('mitx-edx-events-2014-10-14.log.gz.gpg'), '2014-10-14');
    assert.equal(dateInName('no-date.txt'), undefined);
    assert.ok(isIsoDate('2016-02-29'));
    assert.ok(!isIsoDate('2015-02-29'));
    assert.ok(!isIsoDate('2015-2-1'));
  });
});

describe('sync targets', () => {
  test('course-data objects: only the org zips and tars at the top of the bucket, dated since', () => {
    const zip = courseDataTarget(object('course-data', 'chalmersx-2016-01-10.zip'), 'ChalmersX');
    assert.deepEqual(zip && [zip.kind, zip.localPath, zip.date], [
      'database-zip',
      'course-data/chalmersx-2016-01-10.zip',
      '2016-01-10'
    ]);
    const tar = courseDataTarget(object('course-data', '2014-03-02-chalmersx-tracking.tar'), 'ChalmersX');
    assert.deepEqual(tar && [tar.kind, tar.localPath], [
      'tracking-tar',
      'course-data/2014-03-02-chalmersx-tracking.tar'
    ]);
    assert.equal(
      courseDataTarget(object('course-data', 'email-opt-in/chalmersx-2016-01-10.zip'), 'ChalmersX'),
      undefined
    );
    assert.equal(courseDataTarget(object('course-data', 'mitx-2016-01-10.zip'), 'ChalmersX'), undefined);
    assert.equal(
      courseDataTarget(object('course-data', 'chalmersx-2016-01-10.zip'), 'ChalmersX', '2016-01-11'),
      undefined
    );
    assert.ok(courseDataTarget(object('course-data', 'chalmersx-2016-01-10.zip'), 'ChalmersX', '2016-01-10'));
  });

  test('event objects mirror the key; since needs a date in the name', () => {
    const key = 'chalmersx/edx/events/2016/chalmersx-edx-events-2016-01-10.log.gz.gpg';
    const target = eventTarget(object('edx-course-data', key));
    assert.deepEqual(target && [target.kind, target.localPath, target.date], [
      'event-file',
      'edx-course-data/' + key,
      '2016-01-10'
    ]);
    assert.equal(eventTarget(object('edx-course-data', key), '2016-01-11'), undefined);
    assert.ok(eventTarget(object('edx-course-data', 'chalmersx/edx/events/README')));
    assert.equal(eventTarget(object('edx-course-data', 'chalmersx/edx/events/README'), '2016-01-01'), undefined);
    assert.equal(eventTarget(object('edx-course-data', 'chalmersx/../../etc/passwd')), undefined);
  });

  test('unsafe keys are refused', () => {
    assert.ok(isSafeKey('a/b/c.gpg'));
    for (const key of ['', '/abs', 'a/../b', './a', 'a\\b']) assert.ok(!isSafeKey(key), key);
  });
});

describe('decide', () => {
  const target: SyncTarget = {
    ...object('edx-course-data', 'k', 100, 'v2'),
    kind: 'event-file',
    localPath: 'edx-course-data/k'
  };
  const entry = (etag: string, size: number, removed?: string): SyncedObject => ({
    bucket: 'edx-course-data',
    key: 'k',
    size,
    etag,
    localPath: 'edx-course-data/k',
    downloadedAt: '2026-01-01T00:00:00.000Z',
    ...(removed ? { removedAfterDecryption: removed } : {})
  });

  test('no state entry: new, or adopt a local file of the listed size', () => {
    assert.equal(decide(target, undefined, undefined), 'new');
    assert.equal(decide(target, undefined, 100), 'unchanged');
    assert.equal(decide(target, undefined, 99), 'changed');
  });

  test('with a state entry', () => {
    assert.equal(decide(target, entry('v2', 100), 100), 'unchanged');
    assert.equal(decide(target, entry('v1', 100), 100), 'changed', 'new ETag');
    assert.equal(decide(target, entry('v2', 90), 100), 'changed', 'new size');
    assert.equal(decide(target, entry('v2', 100), undefined), 'missing');
    assert.equal(decide(target, entry('v2', 100), 50), 'missing', 'damaged local copy');
    assert.equal(
      decide(target, entry('v2', 100, '2026-01-02T00:00:00.000Z'), undefined),
      'unchanged',
      'removed after decryption'
    );
  });
});
