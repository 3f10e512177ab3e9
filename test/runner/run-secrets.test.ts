import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runNotebooksCommand } from '../../kernel-lib/cli/run';
import type { CodeCell, Notebook, StreamOutput } from '../../kernel-lib/runner/notebook-format';
import type { RunRecord } from '../../kernel-lib/runner/run-record';
import { fixedClock, memoryLogger } from '../../kernel-lib/util/effects';

// One run of a small notebook through the real runner with three secrets, given on the command
// line (a name the secret rule knows), from a file and from the environment. The notebook prints
// each value's length and SHA-256, so the test sees that it received the value without the value
// being shown; the executed notebook, the report, stdout and the log must not hold any of them.
// One parameter is named `secret`: the injected cell's reader function must not clash with it.
const fixture = resolve('test/fixtures/notebooks/secret-parameters.ipynb');
const unique = randomUUID();
const passphrase = `pass "${unique}-p" \\ 1.50`; // a quote and a backslash: JSON escaping on the way
const label = `label-${unique}-l`;
const token = `token-${unique}-t`;
const tokenVariable = `SAMCED_TEST_TOKEN_${process.pid}`;
let dir: string;
let out: string;
let status: number;
let printed = '';
const logger = memoryLogger();
let executedBytes: Buffer;
let reportBytes: Buffer;
let executed: Notebook;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'samced-run-secrets-'));
  out = join(dir, 'out');
  await writeFile(join(dir, 'label.txt'), label + '\n', { mode: 0o600 });
  process.env[tokenVariable] = token;
  const args = [
    fixture,
    '--param',
    `passphrase=${passphrase}`,
    '--param-file',
    `label=${join(dir, 'label.txt')}`,
    '--param-env',
    `secret=${tokenVariable}`,
    '-p',
    'copies=3',
    '--out',
    out
  ];
  status = await runNotebooksCommand(
    args,
    { logger, clock: fixedClock('2026-01-02T03:04:05Z') },
    { write: (text: string) => (printed += text) }
  );
  executedBytes = await readFile(join(out, 'secret-parameters.ipynb'));
  reportBytes = await readFile(join(out, 'secret-parameters.html'));
  executed = JSON.parse(executedBytes.toString('utf8')) as Notebook;
});

after(async () => {
  delete process.env[tokenVariable];
  await rm(dir, { recursive: true, force: true });
});

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const stdoutOf = (id: string): string =>
  (executed.cells.find((cell) => cell.id === id) as CodeCell).outputs
    .map((output) => [(output as StreamOutput).text].flat().join(''))
    .join('');

test('secret parameters: the notebook receives every value exactly', () => {
  assert.equal(status, 0, printed + logger.lines.join('\n'));
  assert.equal(
    stdoutOf('digest'),
    `label: ${label.length} characters, sha256 ${sha(label)}\n` +
      `passphrase: ${passphrase.length} characters, sha256 ${sha(passphrase)}\n` +
      `secret: ${token.length} characters, sha256 ${sha(token)}\n` +
      'copies: 3\n'
  );
  assert.equal(
    stdoutOf('environment'),
    'SAMCED_PARAM_ variables left: 0\n',
    'the injected cell removes the variables it read'
  );
});

test('secret parameters: no value reaches the executed notebook, the report, stdout or the log', () => {
  for (const secret of [passphrase, `${unique}-p`, label, token, unique]) {
    assert.equal(executedBytes.indexOf(secret), -1, `the executed notebook holds ${secret}`);
    assert.equal(reportBytes.indexOf(secret), -1, `the report holds ${secret}`);
    assert.ok(!printed.includes(secret), `stdout holds ${secret}`);
    assert.ok(!logger.lines.some((line) => line.includes(secret)), `the log holds ${secret}`);
  }
});

test('secret parameters are recorded as <redacted>, the others with their values', () => {
  const record = executed.metadata.samced as RunRecord;
  assert.deepEqual(record.parameters, {
    passphrase: '<redacted>',
    label: '<redacted>',
    secret: '<redacted>',
    copies: 3
  });
  const injected = executed.cells.find((cell) => cell.id === 'injected-parameters') as CodeCell;
  assert.match([injected.source].flat().join(''), /\n {2}copies = 3;\n/);
  assert.match(
    reportBytes.toString('utf8'),
    /<tr><th>Parameters<\/th><td>\{&quot;passphrase&quot;:&quot;&lt;redacted&gt;&quot;,&quot;copies&quot;:3,&quot;label&quot;:&quot;&lt;redacted&gt;&quot;,&quot;secret&quot;:&quot;&lt;redacted&gt;&quot;\}<\/td><\/tr>/
  );
});
