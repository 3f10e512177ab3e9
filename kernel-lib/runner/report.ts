import { marked } from 'marked';
import { isJsonMime, stripAnsi } from './cell-outputs';
import { sourceText, toMultiline, type Cell, type MimeBundle, type Notebook, type Output } from './notebook-format';
import { escapeHtml } from '../display/plain-values';
import {
  chartHtml,
  countChartDivs,
  plotlyBundleReference,
  plotlyBundleScript,
  referencePlotlyBundles,
  stripPlotlyBundles
} from '../display/plotly-html';
import type { Figure } from '../display/plotly-figure';
import { REPORT_CSS } from './report-style';
import type { RunRecord } from './run-record';
import type { DropSummary } from './provenance';

/** Options of {@link renderReport}. */
export interface ReportOptions {
  /** Page title (default: the notebook's file name from the run record, else "Notebook report"). */
  title?: string;
  /** Project root, to find the plotly.js bundle. */
  root?: string;
  /**
   * Where a page with charts gets plotly.js: 'inline' (default) puts the whole bundle in <head>,
   * a self-contained file; 'shared' loads `plotly.min.js` from the page's folder (writePlotlyBundle
   * puts it there), so a folder of reports holds one copy.
   */
  plotly?: 'inline' | 'shared';
}

/** MIME types a report shows, best first; the first one present in an output is used. */
const MIME_ORDER = [
  'application/vnd.plotly.v1+json',
  'text/html',
  'image/svg+xml',
  'image/png',
  'image/jpeg',
  'image/gif',
  'text/markdown',
  'application/json',
  'text/latex',
  'text/plain'
];

function text(value: unknown): string {
  return Array.isArray(value) ? value.join('') : String(value ?? '');
}

function renderMarkdown(markdown: string): string {
  return marked.parse(markdown, { async: false, gfm: true }) as string;
}

function renderBundle(data: MimeBundle): string {
  const mime = MIME_ORDER.find((type) => type in data) ?? Object.keys(data).find((type) => isJsonMime(type));
  if (!mime) return '';
  const value = data[mime];
  switch (mime) {
    case 'application/vnd.plotly.v1+json':
      return chartHtml(value as Figure);
    case 'text/html':
      return `<div class="html">${text(value)}</div>`;
    case 'image/svg+xml':
      return `<div class="svg">${text(value)}</div>`;
    case 'image/png':
    case 'image/jpeg':
    case 'image/gif':
      return `<img src="data:${mime};base64,${text(value).replace(/\s+/g, '')}" alt="">`;
    case 'text/markdown':
      return `<div class="markdown">${renderMarkdown(text(value))}</div>`;
    case 'text/latex':
    case 'text/plain':
      return `<pre class="text">${escapeHtml(stripAnsi(text(value)))}</pre>`;
    default:
      return `<pre class="json">${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
  }
}

function renderOutput(output: Output): string {
  switch (output.output_type) {
    case 'stream':
      return `<pre class="stream ${output.name}">${escapeHtml(stripAnsi(text(output.text)))}</pre>`;
    case 'error': {
      const trace = output.traceback.length > 0 ? output.traceback.join('\n') : `${output.ename}: ${output.evalue}`;
      return `<pre class="error">${escapeHtml(stripAnsi(trace))}</pre>`;
    }
    default:
      return `<div class="display">${renderBundle(output.data)}</div>`;
  }
}

function renderCell(cell: Cell): string {
  const source = sourceText(cell.source);
  if (cell.cell_type !== 'code') {
    if (cell.cell_type === 'markdown') return `<section class="cell markdown">${renderMarkdown(source)}</section>`;
    return `<section class="cell raw"><pre>${escapeHtml(source)}</pre></section>`;
  }
  const count = cell.execution_count ?? ' ';
  const tags = (cell.metadata.tags ?? []).map((tag) => `<span class="tag">${escapeHtml(tag)}</span>`).join('');
  const outputs = cell.outputs.map(renderOutput).join('\n');
  return (
    `<section class="cell code">\n<div class="input"><span class="prompt">In [${count}]:</span>${tags}` +
    `<pre class="source">${escapeHtml(source)}</pre></div>\n` +
    (outputs ? `<div class="outputs">\n${outputs}\n</div>\n` : '') +
    `</section>`
  );
}

function renderHeader(record: RunRecord | undefined): string {
  if (!record) return '';
  const rows: Array<[string, string]> = [
    ['Notebook', record.notebook],
    ['Status', record.status === 'ok' ? 'ok' : `failed: ${record.failure?.message ?? ''}`],
    ['Parameters', Object.keys(record.parameters).length ? JSON.stringify(record.parameters) : '(defaults)'],
    ['Started', record.started],
    ['Finished', record.finished],
    ['Notebook SHA-256', record.notebookSha256],
    [
      'Versions',
      `samced ${record.versions.samced}, node ${record.versions.node}, tslab ${record.versions.tslab} (TypeScript ${record.versions.typescript})`
    ]
  ];
  const cells: Array<[string, string]> = rows.map(([key, value]) => [key, escapeHtml(value)]);
  for (const [key, value] of Object.entries(record.provenance)) {
    const drops = key === 'drops' ? dropsTable(value) : undefined;
    cells.push([key, drops ?? escapeHtml(typeof value === 'string' ? value : JSON.stringify(value))]);
  }
  const body = cells.map(([key, html]) => `<tr><th>${escapeHtml(key)}</th><td>${html}</td></tr>`).join('\n');
  return `<table class="run ${record.status}">\n${body}\n</table>`;
}

/** Thousands separated by thin spaces, so a byte count reads at a glance. */
function groupDigits(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
}

/**
 * The drops the notebook read (provenance `drops`: parameter -> DropSummary) as a small table:
 * parameter, folder, files, bytes and the digest (of the contents when hashed, else of the
 * listing). Undefined when the value is not such a map (then it is shown as JSON).
 */
function dropsTable(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  const drops = entries.filter((entry): entry is [string, DropSummary] => {
    const d = entry[1] as Partial<DropSummary> | null;
    return (
      !!d &&
      typeof d === 'object' &&
      typeof d.path === 'string' &&
      typeof d.files === 'number' &&
      typeof d.bytes === 'number' &&
      typeof d.listingSha256 === 'string'
    );
  });
  if (drops.length === 0 || drops.length !== entries.length) return undefined;
  const head = '<tr><th>parameter</th><th>folder</th><th>files</th><th>bytes</th><th>digest (SHA-256)</th></tr>';
  const body = drops
    .map(([name, d]) => {
      const digest = d.contentSha256
        ? `contents ${d.contentSha256}`
        : `listing ${d.listingSha256} (names and sizes; contents not hashed)`;
      return `<tr><td>${escapeHtml(name)}</td><td>${escapeHtml(d.path)}</td><td class="n">${groupDigits(d.files)}</td><td class="n">${groupDigits(d.bytes)}</td><td class="digest">${escapeHtml(digest)}</td></tr>`;
    })
    .join('');
  return `<table class="drops">${head}${body}</table>`;
}

/**
 * A self-contained, offline HTML page for an executed notebook: header with the run record
 * (parameters, versions, times, notebook hash, provenance), Markdown cells rendered with marked,
 * code cells with their escaped source and outputs (HTML, SVG, PNG/JPEG, Markdown, JSON, text,
 * stdout/stderr streams, errors in red). Chart outputs lose their own copy of plotly.js; when the
 * page has any chart, one copy is placed in <head> (or, with `plotly: 'shared'`, a <script src>
 * of the report folder's copy).
 */
export function renderReport(notebook: Notebook, options: ReportOptions = {}): string {
  const record = (notebook.metadata.samced as RunRecord | undefined) ?? undefined;
  const title = options.title ?? record?.notebook ?? 'Notebook report';
  const cells = notebook.cells.map(renderCell).join('\n');
  const { html: body } = stripPlotlyBundles(cells);
  const bundle =
    countChartDivs(body) === 0
      ? ''
      : options.plotly === 'shared'
        ? plotlyBundleReference(options.root)
        : plotlyBundleScript(options.root);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    bundle,
    '</head>',
    '<body>',
    `<header><h1 class="report-title">${escapeHtml(title)}</h1>\n${renderHeader(record)}</header>`,
    `<main>\n${body}\n</main>`,
    '</body>',
    '</html>',
    ''
  ].join('\n');
}

/**
 * Replaces the plotly.js bundle that chart outputs carry (the first chart of a kernel session) by
 * a `<script src="plotly.min.js">` of the report folder's copy, in place; returns how many outputs
 * carried one. Offline in a classic Notebook server and in nbconvert's HTML of the notebook as
 * long as plotly.min.js stays beside the .ipynb; `samced run --self-contained` keeps the bundle.
 */
export function shareNotebookPlotlyBundles(notebook: Notebook, root?: string): number {
  let count = 0;
  for (const cell of notebook.cells) {
    if (cell.cell_type !== 'code') continue;
    for (const output of cell.outputs) {
      if (output.output_type !== 'display_data' && output.output_type !== 'execute_result') continue;
      const value = output.data['text/html'];
      if (value === undefined) continue;
      const shared = referencePlotlyBundles(text(value), root);
      if (shared.count === 0) continue;
      count += shared.count;
      output.data['text/html'] = Array.isArray(value) ? toMultiline(shared.html) : shared.html;
    }
  }
  return count;
}
