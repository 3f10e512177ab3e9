import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { projectRoot } from '../../kernel-lib/util/paths';
import { createGpgHome, gpgMissing, type GpgHome } from '../fixtures/acquire/gpg';
import { makeMiniDrop, miniCourseArgs } from '../fixtures/mini-drop';
import { tempDir } from '../fixtures/temp-dirs';

/**
 * The real CLI (bin/samced.mjs) interrupted in the middle of a build: SAMCED_TEST_HOLD=cut stops
 * it once the cut of the logs has begun and the hidden output folder exists (see holdForTest);
 * a decrypt is held with SAMCED_TEST_HOLD=decrypt once the plaintext is in its temporary file.
 * Each test gives the CLI a TMPDIR of its own, so it can see every temporary file it made.
 */

const drop = makeMiniDrop();
const courseArgs = [...miniCourseArgs(drop)];

interface Cli {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startCli(args: string[], env: Record<string, string>): Cli {
  const child = spawn(process.execPath, [join(projectRoot(), 'bin', 'samced.mjs'), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal }))
  );
  return { child, stderr: () => stderr, exited };
}

/** Every file below `dir` (recursively), relative to it. */
function filesBelow(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(path, prefix + name + '/') : [prefix + name];
  });
}

async function until(what: string, check: () => boolean, cli: Cli, ms = 60_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}; stderr:\n${cli.stderr()}`);
    if (cli.child.exitCode !== null)
      throw new Error(`the CLI exited (${cli.child.exitCode}) before ${what}; stderr:\n${cli.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A build held after the cut began: its TMPDIR, output parent and process. */
async function heldBuild(): Promise<{ temp: string; outParent: string; cli: Cli }> {
  const temp = tempDir('samced-interrupt-tmp-');
  const outParent = tempDir('samced-interrupt-out-');
  const cli = startCli(['build', ...courseArgs, '--out', join(outParent, 'out')], {
    TMPDIR: temp,
    SAMCED_TEST_HOLD: 'cut'
  });
  await until('the hold', () => cli.stderr().includes('samced: holding at cut'), cli);
  await until('a cut file', () => filesBelow(temp).some((f) => /\/cut-\d{3}\.txt$/.test(f)), cli);
  // the cut lies in the private per-user root, in the process's own folder
  const uid = process.getuid!();
  assert.ok(
    filesBelow(temp).every((f) => f.startsWith(`samced-${uid}/${cli.child.pid}-`)),
    filesBelow(temp).join('\n')
  );
  assert.equal(statSync(join(temp, `samced-${uid}`)).mode & 0o777, 0o700);
  const hidden = readdirSync(outParent);
  assert.equal(hidden.length, 1);
  assert.match(hidden[0]!, new RegExp(`^\\.out\\.tmp-${cli.child.pid}-\\d+-\\d+$`));
  return { temp, outParent, cli };
}

for (const [signal, status] of [
  ['SIGTERM', 143],
  ['SIGINT', 130]
] as const) {
  test(`build stopped by ${signal}: no cut file and no partial output folder remain; exit status ${status}`, async () => {
    const { temp, outParent, cli } = await heldBuild();
    cli.child.kill(signal);
    assert.deepEqual(await cli.exited, { code: status, signal: null });
    assert.deepEqual(filesBelow(temp), []);
    assert.deepEqual(readdirSync(join(temp, `samced-${process.getuid!()}`)), [], 'the process folder is gone too');
    assert.deepEqual(readdirSync(outParent), []);
    assert.match(cli.stderr(), new RegExp(`samced: stopped by ${signal}; temporary files and partial outputs removed`));
  });
}

test('build killed with kill -9: the next build removes its temporary files and partial output, with a notice each', async () => {
  const { temp, outParent, cli } = await heldBuild();
  const pid = cli.child.pid!;
  const root = join(temp, `samced-${process.getuid!()}`);
  const [processFolder] = readdirSync(root);
  const [hidden] = readdirSync(outParent);
  cli.child.kill('SIGKILL');
  assert.deepEqual(await cli.exited, { code: null, signal: 'SIGKILL' });
  assert.ok(
    filesBelow(temp).some((f) => /\/cut-\d{3}\.txt$/.test(f)),
    'kill -9 leaves the cut behind'
  );

  const second = startCli(['build', ...courseArgs, '--out', join(outParent, 'second')], { TMPDIR: temp });
  assert.deepEqual(await second.exited, { code: 0, signal: null }, second.stderr());
  const notices = second
    .stderr()
    .split('\n')
    .filter((line) => line.startsWith('removed temporary files of an interrupted run'));
  assert.deepEqual(
    notices.sort(),
    [
      `removed temporary files of an interrupted run (pid ${pid}): ${join(outParent, hidden!)}`,
      `removed temporary files of an interrupted run (pid ${pid}): ${join(root, processFolder!)}`
    ].sort()
  );
  assert.deepEqual(readdirSync(root), [], 'the stale folder and the second run’s own are gone');
  assert.deepEqual(readdirSync(outParent), ['second']);
  assert.ok(existsSync(join(outParent, 'second', 'manifest.json')));
});

describe('decrypt interrupted while it writes the plaintext', { skip: gpgMissing() }, () => {
  const DAY = 'edx-course-data/samcedx/edx/events/2026';
  const NAME = 'samcedx-edx-events-2026-01-20.log.gz';
  const LINES = ['{"time":"2026-01-20T12:00:00+00:00","username":"alice","ip":"192.0.2.7"}'];
  let gpg: GpgHome;
  let keyFile: string;
  let sealed: Buffer;

  before(() => {
    gpg = createGpgHome();
    gpg.generate('czar@partner.example', 'future-default', 'default');
    const dir = tempDir('samced-interrupt-key-');
    keyFile = join(dir, 'czar.asc');
    writeFileSync(keyFile, gpg.exportSecret('czar@partner.example'));
    writeFileSync(join(dir, 'plain'), gzipSync(LINES.join('\n') + '\n'));
    gpg.encrypt(join(dir, 'plain'), join(dir, 'sealed'), ['czar@partner.example']);
    sealed = readFileSync(join(dir, 'sealed'));
  });

  after(() => gpg?.remove());

  /** A drop with one encrypted day, decrypted in place by a CLI held before the rename. */
  async function heldDecrypt(): Promise<{ folder: string; cli: Cli; temporary: string }> {
    const drop = tempDir('samced-interrupt-drop-');
    const folder = join(drop, DAY);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, NAME + '.gpg'), sealed);
    const cli = startCli(['decrypt', drop, '--key', keyFile], { SAMCED_TEST_HOLD: 'decrypt' });
    await until('the hold', () => cli.stderr().includes('samced: holding at decrypt'), cli);
    const temporaries = readdirSync(folder).filter((name) => name !== NAME + '.gpg');
    assert.equal(temporaries.length, 1);
    assert.match(temporaries[0]!, new RegExp(`^\\.${NAME.replace(/\./g, '\\.')}\\.tmp-${cli.child.pid}-\\d+-1$`));
    const temporary = join(folder, temporaries[0]!);
    assert.deepEqual(
      gunzipSync(readFileSync(temporary)).toString().trim().split('\n'),
      LINES,
      'the plaintext is there'
    );
    return { folder, cli, temporary };
  }

  test('SIGTERM: the temporary plaintext is removed at once; exit status 143', async () => {
    const { folder, cli } = await heldDecrypt();
    cli.child.kill('SIGTERM');
    assert.deepEqual(await cli.exited, { code: 143, signal: null });
    assert.deepEqual(readdirSync(folder), [NAME + '.gpg']);
  });

  test('kill -9: the rerun removes the temporary plaintext with a notice and decrypts the day', async () => {
    const { folder, cli, temporary } = await heldDecrypt();
    cli.child.kill('SIGKILL');
    assert.deepEqual(await cli.exited, { code: null, signal: 'SIGKILL' });
    assert.ok(existsSync(temporary), 'kill -9 leaves it behind');

    const rerun = startCli(['decrypt', join(folder, '..', '..', '..', '..', '..'), '--key', keyFile], {});
    assert.deepEqual(await rerun.exited, { code: 0, signal: null }, rerun.stderr());
    assert.ok(
      rerun
        .stderr()
        .split('\n')
        .includes(`removed temporary files of an interrupted run (pid ${cli.child.pid}): ${temporary}`),
      rerun.stderr()
    );
    assert.deepEqual(readdirSync(folder).sort(), [NAME, NAME + '.gpg']);
    assert.deepEqual(
      gunzipSync(readFileSync(join(folder, NAME)))
        .toString()
        .trim()
        .split('\n'),
      LINES
    );
  });
});
