import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import {
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
import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { partialDownloadPath } from '../../kernel-lib/acquire/s3-download';
import { syncDrop, type SyncOptions } from '../../kernel-lib/acquire/s3-sync';
import { readSyncState, SYNC_STATE_FILE } from '../../kernel-lib/acquire/sync-state';
import { syncCommand } from '../../kernel-lib/cli/sync';
import { fixedClock, memoryLogger } from '../../kernel-lib/util/effects';
import { InputError } from '../../kernel-lib/util/errors';
import { startS3Server, type S3TestServer } from '../fixtures/acquire/s3-server';

const EV = 'edx-course-data';
const CD = 'course-data';

/** The deliveries on the server: key -> bytes. Sizes differ so each file is recognisable. */
const objects: Record<string, Buffer> = {
  [`${CD}/samcedx-2025-12-07.zip`]: randomBytes(1000),
  [`${CD}/samcedx-2026-01-11.zip`]: randomBytes(1100),
  [`${CD}/otherx-2026-01-11.zip`]: randomBytes(1200),
  [`${CD}/2014-03-02-SamcedX-tracking.tar`]: randomBytes(1300),
  [`${CD}/2014-03-02-otherx-tracking.tar`]: randomBytes(1400),
  [`${CD}/email-opt-in/samcedx-2026-01-11.zip`]: randomBytes(1500),
  [`${EV}/samcedx/edx/events/2025/samcedx-edx-events-2025-12-30.log.gz.gpg`]: randomBytes(2000),
  [`${EV}/samcedx/edx/events/2025/samcedx-edx-events-2025-12-31.log.gz.gpg`]: randomBytes(2100),
  [`${EV}/samcedx/edx/events/2026/samcedx-edx-events-2026-01-01.log.gz.gpg`]: randomBytes(2200),
  [`${EV}/samcedx/edx/events/2026/samcedx-edx-events-2026-01-02.log.gz.gpg`]: randomBytes(2300),
  [`${EV}/samcedx/edge/events/2026/samcedx-edge-events-2026-01-05.log.gz.gpg`]: randomBytes(300_000),
  [`${EV}/samcedx/rdx/req1/SamcedX_C1_2026.tar.gz.gpg`]: randomBytes(2400),
  [`${EV}/otherx/edx/events/2026/otherx-edx-events-2026-01-01.log.gz.gpg`]: randomBytes(2500)
};

/** What sync should fetch for org SamcedX (all sites, no since): local path -> server key. */
const expected: Record<string, string> = {
  'course-data/samcedx-2025-12-07.zip': `${CD}/samcedx-2025-12-07.zip`,
  'course-data/samcedx-2026-01-11.zip': `${CD}/samcedx-2026-01-11.zip`,
  'course-data/2014-03-02-SamcedX-tracking.tar': `${CD}/2014-03-02-SamcedX-tracking.tar`,
  'edx-course-data/samcedx/edx/events/2025/samcedx-edx-events-2025-12-30.log.gz.gpg': `${EV}/samcedx/edx/events/2025/samcedx-edx-events-2025-12-30.log.gz.gpg`,
  'edx-course-data/samcedx/edx/events/2025/samcedx-edx-events-2025-12-31.log.gz.gpg': `${EV}/samcedx/edx/events/2025/samcedx-edx-events-2025-12-31.log.gz.gpg`,
  'edx-course-data/samcedx/edx/events/2026/samcedx-edx-events-2026-01-01.log.gz.gpg': `${EV}/samcedx/edx/events/2026/samcedx-edx-events-2026-01-01.log.gz.gpg`,
  'edx-course-data/samcedx/edx/events/2026/samcedx-edx-events-2026-01-02.log.gz.gpg': `${EV}/samcedx/edx/events/2026/samcedx-edx-events-2026-01-02.log.gz.gpg`,
  'edx-course-data/samcedx/edge/events/2026/samcedx-edge-events-2026-01-05.log.gz.gpg': `${EV}/samcedx/edge/events/2026/samcedx-edge-events-2026-01-05.log.gz.gpg`
};
const BIG = 'edx-course-data/samcedx/edge/events/2026/samcedx-edge-events-2026-01-05.log.gz.gpg';

function split(bucketKey: string): [string, string] {
  const slash = bucketKey.indexOf('/');
  return [bucketKey.slice(0, slash), bucketKey.slice(slash + 1)];
}

/** Every file below `root`, as `/`-separated relative paths (hidden names included). */
function filesUnder(root: string, prefix = ''): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(root, entry.name), prefix + entry.name + '/') : [prefix + entry.name]
  );
}

/** Records the input of every command a client sends. */
function recordCommands(client: S3Client): { name: string; input: Record<string, unknown> }[] {
  const seen: { name: string; input: Record<string, unknown> }[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      seen.push({ name: context.commandName ?? '', input: { ...(args.input as Record<string, unknown>) } });
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' }
  );
  return seen;
}

/** Makes the first GetObject of `key` deliver `cutAt` bytes and then fail, like a dropped connection. */
function breakFirstDownload(client: S3Client, key: string, cutAt: number): void {
  let broken = false;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'GetObjectCommand' && !broken && (args.input as { Key?: string }).Key === key) {
        broken = true;
        const output = result.output as { Body: Readable };
        const body = output.Body;
        output.Body = Readable.from(
          (async function* () {
            let sent = 0;
            for await (const chunk of body) {
              const piece = chunk as Buffer;
              if (sent + piece.length >= cutAt) {
                yield piece.subarray(0, cutAt - sent);
                body.destroy();
                throw new Error('connection reset (injected by the test)');
              }
              sent += piece.length;
              yield piece;
            }
          })(),
          { objectMode: false }
        );
      }
      return result;
    },
    { step: 'initialize', name: 'breakFirstDownload' }
  );
}

describe('syncDrop against s3rver on 127.0.0.1', () => {
  let server: S3TestServer;
  let root: string;
  const clock = fixedClock('2026-02-01T08:00:00Z');

  before(async () => {
    server = await startS3Server([CD, EV]);
    root = mkdtempSync(join(tmpdir(), 'samced-sync-'));
    for (const [bucketKey, body] of Object.entries(objects)) await server.put(...split(bucketKey), body);
  });

  after(async () => {
    await server?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  function options(dest: string, client: S3Client, extra: Partial<SyncOptions> = {}): SyncOptions {
    return { org: 'SamcedX', dest, createClient: () => client, retryDelayMs: 1, ...extra };
  }

  test('first run pages through the listings and mirrors every delivery of the org; second run fetches nothing', async () => {
    const dest = join(root, 'full');
    const client = server.client();
    const commands = recordCommands(client);
    const logger = memoryLogger();
    const summary = await syncDrop(options(dest, client, { maxKeys: 2 }), { logger, clock });
    assert.deepEqual(filesUnder(dest).sort(), [...Object.keys(expected), SYNC_STATE_FILE].sort());
    for (const [local, bucketKey] of Object.entries(expected))
      assert.ok(readFileSync(join(dest, local)).equals(objects[bucketKey]!), local);
    const total = Object.values(expected).reduce((sum, key) => sum + objects[key]!.length, 0);
    assert.deepEqual(
      [summary.new, summary.changed, summary.unchanged, summary.failed.length, summary.bytes],
      [8, 0, 0, 0, total]
    );
    // Four edx event files with two keys per page: the listing needed continuation tokens.
    const edxPages = commands.filter(
      (c) => c.name === 'ListObjectsV2Command' && c.input.Prefix === 'samcedx/edx/events/'
    );
    assert.ok(edxPages.length >= 2, `edx events listed in ${edxPages.length} page(s)`);
    assert.ok(edxPages.slice(1).every((page) => typeof page.input.ContinuationToken === 'string'));
    assert.ok(
      logger.lines.includes(
        `info: sync SamcedX: 8 new, 0 changed, 0 unchanged; downloaded ${(total / 1000).toFixed(1)} kB (${total} bytes)`
      ),
      logger.lines.join('\n')
    );

    const state = await readSyncState(dest);
    const zip = state.objects[`${CD}/samcedx-2026-01-11.zip`]!;
    assert.deepEqual(
      { ...zip, lastModified: undefined },
      {
        bucket: CD,
        key: 'samcedx-2026-01-11.zip',
        size: 1100,
        etag: createHash('md5').update(objects[`${CD}/samcedx-2026-01-11.zip`]!).digest('hex'),
        lastModified: undefined,
        localPath: 'course-data/samcedx-2026-01-11.zip',
        downloadedAt: '2026-02-01T08:00:00.000Z'
      }
    );

    const again = await syncDrop(options(dest, server.client(), { maxKeys: 2 }), { logger: memoryLogger(), clock });
    assert.deepEqual([again.new, again.changed, again.unchanged, again.bytes], [0, 0, 8, 0]);
  });

  test('a changed object is downloaded again, a new one fetched, the rest skipped; backup gets only those', async () => {
    const dest = join(root, 'changes');
    const backup = join(root, 'changes-backup');
    await syncDrop(options(dest, server.client(), { sites: ['edx'] }), { logger: memoryLogger(), clock });
    const changedKey = 'samcedx/edx/events/2026/samcedx-edx-events-2026-01-02.log.gz.gpg';
    const newKey = 'samcedx/edx/events/2026/samcedx-edx-events-2026-01-03.log.gz.gpg';
    const changedBody = randomBytes(2301);
    const newBody = randomBytes(777);
    await server.put(EV, changedKey, changedBody);
    await server.put(EV, newKey, newBody);
    try {
      const summary = await syncDrop(options(dest, server.client(), { sites: ['edx'], backup }), {
        logger: memoryLogger(),
        clock
      });
      // Listed for site edx: 2 zips, 1 tar, 4 event files, plus the new one.
      assert.deepEqual([summary.new, summary.changed, summary.unchanged, summary.bytes], [1, 1, 6, 2301 + 777]);
      assert.ok(readFileSync(join(dest, EV, changedKey)).equals(changedBody));
      assert.ok(readFileSync(join(dest, EV, newKey)).equals(newBody));
      assert.deepEqual(filesUnder(backup).sort(), [`${EV}/${changedKey}`, `${EV}/${newKey}`]);
      assert.ok(readFileSync(join(backup, EV, changedKey)).equals(changedBody));
      const state = await readSyncState(dest);
      assert.equal(state.objects[`${EV}/${changedKey}`]!.etag, createHash('md5').update(changedBody).digest('hex'));
    } finally {
      await server.put(EV, changedKey, objects[`${EV}/${changedKey}`]!);
      await server.remove(EV, newKey);
    }
  });

  test('--since keeps deliveries dated on or after the day (and skips the 2014 tar listing)', async () => {
    const dest = join(root, 'since');
    const client = server.client();
    const commands = recordCommands(client);
    const summary = await syncDrop(options(dest, client, { since: '2026-01-01' }), { logger: memoryLogger(), clock });
    assert.deepEqual(filesUnder(join(dest, CD)), ['samcedx-2026-01-11.zip']);
    assert.deepEqual(filesUnder(join(dest, EV)).sort(), [
      'samcedx/edge/events/2026/samcedx-edge-events-2026-01-05.log.gz.gpg',
      'samcedx/edx/events/2026/samcedx-edx-events-2026-01-01.log.gz.gpg',
      'samcedx/edx/events/2026/samcedx-edx-events-2026-01-02.log.gz.gpg'
    ]);
    assert.equal(summary.new, 4);
    const prefixes = commands.filter((c) => c.name === 'ListObjectsV2Command').map((c) => c.input.Prefix);
    assert.ok(!prefixes.includes('2013-') && !prefixes.includes('2014-'), String(prefixes));
    assert.ok(commands.some((c) => c.input.StartAfter === 'samcedx/edx/events/2026'));
  });

  test('a partial file left by an interrupted run is resumed with a Range request', async () => {
    const dest = join(root, 'resume');
    const body = objects[`${EV}/${BIG.slice(EV.length + 1)}`]!;
    const local = join(dest, BIG);
    mkdirSync(dirname(local), { recursive: true });
    const partial = partialDownloadPath(local, createHash('md5').update(body).digest('hex'));
    writeFileSync(partial, body.subarray(0, 100_000));
    const client = server.client();
    const commands = recordCommands(client);
    const logger = memoryLogger();
    const summary = await syncDrop(options(dest, client, { sites: ['edge'] }), { logger, clock });
    assert.equal(summary.failed.length, 0);
    assert.ok(readFileSync(local).equals(body));
    assert.equal(existsSync(partial), false);
    const gets = commands.filter((c) => c.name === 'GetObjectCommand' && c.input.Key === BIG.slice(EV.length + 1));
    assert.deepEqual(
      gets.map((c) => c.input.Range),
      ['bytes=100000-']
    );
    const others = 1000 + 1100 + 1300; // the two zips and the tar, fetched whole
    assert.equal(summary.bytes, others + 200_000);
    assert.ok(logger.lines.includes(`info: resumed ${BIG} from byte 100000`));
  });

  test('a transfer that breaks: with no retries it fails and keeps its partial file, the next run resumes it', async () => {
    const dest = join(root, 'broken');
    const key = BIG.slice(EV.length + 1);
    const body = objects[`${EV}/${key}`]!;
    const flaky = server.client();
    breakFirstDownload(flaky, key, 64_000);
    const logger = memoryLogger();
    const first = await syncDrop(options(dest, flaky, { sites: ['edge'], retries: 0 }), { logger, clock });
    assert.deepEqual(
      first.failed.map((f) => [f.key, f.message]),
      [[key, 'connection reset (injected by the test)']]
    );
    assert.equal(first.new, 3);
    assert.equal(existsSync(join(dest, BIG)), false, 'never renamed into place');
    const partial = partialDownloadPath(join(dest, BIG), createHash('md5').update(body).digest('hex'));
    assert.equal(statSync(partial).size, 64_000);
    assert.equal((await readSyncState(dest)).objects[`${EV}/${key}`], undefined);
    assert.ok(logger.lines.some((l) => l.includes('1 FAILED')));

    const second = await syncDrop(options(dest, server.client(), { sites: ['edge'] }), {
      logger: memoryLogger(),
      clock
    });
    assert.deepEqual([second.new, second.unchanged, second.bytes], [1, 3, 300_000 - 64_000]);
    assert.ok(readFileSync(join(dest, BIG)).equals(body));
  });

  test('a transfer that breaks is resumed within the same run when retries are allowed', async () => {
    const dest = join(root, 'retried');
    const key = BIG.slice(EV.length + 1);
    const flaky = server.client();
    breakFirstDownload(flaky, key, 10_000);
    const commands = recordCommands(flaky);
    const summary = await syncDrop(options(dest, flaky, { sites: ['edge'], retries: 1 }), {
      logger: memoryLogger(),
      clock
    });
    assert.equal(summary.failed.length, 0);
    assert.ok(readFileSync(join(dest, BIG)).equals(objects[`${EV}/${key}`]!));
    assert.deepEqual(
      commands.filter((c) => c.name === 'GetObjectCommand' && c.input.Key === key).map((c) => c.input.Range),
      [undefined, 'bytes=10000-']
    );
    assert.equal(summary.bytes, 1000 + 1100 + 1300 + 300_000);
  });

  test('an object deleted locally is restored; files already present without state are adopted', async () => {
    const dest = join(root, 'adopt');
    const zip = join(dest, CD, 'samcedx-2025-12-07.zip');
    mkdirSync(dirname(zip), { recursive: true });
    writeFileSync(zip, objects[`${CD}/samcedx-2025-12-07.zip`]!);
    const first = await syncDrop(options(dest, server.client(), { sites: ['edge'] }), {
      logger: memoryLogger(),
      clock
    });
    assert.deepEqual([first.new, first.unchanged], [3, 1]);
    assert.equal((await readSyncState(dest)).objects[`${CD}/samcedx-2025-12-07.zip`]!.size, 1000);
    rmSync(zip);
    const second = await syncDrop(options(dest, server.client(), { sites: ['edge'] }), {
      logger: memoryLogger(),
      clock
    });
    assert.deepEqual([second.restored, second.unchanged, second.bytes], [1, 3, 1000]);
  });

  test('bad options and an unknown bucket give InputErrors', async () => {
    const dest = join(root, 'bad');
    const client = server.client();
    await assert.rejects(syncDrop(options(dest, client, { since: '2026-02-30' })), /--since must be a date/);
    await assert.rejects(
      syncDrop(options(dest, client, { sites: ['mobile'] })),
      /--site must be one of edx, edge, prod/
    );
    await assert.rejects(syncDrop(options(dest, client, { org: 'a/b' })), /--org must be/);
    await assert.rejects(syncDrop(options(dest, client, { courseBucket: 'no-such-bucket' })), (error: unknown) => {
      return (
        error instanceof InputError && /cannot list s3:\/\/no-such-bucket\/SamcedX-: NoSuchBucket/.test(error.message)
      );
    });
  });

  test('the CLI: samced sync with --endpoint and credentials from the environment', async () => {
    const dest = join(root, 'cli');
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_REGION: 'us-east-1'
    });
    try {
      const logger = memoryLogger();
      const status = await syncCommand.run(
        ['--org', 'SamcedX', '--dest', dest, '--endpoint', server.endpoint, '--site', 'edge', '--since', '2026-01-01'],
        { logger, clock }
      );
      assert.equal(status, 0);
      assert.deepEqual(filesUnder(dest).sort(), [SYNC_STATE_FILE, 'course-data/samcedx-2026-01-11.zip', BIG].sort());
      await assert.rejects(syncCommand.run(['--dest', dest], { logger, clock }), /--org is required/);
      await assert.rejects(
        syncCommand.run(['--org', 'X', '--dest', dest, '--retries', 'many'], { logger, clock }),
        /--retries must be a whole number/
      );
    } finally {
      for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
  });
});
