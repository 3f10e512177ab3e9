import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { create as createTar } from 'tar';
import { loadDecryptionKey, type DecryptionKey } from '../../kernel-lib/acquire/decryption-key';
import { trackingTarMarker, unpackTrackingTar } from '../../kernel-lib/acquire/unpack-tracking-tar';
import { unpackDatabaseZip } from '../../kernel-lib/acquire/unpack-zip';
import { InputError } from '../../kernel-lib/util/errors';
import { fixedClock, memoryLogger } from '../../kernel-lib/util/effects';
import { createGpgHome, gpgMissing, type GpgHome } from '../fixtures/acquire/gpg';
import { writeZip } from '../fixtures/acquire/zip-writer';

const skip = gpgMissing();
const effects = { logger: memoryLogger(), clock: fixedClock('2026-02-01T12:00:00Z') };

const line = (time: string | undefined, id: string): string =>
  JSON.stringify(time === undefined ? { event_type: id } : { time, event_type: id });
const A = line('2014-03-01T10:00:02.000000+00:00', 'A');
const B = line('2014-03-01T10:00:00.000000+00:00', 'B');
const C = line('2014-03-01T10:00:01.500000+00:00', 'C');
const D = line('2014-03-01T11:00:03+01:00', 'D'); // 10:00:03 UTC
const E = line('2014-03-01T09:00:00.000000+00:00', 'E');
const F = line('2014-03-02T00:00:05.5', 'F'); // 2013-style, no zone: read as UTC
const G = line(undefined, 'G'); // no time: sorted last
const H = line('2014-03-01T10:00:04.000000+00:00', 'H');

function gzLines(path: string): string[] {
  return gunzipSync(readFileSync(path)).toString('utf8').split('\n').slice(0, -1);
}

function leftovers(folder: string): string[] {
  return readdirSync(folder).filter((name) => name.startsWith('.') && name.includes('.tmp-'));
}

describe('unpacking deliveries', { skip }, () => {
  let gpg: GpgHome;
  let dir: string;
  let key: DecryptionKey;

  /** Encrypts `content` to the test key and returns the OpenPGP bytes. */
  function encrypt(content: string | Buffer): Buffer {
    const plain = join(dir, 'plain.tmpfile');
    const sealed = join(dir, 'sealed.tmpfile');
    writeFileSync(plain, content);
    gpg.encrypt(plain, sealed, ['czar@partner.example', 'master@edx.example']);
    return readFileSync(sealed);
  }

  before(async () => {
    gpg = createGpgHome();
    dir = mkdtempSync(join(tmpdir(), 'samced-unpack-'));
    gpg.generate('czar@partner.example', 'future-default', 'default');
    gpg.generate('master@edx.example', 'future-default', 'default');
    key = await loadDecryptionKey({ armoredKey: gpg.exportSecret('czar@partner.example'), env: {} });
  });

  after(() => {
    gpg?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('a database zip: members decrypted into course-data/{org}-{date}/, other files copied, sub-folders kept', async () => {
    const courseData = join(dir, 'zip-ok', 'course-data');
    mkdirSync(courseData, { recursive: true });
    const zip = join(courseData, 'samcedx-2026-01-11.zip');
    const users = 'id\tusername\n1\talice\n2\tbob\n';
    const ora = 'uuid\tstudent_id\nx\t1\n';
    writeZip(zip, [
      { name: 'samcedx-2026-01-11/' },
      { name: 'samcedx-2026-01-11/SamcedX-C1-2026-auth_user-prod-analytics.sql.gpg', data: encrypt(users) },
      { name: 'samcedx-2026-01-11/ora/' },
      { name: 'samcedx-2026-01-11/ora/SamcedX-C1-2026-ora2-prod.sql.gpg', data: encrypt(ora) },
      {
        name: 'samcedx-2026-01-11/SamcedX-C1-2026-wiki_article-prod-analytics.sql.failed',
        data: Buffer.from('task failed\n')
      }
    ]);
    const out = join(courseData, 'samcedx-2026-01-11');
    const result = await unpackDatabaseZip(zip, out, key, effects);
    assert.deepEqual({ decrypted: result.decrypted, copied: result.copied }, { decrypted: 2, copied: 1 });
    assert.deepEqual(readdirSync(out).sort(), [
      'SamcedX-C1-2026-auth_user-prod-analytics.sql',
      'SamcedX-C1-2026-wiki_article-prod-analytics.sql.failed',
      'ora'
    ]);
    assert.equal(readFileSync(join(out, 'SamcedX-C1-2026-auth_user-prod-analytics.sql'), 'utf8'), users);
    assert.equal(readFileSync(join(out, 'ora', 'SamcedX-C1-2026-ora2-prod.sql'), 'utf8'), ora);
    assert.equal(
      readFileSync(join(out, 'SamcedX-C1-2026-wiki_article-prod-analytics.sql.failed'), 'utf8'),
      'task failed\n'
    );
    assert.deepEqual(readdirSync(courseData).sort(), ['samcedx-2026-01-11', 'samcedx-2026-01-11.zip']);
  });

  test('a zip with a damaged member: InputError naming zip and member, no output folder', async () => {
    const courseData = join(dir, 'zip-bad', 'course-data');
    mkdirSync(courseData, { recursive: true });
    const zip = join(courseData, 'samcedx-2026-01-18.zip');
    const damaged = encrypt('id\tusername\n1\talice\n'.repeat(200));
    damaged[damaged.length - 30] = damaged[damaged.length - 30]! ^ 0x55;
    writeZip(zip, [
      { name: 'samcedx-2026-01-18/a-prod-analytics.sql.gpg', data: encrypt('fine\n') },
      { name: 'samcedx-2026-01-18/b-prod-analytics.sql.gpg', data: damaged }
    ]);
    await assert.rejects(
      unpackDatabaseZip(zip, join(courseData, 'samcedx-2026-01-18'), key, effects),
      (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.ok(error.message.startsWith(zip + ':samcedx-2026-01-18/b-prod-analytics.sql.gpg: '), error.message);
        return true;
      }
    );
    assert.deepEqual(readdirSync(courseData), ['samcedx-2026-01-18.zip']);
    writeFileSync(join(courseData, 'not-a.zip'), 'hello');
    await assert.rejects(
      unpackDatabaseZip(join(courseData, 'not-a.zip'), join(courseData, 'not-a'), key, effects),
      /not-a\.zip: not a readable zip file/
    );
  });

  test('a zip with two members that unpack to one file fails naming both, and writes nothing', async () => {
    const courseData = join(dir, 'zip-twice', 'course-data');
    mkdirSync(courseData, { recursive: true });
    const zip = join(courseData, 'samcedx-2026-01-25.zip');
    writeZip(zip, [
      { name: 'samcedx-2026-01-25/a-prod-analytics.sql.gpg', data: encrypt('from the encrypted member\n') },
      { name: 'samcedx-2026-01-25/b-prod-analytics.sql', data: Buffer.from('b\n') },
      { name: 'samcedx-2026-01-25/a-prod-analytics.sql', data: Buffer.from('from the plain member\n') }
    ]);
    await assert.rejects(
      unpackDatabaseZip(zip, join(courseData, 'samcedx-2026-01-25'), key, effects),
      (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.equal(
          error.message,
          `${zip}: zip members samcedx-2026-01-25/a-prod-analytics.sql.gpg and samcedx-2026-01-25/a-prod-analytics.sql both unpack to a-prod-analytics.sql`
        );
        return true;
      }
    );
    assert.deepEqual(readdirSync(courseData), ['samcedx-2026-01-25.zip']);
  });

  test('a legacy tracking tar: servers merged per site and day, duplicates dropped, sorted by time', async () => {
    const drop = join(dir, 'tar-drop');
    const staging = join(dir, 'tar-staging');
    for (const server of ['prod-edx-001', 'prod-edx-002', 'prod-edx-003', 'prod-edge-001'])
      mkdirSync(join(staging, server), { recursive: true });
    writeFileSync(join(staging, 'prod-edx-001', '2014-03-01-SamcedX.log.gpg'), encrypt([A, B].join('\n') + '\n'));
    writeFileSync(
      join(staging, 'prod-edx-002', '2014-03-01-SamcedX.log.gpg'),
      encrypt([C, B, '', '  '].join('\n') + '\n')
    );
    // One server's plaintext is itself gzipped: it is recognised and decompressed.
    writeFileSync(join(staging, 'prod-edx-003', '2014-03-01-SamcedX.log.gpg'), encrypt(gzipSync(D + '\r\n')));
    writeFileSync(join(staging, 'prod-edge-001', '2014-03-01-SamcedX.log.gpg'), encrypt(E + '\n'));
    writeFileSync(join(staging, 'prod-edx-001', '2014-03-02-SamcedX.log.gpg'), encrypt([G, F].join('\n')));
    writeFileSync(join(staging, 'README'), 'not a log\n');
    mkdirSync(join(drop, 'course-data'), { recursive: true });
    const tar = join(drop, 'course-data', '2014-03-03-SamcedX-tracking.tar');
    await createTar({ file: tar, cwd: staging }, [
      'prod-edx-001',
      'prod-edx-002',
      'prod-edx-003',
      'prod-edge-001',
      'README'
    ]);

    const result = await unpackTrackingTar(tar, drop, key, effects);
    assert.equal(result.serverFiles, 5);
    const events = join(drop, 'edx-course-data', 'samcedx');
    const day1 = join(events, 'edx', 'events', '2014', 'samcedx-edx-events-2014-03-01.log.gz');
    assert.deepEqual(gzLines(day1), [B, C, A, D]);
    assert.deepEqual(gzLines(join(events, 'edge', 'events', '2014', 'samcedx-edge-events-2014-03-01.log.gz')), [E]);
    assert.deepEqual(gzLines(join(events, 'edx', 'events', '2014', 'samcedx-edx-events-2014-03-02.log.gz')), [F, G]);
    assert.deepEqual(
      result.days.map((d) => [d.site, d.date, d.lines, d.duplicates, d.servers.join(','), d.mergedExisting]),
      [
        ['edge', '2014-03-01', 1, 0, 'prod-edge-001', false],
        ['edx', '2014-03-01', 4, 1, 'prod-edx-001,prod-edx-002,prod-edx-003', false],
        ['edx', '2014-03-02', 2, 0, 'prod-edx-001', false]
      ]
    );
    const marker = JSON.parse(readFileSync(trackingTarMarker(tar), 'utf8')) as {
      unpackedAt: string;
      serverFiles: number;
    };
    assert.equal(marker.unpackedAt, '2026-02-01T12:00:00.000Z');
    assert.equal(marker.serverFiles, 5);
    assert.deepEqual(leftovers(drop), []);
    assert.ok(effects.logger.lines.some((l) => l.includes('skipping README')));

    // The next weekly tar is cumulative: its lines are merged into the existing day file.
    const staging2 = join(dir, 'tar-staging-2');
    mkdirSync(join(staging2, 'prod-edx-001'), { recursive: true });
    writeFileSync(join(staging2, 'prod-edx-001', '2014-03-01-SamcedX.log.gpg'), encrypt([H, A].join('\n') + '\n'));
    const tar2 = join(drop, 'course-data', '2014-03-10-SamcedX-tracking.tar');
    await createTar({ file: tar2, cwd: staging2 }, ['prod-edx-001']);
    const second = await unpackTrackingTar(tar2, drop, key, effects);
    assert.deepEqual(gzLines(day1), [B, C, A, D, H]);
    assert.deepEqual([second.days[0]!.duplicates, second.days[0]!.mergedExisting], [1, true]);
  });

  test('a tracking tar with a tampered member: InputError naming it, day files untouched, work folder removed', async () => {
    const drop = join(dir, 'tar-bad');
    const staging = join(dir, 'tar-bad-staging');
    mkdirSync(join(staging, 'prod-edx-001'), { recursive: true });
    mkdirSync(join(drop, 'course-data'), { recursive: true });
    const damaged = encrypt((A + '\n').repeat(500));
    damaged[Math.floor(damaged.length / 2)] = damaged[Math.floor(damaged.length / 2)]! ^ 0xff;
    writeFileSync(join(staging, 'prod-edx-001', '2014-03-01-SamcedX.log.gpg'), encrypt(B + '\n'));
    writeFileSync(join(staging, 'prod-edx-001', '2014-03-02-SamcedX.log.gpg'), damaged);
    const tar = join(drop, 'course-data', '2014-03-03-SamcedX-tracking.tar');
    await createTar({ file: tar, cwd: staging }, ['prod-edx-001']);
    await assert.rejects(unpackTrackingTar(tar, drop, key, effects), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.ok(error.message.startsWith(tar + ':prod-edx-001/2014-03-02-SamcedX.log.gpg: '), error.message);
      return true;
    });
    assert.deepEqual(readdirSync(drop), ['course-data']);
    assert.equal(existsSync(trackingTarMarker(tar)), false);
    await assert.rejects(
      unpackTrackingTar(join(drop, 'course-data', 'x.tar'), drop, key, effects),
      /not a legacy tracking tar name/
    );
  });
});
