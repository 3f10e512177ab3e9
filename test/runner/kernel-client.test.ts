import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { KernelClient, KernelDiedError, KernelTimeoutError } from '../../kernel-lib/runner/kernel-client';
import type { CodeCell } from '../../kernel-lib/runner/notebook-format';
import { runNotebook } from '../../kernel-lib/runner/run';
import { fixedClock, memoryLogger } from '../../kernel-lib/util/effects';

// A fake Jupyter kernel (zeromq ROUTER/PUB, HMAC-checked) so the client's protocol handling,
// timeouts and kernel deaths are tested in milliseconds without tslab. Cell code is a command:
// 'exit' ends the process, 'hang' prints and never answers, 'fail' sends an error, others succeed.
// FAKE_LOSE_IDLE=n: the idle of the first n kernel_info_requests is never published (as when IOPub's
// subscription arrives late) and the time of the first reply is printed; FAKE_LINGER=1: the process
// stays 10 s after its shutdown_reply (as tslab waits for its watchers and open handles).
const zeromq = createRequire(resolve('package.json')).resolve('zeromq');
const fakeKernel = `
const zmq = require(${JSON.stringify(zeromq)});
const crypto = require('crypto');
const info = JSON.parse(require('fs').readFileSync(process.argv[process.argv.indexOf('--config-path') + 1], 'utf8'));
const sign = (parts) => { const h = crypto.createHmac('sha256', info.key); for (const p of parts) h.update(p); return h.digest('hex'); };
const shell = new zmq.Router(), control = new zmq.Router(), iopub = new zmq.Publisher();
let count = 0, lost = 0;
const loseIdle = Number(process.env.FAKE_LOSE_IDLE || 0);
async function send(socket, ids, type, parent, content) {
  const header = { msg_id: crypto.randomUUID(), session: parent.session, username: 'fake', date: '', msg_type: type, version: '5.3' };
  const body = [header, parent, {}, content].map((part) => JSON.stringify(part));
  await socket.send([...ids, '<IDS|MSG>', sign(body), ...body]);
}
async function serve(socket) {
  for await (const frames of socket) {
    const at = frames.findIndex((frame) => frame.toString() === '<IDS|MSG>');
    const ids = frames.slice(0, at), body = frames.slice(at + 2, at + 6);
    if (frames[at + 1].toString() !== sign(body)) process.exit(9);
    const [header, , , content] = body.map((frame) => JSON.parse(frame.toString()));
    await send(iopub, [], 'status', header, { execution_state: 'busy' });
    if (header.msg_type === 'kernel_info_request') {
      if (lost === 0 && loseIdle > 0) console.log('first reply at ' + Date.now());
      await send(socket, ids, 'kernel_info_reply', header, { protocol_version: '5.3', implementation: 'fake', language_info: { name: 'fake' } });
      if (lost < loseIdle) { lost += 1; continue; }
    } else if (header.msg_type === 'shutdown_request') {
      await send(socket, ids, 'shutdown_reply', header, { restart: false });
      setTimeout(() => process.exit(0), process.env.FAKE_LINGER ? 10000 : 20);
    } else if (header.msg_type === 'execute_request') {
      if (content.code === 'exit') process.exit(3);
      await send(iopub, [], 'stream', header, { name: 'stdout', text: 'ran ' + content.code + '\\n' });
      if (content.code === 'hang') continue;
      count += 1;
      if (content.code === 'fail') {
        await send(iopub, [], 'error', header, { ename: 'ValueError', evalue: 'bad value', traceback: ['ValueError: bad value'] });
        await send(socket, ids, 'execute_reply', header, { status: 'error', execution_count: count });
      } else {
        await send(iopub, [], 'execute_result', header, { data: { 'text/plain': String(count * 10) }, metadata: {}, execution_count: count });
        await send(socket, ids, 'execute_reply', header, { status: 'ok', execution_count: count });
      }
    }
    await send(iopub, [], 'status', header, { execution_state: 'idle' });
  }
}
const at = (port) => 'tcp://' + info.ip + ':' + port;
Promise.all([shell.bind(at(info.shell_port)), control.bind(at(info.control_port)), iopub.bind(at(info.iopub_port))]).then(() => {
  serve(shell);
  serve(control);
});
`;
const fakeCommand = [process.execPath, '-e', fakeKernel, '--'];

test('execute collects outputs until idle; results, errors and counts come through', async () => {
  const kernel = await KernelClient.start({ cwd: tmpdir(), command: fakeCommand, startTimeoutMs: 10_000 });
  try {
    assert.equal(kernel.kernelInfo.implementation, 'fake');
    const ok = await kernel.execute('a');
    assert.equal(ok.status, 'ok');
    assert.equal(ok.executionCount, 1);
    assert.deepEqual(
      ok.messages.map((m) => [m.header.msg_type, m.content]),
      [
        ['stream', { name: 'stdout', text: 'ran a\n' }],
        ['execute_result', { data: { 'text/plain': '10' }, metadata: {}, execution_count: 1 }]
      ]
    );
    const failed = await kernel.execute('fail');
    assert.equal(failed.status, 'error');
    assert.equal(failed.executionCount, 2);
    assert.deepEqual(failed.messages[1].content, {
      ename: 'ValueError',
      evalue: 'bad value',
      traceback: ['ValueError: bad value']
    });
  } finally {
    await kernel.shutdown();
  }
});

test('a cell past its time limit rejects with what it printed, and the kernel is killed', async () => {
  const kernel = await KernelClient.start({ cwd: tmpdir(), command: fakeCommand, startTimeoutMs: 10_000 });
  const error = await kernel.execute('hang', { timeoutMs: 300 }).then(
    () => undefined,
    (e: unknown) => e
  );
  assert.ok(error instanceof KernelTimeoutError);
  assert.equal(error.message, 'timed out after 0.3 s; kernel killed');
  assert.deepEqual(
    error.messages.map((m) => m.content.text),
    ['ran hang\n']
  );
  await assert.rejects(kernel.execute('a'), KernelDiedError, 'the kernel is gone');
  await kernel.shutdown();
});

test('a kernel that exits during a cell, or at start, is reported at once', async () => {
  const kernel = await KernelClient.start({ cwd: tmpdir(), command: fakeCommand, startTimeoutMs: 10_000 });
  await assert.rejects(
    kernel.execute('exit'),
    (error: unknown) => error instanceof KernelDiedError && /kernel exited \(code 3\)/.test(error.message)
  );
  await kernel.shutdown();
  const started = Date.now();
  await assert.rejects(
    KernelClient.start({
      cwd: tmpdir(),
      command: [process.execPath, '-e', 'console.error("no kernel here"); process.exit(4)', '--']
    }),
    /kernel exited \(code 4\):\nno kernel here/
  );
  assert.ok(Date.now() - started < 5000, 'no waiting for the start timeout');
  await assert.rejects(
    KernelClient.start({
      cwd: tmpdir(),
      command: [process.execPath, '-e', 'setTimeout(() => {}, 60000)', '--'],
      startTimeoutMs: 1200
    }),
    /did not answer kernel_info_request within 1200 ms/
  );
});

test('the kernel is ready soon after its first reply even when the idle of early requests is lost', async () => {
  const kernel = await KernelClient.start({
    cwd: tmpdir(),
    command: fakeCommand,
    env: { ...process.env, FAKE_LOSE_IDLE: '2' },
    startTimeoutMs: 10_000
  });
  const ready = Date.now();
  try {
    const firstReply = Number(/first reply at (\d+)/.exec(kernel.processOutput)?.[1]);
    assert.ok(firstReply > 0, kernel.processOutput);
    // two requests lose their idle, the third completes: a few round trips, not a second's poll
    assert.ok(ready - firstReply < 400, `ready ${ready - firstReply} ms after the first reply`);
  } finally {
    await kernel.shutdown();
  }
});

test('shutdown returns once the kernel has replied; a kernel slow to exit is killed', async () => {
  const kernel = await KernelClient.start({
    cwd: tmpdir(),
    command: fakeCommand,
    env: { ...process.env, FAKE_LINGER: '1' },
    startTimeoutMs: 10_000
  });
  const pid = kernel.pid!;
  const started = Date.now();
  await kernel.shutdown();
  assert.ok(Date.now() - started < 1000, `shutdown took ${Date.now() - started} ms`);
  assert.throws(() => process.kill(pid, 0), /ESRCH/, 'the kernel process is gone');
});

test('a kernel that cannot bind a port (taken since it was picked) is restarted on fresh ports', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'samced-port-taken-'));
  const marker = join(dir, 'first-start');
  const takenOnce = `const fs = require('fs');
if (!fs.existsSync(${JSON.stringify(marker)})) {
  fs.writeFileSync(${JSON.stringify(marker)}, '');
  console.error('UnhandledPromiseRejection: Error: Address already in use');
  setInterval(() => {}, 1000);
} else {
  eval(${JSON.stringify(fakeKernel)});
}`;
  const started = Date.now();
  const kernel = await KernelClient.start({
    cwd: tmpdir(),
    command: [process.execPath, '-e', takenOnce, '--'],
    startTimeoutMs: 10_000
  });
  try {
    assert.equal(kernel.kernelInfo.implementation, 'fake');
    assert.ok(Date.now() - started < 8000, 'not after the start timeout');
  } finally {
    await kernel.shutdown();
  }
});

test('runNotebook turns a timeout and a kernel error into a failed run at the right cell', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'samced-fake-run-'));
  const cell = (source: string): CodeCell => ({
    cell_type: 'code',
    metadata: {},
    source,
    outputs: [],
    execution_count: null
  });
  const write = async (name: string, sources: string[]): Promise<string> => {
    const file = join(dir, name);
    const cells = [{ cell_type: 'markdown', metadata: {}, source: '# t' }, ...sources.map(cell)];
    await writeFile(file, JSON.stringify({ nbformat: 4, nbformat_minor: 4, metadata: {}, cells }));
    return file;
  };
  const options = {
    outDir: join(dir, 'out'),
    kernelCommand: fakeCommand,
    cellTimeoutMs: 400,
    effects: { logger: memoryLogger(), clock: fixedClock('2026-01-01T00:00:00Z') }
  };
  const [slow, failing] = await Promise.all([
    runNotebook(await write('slow.ipynb', ['a', 'hang', 'b']), options),
    runNotebook(await write('failing.ipynb', ['a', 'fail', 'b']), options)
  ]);
  assert.deepEqual(slow.failure, { cell: 3, message: 'cell 3: Timeout: timed out after 0.4 s; kernel killed' });
  const slowCells = slow.executed.cells.slice(1) as CodeCell[];
  assert.deepEqual(
    slowCells.map((c) => c.execution_count),
    [1, null, null]
  );
  assert.deepEqual(slowCells[1].outputs, [
    { output_type: 'stream', name: 'stdout', text: ['ran hang\n'] },
    {
      output_type: 'error',
      ename: 'Timeout',
      evalue: 'timed out after 0.4 s; kernel killed',
      traceback: ['Timeout: timed out after 0.4 s; kernel killed']
    }
  ]);
  assert.deepEqual(failing.failure, { cell: 3, message: 'cell 3: ValueError: bad value' });
  const failingCells = failing.executed.cells.slice(1) as CodeCell[];
  assert.deepEqual(failingCells[0].outputs, [
    { output_type: 'stream', name: 'stdout', text: ['ran a\n'] },
    { output_type: 'execute_result', execution_count: 1, data: { 'text/plain': ['10'] }, metadata: {} }
  ]);
  assert.equal(
    failingCells[1].outputs.filter((o) => o.output_type === 'error').length,
    1,
    'the kernel’s error output is not duplicated'
  );
  assert.equal(failingCells[2].execution_count, null);
});
