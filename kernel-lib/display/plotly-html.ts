import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectRoot } from '../util/paths';
import { writeFileAtomic } from '../util/atomic';
import type { Figure } from './plotly-figure';
import { scriptSafeJson } from './plain-values';

/** Attribute on the one <script> that carries the plotly.js bundle (value: its version). */
export const PLOTLY_BUNDLE_ATTRIBUTE = 'data-samced-plotly';

/** Class of every chart <div>; its `data-samced-chart` attribute is the figure's key. */
export const CHART_CLASS = 'samced-chart';

/**
 * The file name of the one shared copy of plotly.js in a report folder: the reports and executed
 * notebooks there load it with a relative `<script src>` (see referencePlotlyBundles).
 */
export const PLOTLY_FILE = 'plotly.min.js';

let cachedBundle: { root: string; path: string; script: string; version: string } | undefined;

function loadBundle(root: string): { path: string; script: string; version: string } {
  if (cachedBundle?.root === root) return cachedBundle;
  const resolve = createRequire(join(root, 'package.json')).resolve;
  const path = resolve('plotly.js-dist-min');
  const source = readFileSync(path, 'utf8');
  const version = (JSON.parse(readFileSync(resolve('plotly.js-dist-min/package.json'), 'utf8')) as { version: string })
    .version;
  // The minified bundle contains no "<script" or "</script" today; escape a closing tag just in case.
  const safe = source.replace(/<\/script/gi, '<\\/script');
  const script = `<script type="text/javascript" ${PLOTLY_BUNDLE_ATTRIBUTE}="${version}">${safe}\n</script>`;
  cachedBundle = { root, path, script, version };
  return cachedBundle;
}

/**
 * The `<script>` element that loads the shared copy (PLOTLY_FILE, beside the page or notebook) by
 * a relative src: it carries PLOTLY_BUNDLE_ATTRIBUTE like the inline bundle, so stripPlotlyBundles
 * removes either.
 */
export function plotlyBundleReference(root: string = projectRoot()): string {
  return `<script type="text/javascript" src="${PLOTLY_FILE}" ${PLOTLY_BUNDLE_ATTRIBUTE}="${loadBundle(root).version}"></script>`;
}

/** Replaces every bundle <script> in `html` (inline or not) by plotlyBundleReference; `count` says how many there were. */
export function referencePlotlyBundles(html: string, root: string = projectRoot()): { html: string; count: number } {
  let count = 0;
  const replaced = html.replace(BUNDLE_PATTERN, () => {
    count += 1;
    return plotlyBundleReference(root);
  });
  return { html: replaced, count };
}

/**
 * Writes the installed plotly.js-dist-min bundle to `<dir>/plotly.min.js` (atomically), unless the
 * same bytes are there already: one copy per report folder, however many reports it holds.
 */
export async function writePlotlyBundle(dir: string, root: string = projectRoot()): Promise<string> {
  const target = join(dir, PLOTLY_FILE);
  const source = await readFile(loadBundle(root).path);
  const present = await readFile(target).catch(() => undefined);
  if (!present?.equals(source)) await writeFileAtomic(target, source);
  return target;
}

/** The `<script>` element holding the whole plotly.js-dist-min bundle (about 4.8 MB), cached. */
export function plotlyBundleScript(root: string = projectRoot()): string {
  return loadBundle(root).script;
}

/** The version of the installed plotly.js-dist-min. */
export function plotlyVersion(root: string = projectRoot()): string {
  return loadBundle(root).version;
}

const BUNDLE_PATTERN = new RegExp(`<script\\b[^>]*\\b${PLOTLY_BUNDLE_ATTRIBUTE}\\b[^>]*>[\\s\\S]*?</script>`, 'gi');

/** Removes every bundle <script> from `html`; `count` says how many there were. */
export function stripPlotlyBundles(html: string): { html: string; count: number } {
  let count = 0;
  const stripped = html.replace(BUNDLE_PATTERN, () => {
    count += 1;
    return '';
  });
  return { html: stripped, count };
}

/** Number of chart <div>s in `html`. */
export function countChartDivs(html: string): number {
  return (html.match(new RegExp(`<div class="${CHART_CLASS}"`, 'g')) ?? []).length;
}

/** A short stable key for a figure: the first 12 hex digits of the SHA-256 of its JSON. */
export function figureKey(figureJson: string): string {
  return createHash('sha256').update(figureJson).digest('hex').slice(0, 12);
}

/**
 * The HTML of one chart without the bundle: a <div> and a script that draws the figure with
 * `Plotly.newPlot` once both the bundle has run and the <div> is in the page (classic Notebook
 * runs output scripts before attaching the output, so the script retries for up to 10 s). The
 * div is found by its key, not an id, so identical charts and stale outputs never collide; the
 * output depends only on the figure (no ids or timestamps), so re-runs give identical notebooks.
 */
export function chartHtml(figure: Figure): string {
  const json = scriptSafeJson({ data: figure.data, layout: figure.layout, config: figure.config ?? {} });
  const key = figureKey(json);
  const height = typeof figure.layout.height === 'number' ? figure.layout.height : 420;
  return (
    `<div class="${CHART_CLASS}" data-samced-chart="${key}" style="width:100%;min-height:${height}px"></div>\n` +
    `<script type="text/javascript">\n` +
    `(function () {\n` +
    `  var key = "${key}", figure = ${json}, tries = 0;\n` +
    `  function attempt() {\n` +
    `    var all = document.querySelectorAll('div.${CHART_CLASS}[data-samced-chart="' + key + '"]');\n` +
    `    var todo = document.querySelectorAll('div.${CHART_CLASS}[data-samced-chart="' + key + '"]:not([data-drawn])');\n` +
    `    if (window.Plotly && todo.length) {\n` +
    `      for (var i = 0; i < todo.length; i++) {\n` +
    `        todo[i].setAttribute('data-drawn', '1');\n` +
    `        window.Plotly.newPlot(todo[i], figure.data, figure.layout, figure.config);\n` +
    `      }\n` +
    `      return;\n` +
    `    }\n` +
    `    if (window.Plotly && all.length) return;\n` +
    `    if (++tries < 200) { setTimeout(attempt, 50); return; }\n` +
    `    for (var j = 0; j < todo.length; j++) todo[j].textContent = 'plotly.js is not loaded: run the notebook from the top (the first chart of a kernel session carries the library).';\n` +
    `  }\n` +
    `  attempt();\n` +
    `})();\n` +
    `</script>\n`
  );
}
