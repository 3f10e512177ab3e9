import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { KernelClient, KernelDiedError, KernelTimeoutError } from '../../kernel-lib/notebook/kernel-client';
import type { CodeCell } from '../../kernel-lib/notebook/notebook-format';
import { runNotebook } from '../../kernel-lib/notebook/run';
import { fixedClock, memoryLogger } from '../../kernel-lib/util/effects';

// A fake Jupyter kernel (zeromq ROUTER/PUB, HMAC-checked) so the client's protocol handling,
// timeouts and kernel deaths are tested in milliseconds without tslab. Cell code is a command:
// 'exit' ends the process, 'hang' prints and never answers, 'fail' sends an error, others succeed.
const zeromq = createRequire(resolve('package.json')).resolve('zeromq');
const fakeKernel = `
const zmq = require(${JSON.stringify(zeromq)});
const crypto = require('crypto');
const info = JSON.parse(require('fs').readFileSync(process.argv[process.argv.indexOf('--config-path') + 1], 'utf8'));
const sign = (parts) => { const h = crypto.createHmac('sha256', info.key); for (const p of parts) h.update(p); return h.digest('hex'); };
const shell = new zmq.Router(), control = new zmq.Router(), iopub = new zmq.Publisher();
let count = 0;
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
      await send(socket, ids, 'kernel_info_reply', header, { protocol_version: '5.3', implementation: 'fake', language_info: { name: 'fake' } });
    } else if (header.msg_type === 'shutdown_request') {
      await send(socket, ids, 'shutdown_reply', header, { restart: false });
      setTimeout(() => process.exit(0), 20);
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
    assert.deepEqual(ok.messages.map((m) => [m.header.msg_type, m.content]), [
      ['stream', { name: 'stdout', text: 'ran a\n' }],
      ['execute_result', { data: { 'text/plain': '10' }, metadata: {}, execution_count: 1 }]
    ]);
    const failed = await kernel.execute('fail');
    assert.equal(failed.status, 'error');
    assert.equal(failed.executionCount, 2);
    assert.deepEqual(failed.messages[1].content, { ename: 'ValueError', evalue: 'bad value', traceback: ['ValueError: bad value'] });
  } finally {
    await kernel.shutdown();
  }
});

test('a cell past its time limit rejects with what it printed, and the kernel is killed', async () => {
  const kernel = await KernelClient.start({ cwd: tmpdir(), command: fakeCommand, startTimeoutMs: 10_000 });
  const error = await kernel.execute('hang', { timeoutMs: 300 }).then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof KernelTimeoutError);
  assert.equal(error.message, 'timed out after 0.3 s; kernel killed');
  assert.deepEqual(error.messages.map((m) => m.content.text), ['ran hang\n']);
  await assert.rejects(kernel.execute('a'), KernelDiedError, 'the kernel is gone');
  await kernel.shutdown();
});

test('a kernel that exits during a cell, or at start, is reported at once', async () => {
  const kernel = await KernelClient.start({ cwd: tmpdir(), command: fakeCommand, startTimeoutMs: 10_000 });
  await assert.rejects(kernel.execute('exit'), (error: unknown) => error instanceof KernelDiedError && /kernel exited \(code 3\)/.test(error.message));
  await kernel.shutdown();
  const started = Date.now();
  await assert.rejects(
    KernelClient.start({ cwd: tmpdir(), command: [process.execPath, '-e', 'console.error("no kernel here"); process.exit(4)', '--'] }),
    /kernel exited \(code 4\):\nno kernel here/
  );
  assert.ok(Date.now() - started < 5000, 'no waiting for the start timeout');
  await assert.rejects(
    KernelClient.start({ cwd: tmpdir(), command: [process.execPath, '-e', 'setTimeout(() => {}, 60000)', '--'], startTimeoutMs: 1200 }),
    /did not answer kernel_info_request within 1200 ms/
  );
});

test('runNotebook turns a timeout and a kernel error into a failed run at the right cell', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'samced-fake-run-'));
  const cell = (source: string): CodeCell => ({ cell_type: 'code', metadata: {}, source, outputs: [], execution_count: null });
  const write = async (name: string, sources: string[]): Promise<string> => {
    const file = join(dir, name);
    const cells = [{ cell_type: 'markdown', metadata: {}, source: '# t' }, ...sources.map(cell)];
    await writeFile(file, JSON.stringify({ nbformat: 4, nbformat_minor: 4, metadata: {}, cells }));
    return file;
  };
  const options = { outDir: join(dir, 'out'), kernelCommand: fakeCommand, cellTimeoutMs: 400, effects: { logger: memoryLogger(), clock: fixedClock('2026-01-01T00:00:00Z') } };
  const [slow, failing] = await Promise.all([
    runNotebook(await write('slow.ipynb', ['a', 'hang', 'b']), options),
    runNotebook(await write('failing.ipynb', ['a', 'fail', 'b']), options)
  ]);
  assert.deepEqual(slow.failure, { cell: 3, message: 'cell 3: Timeout: timed out after 0.4 s; kernel killed' });
  const slowCells = slow.executed.cells.slice(1) as CodeCell[];
  assert.deepEqual(slowCells.map((c) => c.execution_count), [1, null, null]);
  assert.deepEqual(slowCells[1].outputs, [
    { output_type: 'stream', name: 'stdout', text: ['ran hang\n'] },
    { output_type: 'error', ename: 'Timeout', evalue: 'timed out after 0.4 s; kernel killed', traceback: ['Timeout: timed out after 0.4 s; kernel killed'] }
  ]);
  assert.deepEqual(failing.failure, { cell: 3, message: 'cell 3: ValueError: bad value' });
  const failingCells = failing.executed.cells.slice(1) as CodeCell[];
  assert.deepEqual(failingCells[0].outputs, [
    { output_type: 'stream', name: 'stdout', text: ['ran a\n'] },
    { output_type: 'execute_result', execution_count: 1, data: { 'text/plain': ['10'] }, metadata: {} }
  ]);
  assert.equal(failingCells[1].outputs.filter((o) => o.output_type === 'error').length, 1, 'the kernel’s error output is not duplicated');
  assert.equal(failingCells[2].execution_count, null);
});
