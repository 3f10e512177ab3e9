import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listSnapshots, pickSnapshot } from '../../kernel-lib/drop/snapshots';
import { listEventFiles } from '../../kernel-lib/drop/event-files';
import { datesBetween, parseDate, shortDate, timestampName } from '../../kernel-lib/drop/dates';

const snaps = (...dates: string[]) => dates.map((date) => ({ date, dir: '/x/' + date }));

test('snapshot choice: first on or after the end date, else the latest (original-toolkit.md 6.3)', () => {
  const s = snaps('2015-08-23', '2015-12-20', '2016-01-10');
  assert.equal(pickSnapshot(s, '2015-12-15')?.date, '2015-12-20');
  assert.equal(pickSnapshot(s, '2015-12-20')?.date, '2015-12-20');
  assert.equal(pickSnapshot(s, '2016-02-01')?.date, '2016-01-10');
  assert.equal(pickSnapshot(s, '2015-01-01')?.date, '2015-08-23');
  assert.equal(pickSnapshot([...s].reverse(), '2015-12-15')?.date, '2015-12-20');
  assert.equal(pickSnapshot([], '2015-12-15'), undefined);
});

test('snapshot folders: dated names, nested <org>-<date>/ folder, other orgs skipped', () => {
  const root = mkdtempSync(join(tmpdir(), 'samced-snap-'));
  mkdirSync(join(root, 'course-data', 'samcedx-2026-01-11'), { recursive: true });
  mkdirSync(join(root, 'course-data', 'download-2025-12-07', 'samcedx-2025-12-07'), { recursive: true });
  mkdirSync(join(root, 'course-data', 'otherx-2026-02-01'), { recursive: true });
  mkdirSync(join(root, 'course-data', 'notes'), { recursive: true });
  const list = listSnapshots(root, 'SamcedX');
  assert.deepEqual(
    list.map((s) => s.date),
    ['2025-12-07', '2026-01-11']
  );
  assert.equal(list[0]!.dir, join(root, 'course-data', 'download-2025-12-07', 'samcedx-2025-12-07'));
});

test('event files: date window inclusive across year folders, both layouts, plain wins over .gpg', () => {
  const root = mkdtempSync(join(tmpdir(), 'samced-ev-'));
  const put = (rel: string) => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), 'x');
  };
  put('edx-course-data/samcedx/edx/events/2025/samcedx-edx-events-2025-12-30.log.gz');
  put('edx-course-data/samcedx/edx/events/2025/samcedx-edx-events-2025-12-31.log.gz');
  put('edx-course-data/samcedx/edx/events/2026/samcedx-edx-events-2026-01-01.log.gz.gpg');
  put('edx-course-data/samcedx/edx/events/2026/samcedx-edx-events-2026-01-02.log.gz');
  put('edx-course-data/samcedx/edx/events/2026/samcedx-edx-events-2026-01-02.log.gz.gpg');
  put('edx-course-data/samcedx/edx/events/2026/samcedx-edx-events-2026-01-03.log.gz');
  put('edx-course-data/samcedx/edge/events/2026/samcedx-edge-events-2026-01-01.log.gz');
  put('edx-course-data/edx/events/2026/samcedx-edx-events-2026-01-02.log.gz');
  put('edx-course-data/otherx/edx/events/2026/otherx-edx-events-2026-01-02.log.gz');
  const files = listEventFiles(root, { org: 'SamcedX', start: '2025-12-31', end: '2026-01-02' });
  assert.deepEqual(
    files.map((f) => [f.date, f.site, f.encrypted, f.relPath.split('/').slice(-1)[0]]),
    [
      ['2025-12-31', 'edx', false, 'samcedx-edx-events-2025-12-31.log.gz'],
      ['2026-01-01', 'edge', false, 'samcedx-edge-events-2026-01-01.log.gz'],
      ['2026-01-01', 'edx', true, 'samcedx-edx-events-2026-01-01.log.gz.gpg'],
      ['2026-01-02', 'edx', false, 'samcedx-edx-events-2026-01-02.log.gz'],
      ['2026-01-02', 'edx', false, 'samcedx-edx-events-2026-01-02.log.gz']
    ]
  );
  assert.deepEqual(
    listEventFiles(root, { org: 'SamcedX', start: '2026-01-01', end: '2026-01-01', sites: ['edge'] }).map(
      (f) => f.site
    ),
    ['edge']
  );
});

test('dates', () => {
  assert.equal(parseDate('20151215'), '2015-12-15');
  assert.throws(() => parseDate('2015-02-30'), /not a date/);
  assert.deepEqual(datesBetween('2025-12-30', '2026-01-02'), ['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']);
  assert.equal(shortDate('2026-02-08'), '260208');
  assert.equal(timestampName(new Date(2026, 0, 2, 3, 4, 5)), '20260102030405');
});
