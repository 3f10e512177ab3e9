import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CodeCell, Notebook } from '../../kernel-lib/runner/notebook-format';
import { renderReport } from '../../kernel-lib/runner/report';
import { runNotebook, runNotebooks } from '../../kernel-lib/runner/run';
import { fixedClock, memoryLogger } from '../../kernel-lib/util/effects';

// Two chart notebooks (copies of the run fixture: a table and two charts each) run into one
// folder share one plotly.min.js; a self-contained run keeps the bundle in each file.
const fixture = resolve('test/fixtures/notebooks/charts-table.ipynb');
const bundlePath = createRequire(resolve('package.json')).resolve('plotly.js-dist-min');
const effects = { logger: memoryLogger(), clock: fixedClock('2026-01-02T03:04:05Z') };
let bundle: Buffer;
/** A stretch from the middle of plotly.js: present exactly where a copy of the bundle is. */
let marker: string;
let shared: string;
let alone: string;

before(async () => {
  bundle = await readFile(bundlePath);
  marker = bundle.subarray(bundle.length >> 1, (bundle.length >> 1) + 120).toString('latin1');
  const inputs = await mkdtemp(join(tmpdir(), 'samced-bundle-in-'));
  await copyFile(fixture, join(inputs, 'one.ipynb'));
  await copyFile(fixture, join(inputs, 'two.ipynb'));
  shared = await mkdtemp(join(tmpdir(), 'samced-bundle-shared-'));
  alone = await mkdtemp(join(tmpdir(), 'samced-bundle-alone-'));
  const [results, single] = await Promise.all([
    runNotebooks([join(inputs, 'one.ipynb'), join(inputs, 'two.ipynb')], { outDir: shared, effects }),
    runNotebook(join(inputs, 'one.ipynb'), { outDir: alone, selfContained: true, effects })
  ]);
  assert.deepEqual(
    [...results, single].map((r) => r.status),
    ['ok', 'ok', 'ok'],
    JSON.stringify([...results, single].map((r) => r.failure))
  );
});

const copies = async (file: string): Promise<number> => (await readFile(file, 'latin1')).split(marker).length - 1;

test('two chart notebooks run into one folder write plotly.js once, as plotly.min.js, and the folder stays small', async () => {
  const names = (await readdir(shared)).sort();
  assert.deepEqual(names, ['one.html', 'one.ipynb', 'plotly.min.js', 'two.html', 'two.ipynb']);
  assert.ok(
    (await readFile(join(shared, 'plotly.min.js'))).equals(bundle),
    'the installed plotly.js-dist-min, byte for byte'
  );
  const found = await Promise.all(names.map(async (name) => [name, await copies(join(shared, name))] as const));
  assert.deepEqual(
    found.filter(([, n]) => n > 0),
    [['plotly.min.js', 1]]
  );
  const sizes = await Promise.all(names.map(async (name) => (await stat(join(shared, name))).size));
  const total = sizes.reduce((a, b) => a + b, 0);
  assert.ok(total < bundle.length + 200_000, `${total} bytes: one bundle (${bundle.length}) and four small files`);
});

test('the shared reports and executed notebooks load plotly.min.js from their folder; charts still draw from their figures', async () => {
  const reference = /<script type="text\/javascript" src="plotly\.min\.js" data-samced-plotly="[\d.]+"><\/script>/;
  const report = await readFile(join(shared, 'two.html'), 'utf8');
  assert.match(report, reference);
  assert.ok(report.search(reference) < report.indexOf('</head>'), 'in <head>');
  assert.equal((report.match(/<div class="samced-chart"/g) ?? []).length, 2);
  const executed = JSON.parse(await readFile(join(shared, 'one.ipynb'), 'utf8')) as Notebook;
  const html = (id: string) =>
    ((executed.cells.find((c) => c.id === id) as CodeCell).outputs[0] as { data: Record<string, string[]> }).data[
      'text/html'
    ]!.join('');
  assert.match(html('bar'), reference, 'the first chart of the session carries the reference instead of the bundle');
  assert.match(
    html('bar'),
    /figure = \{"data":\[\{"type":"bar","name":"demo","x":\["video A","video B","video C"\],"y":\[6,2,4\]\}\]/
  );
  assert.doesNotMatch(html('line'), /data-samced-plotly/);
});

test('--self-contained (selfContained: true) keeps one bundle inside the report and one inside the notebook, and writes no plotly.min.js', async () => {
  assert.deepEqual((await readdir(alone)).sort(), ['one.html', 'one.ipynb']);
  assert.equal(await copies(join(alone, 'one.html')), 1);
  // the notebook holds the bundle as JSON text: compare a stretch without quotes or backslashes
  const plain = marker.replace(/["\\\n]/g, '').slice(0, 40);
  assert.ok((await readFile(join(alone, 'one.ipynb'), 'latin1')).includes(plain));
});

test('renderReport with plotly "shared" puts a <script src> in <head>, "inline" (the default) the bundle', () => {
  const chart = '<div class="samced-chart" data-samced-chart="k"></div>';
  const notebook: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      {
        cell_type: 'code',
        id: 'c',
        source: 'x',
        metadata: {},
        execution_count: 1,
        outputs: [{ output_type: 'display_data', data: { 'text/html': chart }, metadata: {} }]
      }
    ]
  };
  const sharedPage = renderReport(notebook, { plotly: 'shared' });
  assert.match(
    sharedPage,
    /<script type="text\/javascript" src="plotly\.min\.js" data-samced-plotly="[\d.]+"><\/script>\n<\/head>/
  );
  assert.ok(sharedPage.length < 20_000);
  assert.ok(renderReport(notebook).length > bundle.length);
});
