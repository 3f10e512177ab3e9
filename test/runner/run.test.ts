import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runNotebooksCommand } from '../../kernel-lib/cli/run';
import type { CodeCell, Notebook, Output } from '../../kernel-lib/runner/notebook-format';
import { runNotebook, type NotebookRunResult } from '../../kernel-lib/runner/run';
import type { RunRecord } from '../../kernel-lib/runner/run-record';
import { fixedClock, memoryLogger } from '../../kernel-lib/util/effects';
import { findChromium } from '../fixtures/chromium';

// One notebook, run twice at the same time (CLI and API, same parameters and clock): the CLI run
// is checked in detail, the API run for determinism, and the CLI run's report is drawn in Chromium.
const fixture = resolve('test/fixtures/notebooks/charts-table.ipynb');
const clock = fixedClock('2026-01-02T03:04:05Z');
let outCli: string;
let outApi: string;
let status: number;
let printed = '';
let executed: Notebook;
let report: string;
let apiRun: NotebookRunResult;

before(async () => {
  outCli = await mkdtemp(join(tmpdir(), 'samced-run-cli-'));
  outApi = await mkdtemp(join(tmpdir(), 'samced-run-api-'));
  const stdout = { write: (text: string) => (printed += text) };
  [status, apiRun] = await Promise.all([
    runNotebooksCommand(
      [fixture, '--param', 'course=ChM001', '-p', 'scale=3', '--out', outCli],
      { logger: memoryLogger(), clock },
      stdout
    ),
    runNotebook(fixture, {
      outDir: outApi,
      parameters: { course: 'ChM001', scale: 3 },
      effects: { logger: memoryLogger(), clock }
    })
  ]);
  executed = JSON.parse(await readFile(join(outCli, 'charts-table.ipynb'), 'utf8')) as Notebook;
  report = await readFile(join(outCli, 'charts-table.html'), 'utf8');
});

const code = (id: string): CodeCell => executed.cells.find((cell) => cell.id === id) as CodeCell;
const html = (output: Output): string =>
  ((output as { data: Record<string, string[]> }).data['text/html'] ?? []).join('');
const figureOf = (output: Output): { data: Array<Record<string, unknown>> } =>
  JSON.parse(/figure = (\{.*\}), tries/.exec(html(output))![1]);

test('samced run exits 0 and prints the report and notebook paths', () => {
  assert.equal(status, 0);
  assert.ok(printed.includes(join(outCli, 'charts-table.html')), printed);
  assert.ok(printed.includes(join(outCli, 'charts-table.ipynb')), printed);
  assert.match(printed, /^ok /);
});

test('the injected-parameters cell follows the parameters cell and its values are used', (t) => {
  assert.deepEqual(
    executed.cells.map((cell) => cell.id),
    ['intro', 'parameters', 'injected-parameters', 'imports', 'table', 'charts-heading', 'bar', 'line', 'summary']
  );
  assert.deepEqual(code('injected-parameters').metadata.tags, ['injected-parameters']);
  assert.match([code('injected-parameters').source].flat().join(''), /course = "ChM001";\n {2}scale = 3;/);
  assert.deepEqual(code('injected-parameters').outputs, [], 'the assignments print nothing');
  // the table: caption from `course`, learners = week * scale, 4 of 25 rows
  const table = html(code('table').outputs[0]);
  assert.match(table, /<caption>ChM001<\/caption>/);
  const cells = [...table.matchAll(/<td[^>]*>(\d+)<\/td>/g)].map((match) => Number(match[1]));
  assert.deepEqual(cells, [1, 3, 2, 6, 3, 9, 4, 12]);
  assert.match(table, />4 of 25 rows</);
  // the last cell: stdout, stderr, and the value of `rows.length * scale` (25 * 3)
  assert.deepEqual(code('summary').outputs, [
    { output_type: 'stream', name: 'stdout', text: ['ChM001 x3\n'] },
    { output_type: 'stream', name: 'stderr', text: ['a line on stderr\n'] },
    { output_type: 'stream', name: 'stdout', text: ['75\n'] }
  ]);
  const timings = (executed.metadata.samced as RunRecord).timings;
  t.diagnostic(`kernel start ${timings.kernelStartMs} ms; cells ${timings.cellMs.join(', ')} ms`);
});

test('code cells carry execution counts in order and the run record is in metadata', async () => {
  const counts = executed.cells
    .filter((cell) => cell.cell_type === 'code')
    .map((cell) => (cell as CodeCell).execution_count);
  assert.deepEqual(counts, [1, 2, 3, 4, 5, 6, 7]);
  const record = executed.metadata.samced as RunRecord;
  const bytes = await readFile(fixture);
  assert.equal(record.notebook, 'test/fixtures/notebooks/charts-table.ipynb');
  assert.equal(record.notebookSha256, createHash('sha256').update(bytes).digest('hex'));
  assert.deepEqual(record.parameters, { course: 'ChM001', scale: 3 });
  assert.equal(record.status, 'ok');
  assert.equal(record.started, '2026-01-02T03:04:05.000Z');
  assert.equal(record.finished, '2026-01-02T03:04:05.000Z');
  assert.equal(record.versions.node, process.version);
  assert.equal(record.versions.samced, JSON.parse(await readFile('package.json', 'utf8')).version);
  assert.equal(record.timings.cellMs.length, 7);
  assert.deepEqual(executed.metadata.kernelspec, {
    name: 'tslab',
    display_name: 'TypeScript (tslab, samced)',
    language: 'typescript'
  });
});

test('the first chart output carries the plotly bundle, the second only its figure', () => {
  const [bar] = code('bar').outputs;
  const [line] = code('line').outputs;
  assert.equal((html(bar).match(/data-samced-plotly=/g) ?? []).length, 1);
  assert.equal((html(line).match(/data-samced-plotly=/g) ?? []).length, 0);
  assert.deepEqual(figureOf(bar).data, [
    { type: 'bar', name: 'ChM001', x: ['video A', 'video B', 'video C'], y: [9, 3, 6] }
  ]);
  assert.deepEqual(
    figureOf(line).data.map((trace) => [trace.name, trace.y]),
    [
      ['play', [10, 8, 5]],
      ['pause', [1, 2, 4]]
    ]
  );
});

test('the report holds one plotly bundle, in <head>, and two chart divs', () => {
  assert.equal((report.match(/data-samced-plotly=/g) ?? []).length, 1);
  assert.ok(report.indexOf('data-samced-plotly=') < report.indexOf('</head>'));
  assert.equal((report.match(/<div class="samced-chart"/g) ?? []).length, 2);
  assert.match(report, /4 of 25 rows/);
  assert.match(report, /<pre class="stream stderr">a line on stderr\n<\/pre>/);
  assert.match(
    report,
    /<tr><th>Parameters<\/th><td>\{&quot;course&quot;:&quot;ChM001&quot;,&quot;scale&quot;:3\}<\/td><\/tr>/
  );
});

test('same notebook, parameters and clock give the same outputs and report', async () => {
  const other = JSON.parse(await readFile(apiRun.executedPath, 'utf8')) as Notebook;
  assert.deepEqual(other.cells, executed.cells);
  const withoutTimings = (notebook: Notebook): unknown => ({
    ...(notebook.metadata.samced as RunRecord),
    timings: null
  });
  assert.deepEqual(withoutTimings(other), withoutTimings(executed));
  assert.equal(await readFile(apiRun.reportPath, 'utf8'), report);
});

const chromium = findChromium('the report rendering test');

test('the report draws every chart offline in headless Chromium', {
  skip: chromium ? false : 'chromium not installed (apt-get install -y chromium)'
}, async (t) => {
  await mkdir('test-artifacts', { recursive: true });
  const screenshot = resolve('test-artifacts', 'notebook-report.png');
  const profile = await mkdtemp(join(tmpdir(), 'samced-chromium-'));
  const started = Date.now();
  const result = spawnSync(
    chromium!,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
      '--window-size=1100,2600',
      '--virtual-time-budget=10000',
      `--screenshot=${screenshot}`,
      '--dump-dom',
      'file://' + join(outCli, 'charts-table.html')
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }
  );
  await rm(profile, { recursive: true, force: true });
  t.diagnostic(`chromium ${Date.now() - started} ms; screenshot ${screenshot}`);
  assert.equal(result.status, 0, result.stderr);
  const charts = result.stdout.split('<div class="samced-chart').slice(1);
  assert.equal(charts.length, 2);
  const drawn = charts.map((chunk) => ({
    svg: (chunk.match(/<svg class="main-svg"/g) ?? []).length > 0,
    bars: (chunk.match(/<g class="trace bars"/g) ?? []).length,
    lines: (chunk.match(/<g class="trace scatter/g) ?? []).length
  }));
  assert.deepEqual(drawn, [
    { svg: true, bars: 1, lines: 0 },
    { svg: true, bars: 0, lines: 2 }
  ]);
  const png = await readFile(screenshot);
  assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
});
