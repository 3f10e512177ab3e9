import type { Axis, Figure, Trace } from './plotly-figure';

/**
 * Labels a reader cannot decode: answer ids (`choice_3`), survey answer columns (`problem_2_1`),
 * usage keys, `problem_<id>` table names and bare 32-hex block hashes. Charts show the question,
 * choice, problem and video texts instead.
 */
export const RAW_ID_PATTERNS: readonly RegExp[] = [
  /\bchoice_\w+/,
  /\bproblem_\d+_\d+\b/,
  /block-v1:|i4x:\/\//,
  /\bproblem_block/,
  /\b[0-9a-f]{32}\b/
];

function rawId(text: string): RegExp | undefined {
  return RAW_ID_PATTERNS.find((pattern) => pattern.test(text));
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

function isNumeric(value: unknown): boolean {
  return typeof value === 'number' || (typeof value === 'string' && NUMERIC.test(value.trim()));
}

/** The values a trace puts on its x or y axis (category side of horizontal bars is y). */
function axisValues(trace: Trace, axis: 'x' | 'y'): unknown[] {
  const values = trace[axis];
  return Array.isArray(values) ? values : [];
}

/**
 * What is wrong with a chart a researcher reads, as one line each (empty: nothing):
 * - it has no title;
 * - an axis of numbers is categorical (values would sit at their rank in first-seen order);
 * - a categorical axis does not state its order (`categoryorder: 'array'` with the categories);
 * - several traces without a legend, or a trace without a name when there are several;
 * - a title, axis title, trace name or category label shows a raw id (see {@link RAW_ID_PATTERNS}).
 *
 * @example
 * chartSpecProblems(barChart({ x: [1, 2], y: [3, 4] })); // ['no title', ...]: what a reader would miss
 * chartSpecProblems(barChart({ x: ['a', 'b'], y: [3, 4] }, { title: 'Answers', xTitle: 'answer', yTitle: 'learners' })); // []
 */
export function chartSpecProblems(figure: Figure): string[] {
  const problems: string[] = [];
  const title = figure.layout.title?.text ?? '';
  if (title.trim() === '') problems.push('no title');
  const labels: Array<[string, string]> = [['title', title]];
  for (const name of ['x', 'y'] as const) {
    const axis = (figure.layout[`${name}axis`] ?? {}) as Axis;
    labels.push([`${name} axis title`, axis.title?.text ?? '']);
    const values = figure.data.flatMap((trace) => axisValues(trace, name)).filter((v) => v !== null && v !== undefined);
    if (axis.type === 'category') {
      if (values.length > 0 && values.every(isNumeric))
        problems.push(`${name} axis is categorical but holds numbers (${values.slice(0, 5).join(', ')})`);
      if (axis.categoryorder !== 'array' || !Array.isArray(axis.categoryarray))
        problems.push(`${name} axis is categorical without a stated category order`);
      const shown = Array.isArray(axis.categoryarray) ? (axis.categoryarray as unknown[]) : values;
      for (const value of new Set(shown)) labels.push([`${name} axis label`, String(value)]);
    } else if (axis.type === undefined && values.some((v) => typeof v === 'string' && !NUMERIC.test(v))) {
      // left to Plotly's guess: the labels are still read
      for (const value of new Set(values)) labels.push([`${name} axis label`, String(value)]);
    }
  }
  const multi = figure.data.length > 1;
  if (multi && figure.layout.showlegend !== true) problems.push(`${figure.data.length} traces but no legend`);
  figure.data.forEach((trace, i) => {
    if (multi && (trace.name === undefined || trace.name === ''))
      problems.push(`trace ${i + 1} of ${figure.data.length} has no name`);
    if (trace.name !== undefined) labels.push([`trace ${i + 1} name`, String(trace.name)]);
  });
  for (const [where, text] of labels) {
    const pattern = rawId(text);
    if (pattern) problems.push(`${where} shows a raw id: "${text}"`);
  }
  return problems;
}

/** The figures of the charts in an HTML report or chart output (see plotly-html.ts chartHtml). */
export function figuresInHtml(html: string): Figure[] {
  const out: Figure[] = [];
  const marker = /var key = "[0-9a-f]+", figure = /g;
  for (let m = marker.exec(html); m; m = marker.exec(html)) {
    const start = m.index + m[0].length;
    const end = html.indexOf(', tries = 0;', start);
    if (end < 0) break;
    out.push(JSON.parse(html.slice(start, end)) as Figure);
  }
  return out;
}
