import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs';
import { basename, join } from 'node:path';
import { sweepStaleTemporaries, temporaryName } from '../../kernel-lib/util/atomic';
import { memoryLogger } from '../../kernel-lib/util/effects';
import {
  privateTempRoot,
  processAlive,
  processTag,
  removeStaleProcessFolders
} from '../../kernel-lib/util/private-temp';
import { tempDir } from '../fixtures/temp-dirs';

/** The pid of a process that has ended (a child run to its end). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

/** Field 22 of /proc/<pid>/stat: the process's start time. */
function startOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
}

const linux = existsSync('/proc/self/stat');

test('the private root: made 0700, tightened when too open, refused when a symlink or not a folder', () => {
  const base = tempDir('samced-private-');
  const root = privateTempRoot(base);
  assert.equal(root, join(base, `samced-${process.getuid!()}`));
  assert.equal(statSync(root).mode & 0o777, 0o700);
  chmodSync(root, 0o755);
  privateTempRoot(base);
  assert.equal(statSync(root).mode & 0o777, 0o700);

  const other = tempDir('samced-private-');
  const elsewhere = tempDir('samced-private-target-');
  symlinkSync(elsewhere, join(other, `samced-${process.getuid!()}`));
  assert.throws(
    () => privateTempRoot(other),
    /samced-\d+: the private temporary folder is a symlink or not a folder; remove it$/
  );
  const file = tempDir('samced-private-');
  writeFileSync(join(file, `samced-${process.getuid!()}`), '');
  assert.throws(() => privateTempRoot(file), /EEXIST|ENOTDIR|not a folder/);
});

test('processAlive: a running pid with its start time, not an ended one, nor a reused pid (start time differs)', {
  skip: linux ? undefined : 'needs /proc'
}, () => {
  const parent = process.ppid;
  assert.equal(processAlive(parent, startOf(parent)), true);
  assert.equal(
    processAlive(parent, String(Number(startOf(parent)) + 1)),
    false,
    'same pid, another start: a reused pid'
  );
  assert.equal(processAlive(parent), true, 'a bare pid (legacy name) that runs');
  assert.equal(processAlive(deadPid(), '12345'), false);
  assert.equal(processTag(), `${process.pid}-${startOf(process.pid)}`);
});

test('stale process folders are removed with one notice each; those of running processes stay', {
  skip: linux ? undefined : 'needs /proc'
}, () => {
  const root = privateTempRoot(tempDir('samced-private-'));
  const dead = deadPid();
  const parent = process.ppid;
  const names = [`${dead}-777`, `${parent}-${startOf(parent)}`, `${parent}-1`, 'not-a-process-folder', processTag()];
  for (const name of names) {
    mkdirSync(join(root, name));
    writeFileSync(join(root, name, 'cut-000.txt'), 'raw line');
  }
  const logger = memoryLogger();
  const removed = removeStaleProcessFolders(root, logger);
  assert.deepEqual(removed.sort(), [join(root, `${dead}-777`), join(root, `${parent}-1`)].sort());
  assert.deepEqual(
    readdirSync(root).sort(),
    [`${parent}-${startOf(parent)}`, 'not-a-process-folder', processTag()].sort()
  );
  assert.deepEqual(
    logger.lines.sort(),
    [
      `info: removed temporary files of an interrupted run (pid ${dead}): ${join(root, `${dead}-777`)}`,
      `info: removed temporary files of an interrupted run (pid ${parent}): ${join(root, `${parent}-1`)}`
    ].sort()
  );
});

test('sweepStaleTemporaries: removes the temporary siblings of ended processes (also as earlier versions named them), keeps the rest', async () => {
  const dir = tempDir('samced-sweep-');
  const dead = deadPid();
  const own = basename(temporaryName(join(dir, 'x.log.gz')));
  assert.match(own, new RegExp(`^\\.x\\.log\\.gz\\.tmp-${process.pid}-\\d+-\\d+$`));
  const stale = [`.a.log.gz.tmp-${dead}-4242-1`, `.b.log.gz.tmp-${dead}-3`];
  const kept = [own, `.c.log.gz.tmp-${process.ppid}-2`, 'a.log.gz', '.hidden', `d.tmp-${dead}-1-1`];
  for (const name of [...stale, ...kept]) writeFileSync(join(dir, name), 'plaintext');
  mkdirSync(join(dir, `.out.tmp-${dead}-4242-7`));
  writeFileSync(join(dir, `.out.tmp-${dead}-4242-7`, 'SAMCED.db'), '');
  const logger = memoryLogger();
  const removed = await sweepStaleTemporaries(dir, logger);
  assert.deepEqual(
    removed,
    [...stale, `.out.tmp-${dead}-4242-7`].sort().map((name) => join(dir, name))
  );
  assert.deepEqual(readdirSync(dir).sort(), kept.slice().sort());
  assert.equal(logger.lines.length, 3);
  assert.equal(
    logger.lines[0],
    `info: removed temporary files of an interrupted run (pid ${dead}): ${join(dir, stale[0]!)}`
  );
  assert.deepEqual(await sweepStaleTemporaries(join(dir, 'missing'), logger), []);
});
