import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barChart, lineChart } from '../../kernel-lib/display/charts';
import type { CodeCell, Notebook, Output } from '../../kernel-lib/runner/notebook-format';
import { chartHtml, plotlyBundleScript } from '../../kernel-lib/display/plotly-html';
import { renderReport } from '../../kernel-lib/runner/report';
import type { RunRecord } from '../../kernel-lib/runner/run-record';

function code(source: string, outputs: Output[], count: number | null = 1): CodeCell {
  return { cell_type: 'code', metadata: {}, source, outputs, execution_count: count };
}

const html = (value: string): Output => ({ output_type: 'display_data', data: { 'text/html': [value] }, metadata: {} });

const record: RunRecord = {
  notebook: 'notebooks/03-video.ipynb',
  notebookSha256: 'ab'.repeat(32),
  parameters: { course: 'ChM001', minutes: 5 },
  status: 'failed',
  failure: { cell: 4, message: 'cell 4: Error: boom' },
  started: '2026-01-02T03:04:05.000Z',
  finished: '2026-01-02T03:04:09.000Z',
  versions: { samced: '0.1.0', node: 'v20.20.2', tslab: '1.0.22', typescript: '5.0.4' },
  timings: { kernelStartMs: 1, cellMs: [1] },
  provenance: { 'drop sha256': 'cafe' }
};

function notebook(cells: Notebook['cells'], withRecord = true): Notebook {
  return { nbformat: 4, nbformat_minor: 5, metadata: withRecord ? { samced: record } : {}, cells };
}

test('renders markdown, escaped source and every output kind', () => {
  const page = renderReport(
    notebook([
      { cell_type: 'markdown', metadata: {}, source: ['# Video *use*\n', '\n', 'A | B\n', '--|--\n', '1 | 2\n'] },
      code(
        'if (a < b && c > d) console.log("x & y")',
        [
          { output_type: 'stream', name: 'stdout', text: ['1 < 2\n'] },
          { output_type: 'stream', name: 'stderr', text: 'careful\n' },
          html('<table><tr><td>cell</td></tr></table>'),
          { output_type: 'display_data', data: { 'image/png': 'iVBORw0KGgo=\n' }, metadata: {} },
          { output_type: 'display_data', data: { 'image/svg+xml': ['<svg id="s1"></svg>'] }, metadata: {} },
          { output_type: 'display_data', data: { 'application/json': { a: [1, 2] } }, metadata: {} },
          { output_type: 'display_data', data: { 'text/markdown': '**bold**' }, metadata: {} },
          { output_type: 'display_data', data: { 'text/plain': '<not html>' }, metadata: {} },
          { output_type: 'error', ename: 'Error', evalue: 'boom', traceback: ['\x1b[31mError: boom\x1b[0m'] }
        ],
        7
      ),
      { cell_type: 'raw', metadata: {}, source: '<raw & text>' }
    ])
  );
  assert.match(page, /^<!DOCTYPE html>/);
  assert.match(page, /<h1[^>]*>Video <em>use<\/em><\/h1>/);
  assert.match(page, /<table>\s*<thead>\s*<tr>\s*<th>A<\/th>/, 'GitHub tables in markdown');
  assert.match(page, /In \[7\]:/);
  assert.match(
    page,
    /<pre class="source">if \(a &lt; b &amp;&amp; c &gt; d\) console.log\(&quot;x &amp; y&quot;\)<\/pre>/
  );
  assert.match(page, /<pre class="stream stdout">1 &lt; 2\n<\/pre>/);
  assert.match(page, /<pre class="stream stderr">careful\n<\/pre>/);
  assert.match(page, /<div class="html"><table><tr><td>cell<\/td><\/tr><\/table><\/div>/);
  assert.match(page, /<img src="data:image\/png;base64,iVBORw0KGgo=" alt="">/);
  assert.match(page, /<div class="svg"><svg id="s1"><\/svg><\/div>/);
  assert.match(page, /<pre class="json">\{\n {2}&quot;a&quot;: \[\n {4}1,\n {4}2\n {2}\]\n\}<\/pre>/);
  assert.match(page, /<div class="markdown"><p><strong>bold<\/strong><\/p>/);
  assert.match(page, /<pre class="text">&lt;not html&gt;<\/pre>/);
  assert.match(page, /<pre class="error">Error: boom<\/pre>/, 'errors in red, colour codes removed');
  assert.match(page, /<pre>&lt;raw &amp; text&gt;<\/pre>/);
  assert.doesNotMatch(page, /data-samced-plotly/, 'no charts, no bundle');
  assert.doesNotMatch(page, /<script/);
});

test('the header shows the run record: parameters, status, times, hash, versions, provenance', () => {
  const page = renderReport(notebook([]));
  assert.match(page, /<title>notebooks\/03-video.ipynb<\/title>/);
  const rows = [...page.matchAll(/<tr><th>(.*?)<\/th><td>(.*?)<\/td><\/tr>/g)].map((row) => [row[1], row[2]]);
  assert.deepEqual(rows, [
    ['Notebook', 'notebooks/03-video.ipynb'],
    ['Status', 'failed: cell 4: Error: boom'],
    ['Parameters', '{&quot;course&quot;:&quot;ChM001&quot;,&quot;minutes&quot;:5}'],
    ['Started', '2026-01-02T03:04:05.000Z'],
    ['Finished', '2026-01-02T03:04:09.000Z'],
    ['Notebook SHA-256', 'ab'.repeat(32)],
    ['Versions', 'samced 0.1.0, node v20.20.2, tslab 1.0.22 (TypeScript 5.0.4)'],
    ['drop sha256', 'cafe']
  ]);
  assert.match(renderReport(notebook([], false)), /<title>Notebook report<\/title>/);
});

test('the header shows the drops read as a small table (folder, files, bytes, digest), not as raw JSON', () => {
  const drops = {
    data: {
      path: 'data/sample-drop',
      files: 180,
      bytes: 2961234,
      listingSha256: 'aa'.repeat(32),
      contentSha256: 'cc'.repeat(32)
    },
    dest: { path: '/srv/edx/drop', files: 12, bytes: 999, listingSha256: 'bb'.repeat(32) }
  };
  const page = renderReport({ ...notebook([]), metadata: { samced: { ...record, provenance: { drops } } } });
  const table = /<tr><th>drops<\/th><td>(<table class="drops">.*?<\/table>)<\/td><\/tr>/.exec(page)?.[1];
  assert.ok(table, 'a drops table in the header');
  const cells = [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((m) => m[1])
  );
  assert.deepEqual(cells, [
    ['parameter', 'folder', 'files', 'bytes', 'digest (SHA-256)'],
    ['data', 'data/sample-drop', '180', '2\u2009961\u2009234', 'contents ' + 'cc'.repeat(32)],
    ['dest', '/srv/edx/drop', '12', '999', 'listing ' + 'bb'.repeat(32) + ' (names and sizes; contents not hashed)']
  ]);
  assert.doesNotMatch(page, /listingSha256|&quot;files&quot;/, 'no raw JSON');
  assert.match(page, /@media print \{[\s\S]*word-break: break-word/, 'print CSS wraps wide tables');
});

test('charts: bundles in outputs are removed and exactly one is placed in <head>', () => {
  const bundle = plotlyBundleScript();
  const page = renderReport(
    notebook([
      code('a', [html(bundle + chartHtml(barChart({ x: ['a'], y: [1] })))]),
      code('b', [html(chartHtml(lineChart({ x: [1], y: [1] })))]),
      // a second kernel session in the same notebook carried the bundle again
      code('c', [html(bundle + chartHtml(lineChart({ x: [1], y: [2] })))]),
      code('d', [
        {
          output_type: 'display_data',
          data: { 'application/vnd.plotly.v1+json': { data: [{ type: 'bar', x: [1], y: [1] }], layout: {} } },
          metadata: {}
        }
      ])
    ])
  );
  assert.equal((page.match(/data-samced-plotly=/g) ?? []).length, 1);
  assert.ok(page.indexOf('data-samced-plotly=') < page.indexOf('</head>'), 'the bundle is in <head>');
  assert.equal((page.match(/<div class="samced-chart"/g) ?? []).length, 4);
  assert.ok(page.length < bundle.length + 60_000, 'one copy of plotly.js only');
});
