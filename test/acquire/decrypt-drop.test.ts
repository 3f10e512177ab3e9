import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { create as createTar } from 'tar';
import { decryptDrop } from '../../kernel-lib/acquire/decrypt-drop';
import { loadDecryptionKey, type DecryptionKey } from '../../kernel-lib/acquire/decryption-key';
import { syncDrop } from '../../kernel-lib/acquire/s3-sync';
import { readSyncState, writeSyncState } from '../../kernel-lib/acquire/sync-state';
import { decryptCommand } from '../../kernel-lib/cli/decrypt';
import { fixedClock, memoryLogger } from '../../kernel-lib/util/effects';
import { InputError } from '../../kernel-lib/util/errors';
import { createGpgHome, gpgMissing, type GpgHome } from '../fixtures/acquire/gpg';
import { startS3Server, type S3TestServer } from '../fixtures/acquire/s3-server';
import { writeZip } from '../fixtures/acquire/zip-writer';

const skip = gpgMissing();
const clock = fixedClock('2026-02-01T09:30:00Z');
const quiet = () => ({ logger: memoryLogger(), clock });

const t = (time: string, id: string): string => JSON.stringify({ time, event_type: id });
const DAILY_1 = t('2014-03-01T08:00:00+00:00', 'daily-1');
const TAR_1 = t('2014-03-01T07:00:00+00:00', 'tar-1');
const TAR_2 = t('2014-03-01T09:00:00+00:00', 'tar-2');
const JAN_20 = t('2026-01-20T12:00:00+00:00', 'jan-20');

const EVENTS_2014 = 'edx-course-data/samcedx/edx/events/2014/samcedx-edx-events-2014-03-01.log.gz';
const EVENTS_2026 = 'edx-course-data/samcedx/edx/events/2026/samcedx-edx-events-2026-01-20.log.gz';
const ZIP = 'course-data/samcedx-2026-01-11.zip';
const TAR = 'course-data/2014-03-02-SamcedX-tracking.tar';
const USERS = 'id\tusername\n1\talice\n';

function gzLines(path: string): string[] {
  return gunzipSync(readFileSync(path))
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');
}

describe('decryptDrop and sync --decrypt', { skip }, () => {
  let gpg: GpgHome;
  let dir: string;
  let key: DecryptionKey;
  let keyFile: string;
  let template: string;

  function encrypt(content: string | Buffer): Buffer {
    const plain = join(dir, 'p.tmpfile');
    const sealed = join(dir, 's.tmpfile');
    writeFileSync(plain, content);
    gpg.encrypt(plain, sealed, ['czar@partner.example']);
    return readFileSync(sealed);
  }

  function put(root: string, path: string, bytes: Buffer): void {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), bytes);
  }

  before(async () => {
    gpg = createGpgHome();
    dir = mkdtempSync(join(tmpdir(), 'samced-drop-'));
    gpg.generate('czar@partner.example', 'future-default', 'default');
    keyFile = join(dir, 'czar.asc');
    writeFileSync(keyFile, gpg.exportSecret('czar@partner.example'));
    key = await loadDecryptionKey({ keyFile, env: {} });
    // A drop as sync leaves it: one zip, one legacy tar, two encrypted day files, and noise.
    template = join(dir, 'template');
    writeZip(join(dir, 'db.zip'), [
      { name: 'samcedx-2026-01-11/SamcedX-C1-2026-auth_user-prod-analytics.sql.gpg', data: encrypt(USERS) }
    ]);
    put(template, ZIP, readFileSync(join(dir, 'db.zip')));
    const staging = join(dir, 'staging');
    put(staging, 'prod-edx-001/2014-03-01-SamcedX.log.gpg', encrypt(TAR_2 + '\n' + DAILY_1 + '\n'));
    put(staging, 'prod-edx-002/2014-03-01-SamcedX.log.gpg', encrypt(TAR_1 + '\n'));
    mkdirSync(join(template, 'course-data'), { recursive: true });
    await createTar({ file: join(template, TAR), cwd: staging }, ['prod-edx-001', 'prod-edx-002']);
    put(template, EVENTS_2014 + '.gpg', encrypt(gzipSync(DAILY_1 + '\n')));
    put(template, EVENTS_2026 + '.gpg', encrypt(gzipSync(JAN_20 + '\n')));
    put(template, 'notes.txt', Buffer.from('not a delivery'));
    put(template, 'course-data/.hidden.gpg', Buffer.from('ignored'));
  });

  after(() => {
    gpg?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function copyOfDrop(name: string): string {
    const drop = join(dir, name);
    cpSync(template, drop, { recursive: true });
    return drop;
  }

  test('decrypts a whole drop in place; a second run skips everything', async () => {
    const drop = copyOfDrop('in-place');
    const result = await decryptDrop(drop, { key }, quiet());
    assert.deepEqual(
      result.done.map((job) => job.kind),
      ['gpg', 'gpg', 'zip', 'tar']
    );
    assert.equal(
      readFileSync(join(drop, 'course-data/samcedx-2026-01-11/SamcedX-C1-2026-auth_user-prod-analytics.sql'), 'utf8'),
      USERS
    );
    // Day files are decrypted first; the tar's servers are then merged into the 2014-03-01 file.
    assert.deepEqual(gzLines(join(drop, EVENTS_2014)), [TAR_1, DAILY_1, TAR_2]);
    assert.deepEqual(gzLines(join(drop, EVENTS_2026)), [JAN_20]);
    assert.ok(existsSync(join(drop, EVENTS_2026 + '.gpg')), 'kept');
    assert.equal(existsSync(join(drop, 'course-data/.hidden')), false);

    const mtime = statSync(join(drop, EVENTS_2014)).mtimeMs;
    const again = await decryptDrop(drop, { key }, quiet());
    assert.deepEqual([again.done.length, again.skipped.length], [0, 4]);
    assert.equal(statSync(join(drop, EVENTS_2014)).mtimeMs, mtime);
  });

  test('with deleteOriginals the encrypted inputs are removed and the sync state remembers it', async () => {
    const drop = copyOfDrop('remove');
    const localPath = EVENTS_2026 + '.gpg';
    await writeSyncState(drop, {
      version: 1,
      objects: {
        ['edx-course-data/' + localPath.slice('edx-course-data/'.length)]: {
          bucket: 'edx-course-data',
          key: localPath.slice('edx-course-data/'.length),
          size: statSync(join(drop, localPath)).size,
          etag: 'abc',
          localPath,
          downloadedAt: '2026-01-21T00:00:00.000Z'
        }
      }
    });
    const result = await decryptDrop(join(drop, 'edx-course-data'), { key, deleteOriginals: true }, quiet());
    assert.equal(result.removed.length, 2);
    assert.equal(existsSync(join(drop, localPath)), false);
    assert.ok(existsSync(join(drop, EVENTS_2026)));
    const entry = Object.values((await readSyncState(drop)).objects)[0]!;
    assert.equal(entry.removedAfterDecryption, '2026-02-01T09:30:00.000Z');
  });

  test('--out mirrors the layout elsewhere; the CLI runs the same', async () => {
    const drop = copyOfDrop('out-src');
    const out = join(dir, 'out-dst');
    const status = await decryptCommand.run([drop, '--key', keyFile, '--out', out, '--keep-encrypted'], quiet());
    assert.equal(status, 0);
    assert.deepEqual(gzLines(join(out, EVENTS_2026)), [JAN_20]);
    assert.ok(existsSync(join(out, 'course-data/samcedx-2026-01-11/SamcedX-C1-2026-auth_user-prod-analytics.sql')));
    assert.deepEqual(gzLines(join(out, EVENTS_2014)), [TAR_1, DAILY_1, TAR_2]);
    assert.equal(existsSync(join(drop, EVENTS_2026)), false, 'nothing written next to the inputs');
    assert.ok(existsSync(join(drop, EVENTS_2026 + '.gpg')));
    await assert.rejects(decryptCommand.run([], quiet()), /give exactly one file or folder/);
  });

  test('the CLI keeps every input unless --delete-originals is given, and with --out too', async () => {
    const inputs = [EVENTS_2014 + '.gpg', EVENTS_2026 + '.gpg', ZIP, TAR];
    const inPlace = copyOfDrop('keep-in-place');
    assert.equal(await decryptCommand.run([inPlace, '--key', keyFile], quiet()), 0);
    assert.deepEqual(gzLines(join(inPlace, EVENTS_2026)), [JAN_20]);
    assert.deepEqual(
      inputs.filter((path) => !existsSync(join(inPlace, path))),
      [],
      'in place: all kept'
    );

    const source = copyOfDrop('keep-out-src');
    const out = join(dir, 'keep-out-dst');
    assert.equal(await decryptCommand.run([source, '--key', keyFile, '--out', out], quiet()), 0);
    assert.deepEqual(gzLines(join(out, EVENTS_2026)), [JAN_20]);
    assert.deepEqual(
      inputs.filter((path) => !existsSync(join(source, path))),
      [],
      'with --out: the originals in the source folder stay'
    );

    const deleting = copyOfDrop('delete-out-src');
    assert.equal(
      await decryptCommand.run(
        [deleting, '--key', keyFile, '--out', join(dir, 'delete-out-dst'), '--delete-originals'],
        quiet()
      ),
      0
    );
    assert.deepEqual(
      inputs.filter((path) => existsSync(join(deleting, path))),
      [],
      'deleted only when asked for'
    );
    await assert.rejects(
      decryptCommand.run([deleting, '--delete-originals', '--keep-encrypted'], quiet()),
      /contradict/
    );
  });

  test('in a folder only delivery names are touched: credentials.csv.gpg and other zips stay as they are, with a notice', async () => {
    const drop = copyOfDrop('non-delivery');
    put(drop, 'credentials.csv.gpg', encrypt('Access key ID,Secret access key\nAKIAEXAMPLE,secret\n'));
    put(drop, 'course-data/backup.zip', readFileSync(join(dir, 'db.zip')));
    put(drop, 'course-data/samcedx-2026-01-11-by-hand/x.sql.gpg', encrypt('not in an export folder'));
    // an export folder unpacked by hand: its encrypted members are deliveries
    put(drop, 'course-data/samcedx-2026-01-18/SamcedX-C1-2026-auth_user-prod-analytics.sql.gpg', encrypt(USERS));
    const logger = memoryLogger();
    const result = await decryptDrop(drop, { key, deleteOriginals: true }, { logger, clock });
    assert.deepEqual(
      result.done.map((job) => job.input.slice(drop.length + 1)),
      [
        'course-data/samcedx-2026-01-18/SamcedX-C1-2026-auth_user-prod-analytics.sql.gpg',
        EVENTS_2014 + '.gpg',
        EVENTS_2026 + '.gpg',
        ZIP,
        TAR
      ]
    );
    assert.equal(
      readFileSync(join(drop, 'course-data/samcedx-2026-01-18/SamcedX-C1-2026-auth_user-prod-analytics.sql'), 'utf8'),
      USERS
    );
    const untouched = [
      'credentials.csv.gpg',
      'course-data/backup.zip',
      'course-data/samcedx-2026-01-11-by-hand/x.sql.gpg'
    ];
    assert.deepEqual(
      untouched.filter((path) => !existsSync(join(drop, path))),
      []
    );
    assert.deepEqual(
      ['credentials.csv', 'course-data/backup', 'course-data/samcedx-2026-01-11-by-hand/x.sql'].filter((path) =>
        existsSync(join(drop, path))
      ),
      []
    );
    assert.deepEqual(
      result.ignored.map((path) => path.slice(drop.length + 1)),
      untouched.slice().sort()
    );
    assert.deepEqual(
      logger.lines.filter((l) => l.includes('left alone')).map((l) => l.slice(l.indexOf(drop) + drop.length + 1)),
      untouched.slice().sort()
    );
    assert.ok(
      logger.lines.includes(
        `info: decrypt: left alone (not an edX delivery name): ${join(drop, 'credentials.csv.gpg')}`
      )
    );

    // named on its own, any X.gpg is decrypted (and kept)
    assert.equal(await decryptCommand.run([join(drop, 'credentials.csv.gpg'), '--key', keyFile], quiet()), 0);
    assert.equal(
      readFileSync(join(drop, 'credentials.csv'), 'utf8'),
      'Access key ID,Secret access key\nAKIAEXAMPLE,secret\n'
    );
    assert.ok(existsSync(join(drop, 'credentials.csv.gpg')));
  });

  test('one bad file does not stop the others; the error names it at the end', async () => {
    const drop = copyOfDrop('one-bad');
    put(
      drop,
      'edx-course-data/samcedx/edx/events/2026/samcedx-edx-events-2026-01-21.log.gz.gpg',
      Buffer.from('garbage, not OpenPGP')
    );
    const logger = memoryLogger();
    await assert.rejects(decryptDrop(drop, { key }, { logger, clock }), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.match(error.message, /^1 of 5 deliveries could not be decrypted; first: .*2026-01-21\.log\.gz\.gpg: /);
      return true;
    });
    assert.ok(existsSync(join(drop, EVENTS_2026)));
    assert.equal(
      existsSync(join(drop, 'edx-course-data/samcedx/edx/events/2026/samcedx-edx-events-2026-01-21.log.gz')),
      false
    );
    assert.ok(logger.lines.some((l) => l.startsWith('warn: ') && l.includes('2026-01-21')));
  });

  test('sync --decrypt: decrypts what it fetched, does not fetch removed files again, regenerates changed ones', async () => {
    let server: S3TestServer | undefined;
    try {
      server = await startS3Server(['course-data', 'edx-course-data']);
      const eventKey = 'samcedx/edx/events/2026/samcedx-edx-events-2026-01-20.log.gz.gpg';
      await server.put('edx-course-data', eventKey, readFileSync(join(template, EVENTS_2026 + '.gpg')));
      await server.put('course-data', 'samcedx-2026-01-11.zip', readFileSync(join(template, ZIP)));
      const dest = join(dir, 'synced');
      const client = server.client();
      const run = () => syncDrop({ org: 'SamcedX', dest, createClient: () => client, decrypt: true, key }, quiet());

      const first = await run();
      assert.equal(first.new, 2);
      assert.deepEqual(first.decrypted?.removed.length, 2);
      assert.deepEqual(gzLines(join(dest, EVENTS_2026)), [JAN_20]);
      assert.ok(existsSync(join(dest, 'course-data/samcedx-2026-01-11/SamcedX-C1-2026-auth_user-prod-analytics.sql')));
      assert.deepEqual(readdirSync(join(dest, 'course-data')), ['samcedx-2026-01-11']);

      const second = await run();
      assert.deepEqual([second.new, second.unchanged, second.bytes], [0, 2, 0]);

      const updated = t('2026-01-20T13:00:00+00:00', 'reissued');
      await server.put('edx-course-data', eventKey, encrypt(gzipSync(updated + '\n')));
      const third = await run();
      assert.deepEqual([third.changed, third.unchanged], [1, 1]);
      assert.deepEqual(gzLines(join(dest, EVENTS_2026)), [updated]);
    } finally {
      await server?.stop();
    }
  });
});
