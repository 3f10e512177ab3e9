import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeFailure, OutputCollector, stripAnsi, toNbformatBundle } from '../../kernel-lib/runner/cell-outputs';
import type { JupyterMessage } from '../../kernel-lib/runner/jupyter-message';
import type { Output } from '../../kernel-lib/runner/notebook-format';

function message(msgType: string, content: Record<string, unknown>): JupyterMessage {
  return {
    header: { msg_id: 'm', session: 's', username: 'u', date: '', msg_type: msgType, version: '5.3' },
    parent_header: {},
    metadata: {},
    content
  };
}

test('consecutive stream chunks of one name merge; stdout and stderr stay apart', () => {
  const outputs = new OutputCollector().outputsFor(
    [
      message('stream', { name: 'stdout', text: 'a' }),
      message('stream', { name: 'stdout', text: 'b\nc\n' }),
      message('stream', { name: 'stderr', text: 'warn\n' }),
      message('stream', { name: 'stdout', text: 'd\n' })
    ],
    1
  );
  assert.deepEqual(outputs, [
    { output_type: 'stream', name: 'stdout', text: ['ab\n', 'c\n'] },
    { output_type: 'stream', name: 'stderr', text: ['warn\n'] },
    { output_type: 'stream', name: 'stdout', text: ['d\n'] }
  ]);
});

test('display_data keeps JSON as values and text as lines; execute_result carries the count', () => {
  const outputs = new OutputCollector().outputsFor(
    [
      message('display_data', {
        data: { 'text/html': '<b>1</b>\n<i>2</i>', 'application/json': { a: [1, 2] }, 'image/png': 'iVBORw0KGgo=' },
        metadata: {},
        transient: {}
      }),
      message('execute_result', { data: { 'text/plain': '42' }, metadata: {}, execution_count: 7 }),
      message('execute_input', { code: 'x' })
    ],
    7
  );
  assert.deepEqual(outputs, [
    {
      output_type: 'display_data',
      data: { 'text/html': ['<b>1</b>\n', '<i>2</i>'], 'application/json': { a: [1, 2] }, 'image/png': 'iVBORw0KGgo=' },
      metadata: {}
    },
    { output_type: 'execute_result', execution_count: 7, data: { 'text/plain': ['42'] }, metadata: {} }
  ]);
});

test('update_display_data rewrites the earlier output with that display_id, even in another cell', () => {
  const collector = new OutputCollector();
  const first = collector.outputsFor(
    [message('display_data', { data: { 'text/plain': 'step 1' }, metadata: {}, transient: { display_id: 'p' } })],
    1
  );
  const second = collector.outputsFor(
    [
      message('update_display_data', { data: { 'text/plain': 'step 2' }, metadata: {}, transient: { display_id: 'p' } })
    ],
    2
  );
  assert.deepEqual(second, []);
  assert.deepEqual(first, [{ output_type: 'display_data', data: { 'text/plain': ['step 2'] }, metadata: {} }]);
});

test('clear_output empties the cell, at once or (wait) at the next output', () => {
  const collector = new OutputCollector();
  const now = collector.outputsFor(
    [
      message('stream', { name: 'stdout', text: 'x' }),
      message('clear_output', { wait: false }),
      message('stream', { name: 'stdout', text: 'y' })
    ],
    1
  );
  assert.deepEqual(now, [{ output_type: 'stream', name: 'stdout', text: ['y'] }]);
  const later = collector.outputsFor(
    [message('stream', { name: 'stdout', text: 'x' }), message('clear_output', { wait: true })],
    2
  );
  assert.equal(later.length, 1, 'with wait the old output stays until something new arrives');
});

const stderr = (text: string): Output => ({ output_type: 'stream', name: 'stderr', text: [text] });

test('describeFailure reads tslab type errors from stderr', () => {
  const error = describeFailure([
    stderr("1:7 - Type 'string' is not assignable to type 'number'.\n2:1 - Cannot find name 'y'.\n")
  ]);
  assert.equal(error.ename, 'TypeScript');
  assert.equal(error.evalue, "1:7 - Type 'string' is not assignable to type 'number'.\n2:1 - Cannot find name 'y'.");
});

test('describeFailure finds the thrown error in a runtime stack trace', () => {
  const trace =
    'evalmachine.<anonymous>:2\nthrow new RangeError("too far");\n^\n\nRangeError: too far\n    at evalmachine.<anonymous>:2:7\n';
  const error = describeFailure([{ output_type: 'stream', name: 'stdout', text: 'ok\n' }, stderr(trace)]);
  assert.deepEqual([error.ename, error.evalue], ['RangeError', 'too far']);
  const coded = describeFailure([stderr('Error [ERR_MODULE_NOT_FOUND]: Cannot find module x\n')]);
  assert.deepEqual([coded.ename, coded.evalue], ['Error', 'Cannot find module x']);
});

test('describeFailure prefers an error output and falls back to the last stderr line', () => {
  const reported: Output = { output_type: 'error', ename: 'ValueError', evalue: 'bad', traceback: [] };
  assert.equal(describeFailure([stderr('x\n'), reported]), reported);
  assert.deepEqual(describeFailure([stderr('first\nstr thrown\n')]).evalue, 'str thrown');
  assert.equal(describeFailure([]).evalue, 'the cell failed without a message');
});

test('stripAnsi removes colour codes; toNbformatBundle leaves custom +json types as values', () => {
  assert.equal(stripAnsi('\x1b[31mred\x1b[0m plain'), 'red plain');
  assert.deepEqual(toNbformatBundle({ 'application/vnd.plotly.v1+json': { data: [] } }), {
    'application/vnd.plotly.v1+json': { data: [] }
  });
});
