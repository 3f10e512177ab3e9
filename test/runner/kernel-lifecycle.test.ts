import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ensureKernelInstalled } from '../../kernel-lib/runner/kernel-spec';

// A runner process (what `samced run` is) starts a real tslab kernel through the project's
// launcher, prints the kernel's pid and connection folder, and waits. The test then ends the
// runner and checks that the kernel process and its connection file go too.
const root = resolve('.');
const runnerSource = `
const { KernelClient } = await import(${JSON.stringify(resolve('kernel-lib/runner/kernel-client.ts'))});
const { kernelCommand } = await import(${JSON.stringify(resolve('kernel-lib/runner/kernel-spec.ts'))});
const kernel = await KernelClient.start({ cwd: ${JSON.stringify(root)}, command: kernelCommand(${JSON.stringify(root)}) });
console.log(JSON.stringify({ pid: kernel.pid, dir: kernel.connectionFolder }));
setInterval(() => {}, 1000);
`;

/** True while `pid` is a live process (a zombie waiting for its reaper counts as gone). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return condition();
}

async function endRunnerWith(signal: NodeJS.Signals): Promise<void> {
  await ensureKernelInstalled(root);
  const runner = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', runnerSource], {
    stdio: ['ignore', 'pipe', 'inherit']
  });
  const exited = new Promise<NodeJS.Signals | null>((done) => runner.once('exit', (_code, sig) => done(sig)));
  const line = await new Promise<string>((done, fail) => {
    createInterface({ input: runner.stdout! }).once('line', done);
    runner.once('exit', (code) => fail(new Error(`runner exited (${code}) before the kernel started`)));
  });
  const { pid, dir } = JSON.parse(line) as { pid: number; dir: string };
  try {
    assert.ok(alive(pid), 'the kernel runs');
    assert.ok(existsSync(resolve(dir, 'connection.json')), 'its connection file exists');
    runner.kill(signal);
    assert.equal(await exited, signal, 'the runner ends by the signal');
    assert.ok(await until(() => !alive(pid), 5000), `kernel ${pid} still runs 5 s after the runner's ${signal}`);
    assert.ok(await until(() => !existsSync(dir), 2000), `connection folder ${dir} left behind`);
  } finally {
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
}

test('SIGTERM to the runner: it kills its kernel, removes the connection file and ends by SIGTERM', {
  timeout: 180_000
}, async () => {
  await endRunnerWith('SIGTERM');
});

test('kill -9 of the runner: the kernel sees its stdin pipe close, removes the connection file and exits', {
  timeout: 180_000
}, async () => {
  await endRunnerWith('SIGKILL');
});
