import { currentSink, type DisplaySink } from './display-sink';
import { plainValue } from './plain-values';
import type { Axis, Datum, Figure, Layout, Trace } from './plotly-figure';
import type { Series } from './chart-series';
import { chartHtml, plotlyBundleScript } from './plotly-html';

export type { Datum, Figure, Layout, Trace } from './plotly-figure';
export { seriesFromRows, type RowSeriesOptions, type Series } from './chart-series';

/** Options every chart takes. */
export interface ChartOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** Height in pixels (default 420). */
  height?: number;
  /** Show the legend (default: when there is more than one trace). */
  showLegend?: boolean;
}

/** Options of {@link barChart}. */
export interface BarOptions extends ChartOptions {
  /** Several series side by side ('group', default) or on top of each other ('stack'). */
  mode?: 'group' | 'stack';
  /** 'v' (default) or 'h': horizontal bars, categories on the y axis. */
  orientation?: 'v' | 'h';
  /**
   * The categories in the order the axis shows them (e.g. choice texts in the author's order);
   * default: the order of first appearance over all series. Ignored on a numeric or date axis.
   */
  categories?: readonly Datum[];
  /** Bar width in axis units on a numeric axis (e.g. 10 for bins of 10 %). */
  barWidth?: number;
}

/** Options of {@link lineChart}. */
export interface LineOptions extends ChartOptions {
  /** Draw a marker at each point (default false). */
  markers?: boolean;
  /** Start the y axis at zero (default true: counts of learners and events). */
  yFromZero?: boolean;
}

/** Options of {@link histogram}. */
export interface HistogramOptions extends ChartOptions {
  /** Bin width; with `start`/`end` it fixes the bins (else Plotly picks them). */
  binSize?: number;
  start?: number;
  end?: number;
  /** Number of bins when `binSize` is not given. */
  bins?: number;
  /** '' counts (default), 'percent' or 'probability'. */
  normalize?: '' | 'percent' | 'probability';
  /** How several histograms share the axis: 'overlay' (default) or 'stack'. */
  mode?: 'overlay' | 'stack';
}

/** One named set of values for {@link histogram}. */
export interface ValueSet {
  name?: string;
  values: readonly Datum[];
}

/** Input of {@link heatmap}: `z[row][column]`, `y` labels the rows and `x` the columns. */
export interface HeatmapData {
  z: readonly (readonly Datum[])[];
  x?: readonly Datum[];
  y?: readonly Datum[];
}

/** Options of {@link heatmap}. */
export interface HeatmapOptions extends ChartOptions {
  /** A Plotly colorscale name (default: 'Blues', reversed so larger values are darker). */
  colorscale?: string;
  /** Colour bar title. */
  zTitle?: string;
}

function axis(title: string | undefined, extra: Axis = {}): Axis {
  return { ...(title ? { title: { text: title } } : {}), automargin: true, ...extra };
}

function layoutFor(options: ChartOptions, traces: number, extra: Layout = {}): Layout {
  return {
    ...(options.title ? { title: { text: options.title } } : {}),
    height: options.height ?? 420,
    margin: { t: options.title ? 60 : 30, r: 20, b: 60, l: 70 },
    showlegend: options.showLegend ?? traces > 1,
    ...extra,
    xaxis: axis(options.xTitle, extra.xaxis),
    yaxis: axis(options.yTitle, extra.yaxis)
  };
}

function list<T>(value: T | readonly T[]): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

function values(data: readonly Datum[]): unknown[] {
  return data.map(plainValue);
}

const CONFIG = { responsive: true, displaylogo: false };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;

/**
 * The axis for a set of plain values: numbers get a linear axis and dates a date axis (so a value
 * sits at its place, not at its rank); anything else is a category axis in the order given, or of
 * first appearance.
 */
export function axisFor(plain: readonly unknown[], order?: readonly unknown[]): Axis {
  const present = plain.filter((v) => v !== null && v !== undefined);
  if (present.length > 0 && present.every((v) => typeof v === 'number')) return { type: 'linear' };
  if (present.length > 0 && present.every((v) => typeof v === 'string' && ISO_DATE.test(v))) return { type: 'date' };
  const categories = order ? order.map(plainValue) : [...new Set(present)];
  return { type: 'category', categoryorder: 'array', categoryarray: categories };
}

/**
 * Bars for one or more series (learners per video and event type, posts per thread, answers per
 * option). Numbers on the category side make a numeric axis, dates a date axis; other categories
 * keep the order of `categories`, else of first appearance.
 *
 * @example
 * barChart({ x: ['pre', 'post'], y: [120, 87] }, { title: 'Survey answers', yTitle: 'learners' });
 * barChart([{ name: 'edx', x: ['2026-01-05', '2026-01-06'], y: [40, 52] }, { name: 'edge', x: ['2026-01-05', '2026-01-06'], y: [7, 9] }], { mode: 'stack', title: 'Events per day by site' });
 */
export function barChart(series: Series | readonly Series[], options: BarOptions = {}): Figure {
  const all = list(series);
  const horizontal = options.orientation === 'h';
  const data: Trace[] = all.map((s) => ({
    type: 'bar',
    ...(s.name !== undefined ? { name: s.name } : {}),
    x: horizontal ? values(s.y) : values(s.x),
    y: horizontal ? values(s.x) : values(s.y),
    ...(horizontal ? { orientation: 'h' } : {}),
    ...(options.barWidth !== undefined ? { width: options.barWidth } : {})
  }));
  const categoryAxis = axisFor(
    all.flatMap((s) => values(s.x)),
    options.categories
  );
  const reversed: Axis = categoryAxis.type === 'category' ? { autorange: 'reversed' } : {};
  const extra: Layout = {
    barmode: options.mode ?? 'group',
    ...(horizontal ? { yaxis: { ...categoryAxis, ...reversed } } : { xaxis: categoryAxis })
  };
  const titles = horizontal ? { xTitle: options.yTitle, yTitle: options.xTitle } : {};
  return { data, layout: layoutFor({ ...options, ...titles }, data.length, extra), config: CONFIG };
}

/**
 * Lines for one or more series (5-second drop-off curve, daily active learners; dates work as x).
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * const rows = await dailyActiveLearners(run.duck);
 * showChart(lineChart({ x: rows.map((r) => r.day), y: rows.map((r) => r.learners) }, { title: 'Active learners per day', markers: true }));
 */
export function lineChart(series: Series | readonly Series[], options: LineOptions = {}): Figure {
  const data: Trace[] = list(series).map((s) => ({
    type: 'scatter',
    mode: options.markers ? 'lines+markers' : 'lines',
    ...(s.name !== undefined ? { name: s.name } : {}),
    x: values(s.x),
    y: values(s.y)
  }));
  const extra: Layout = {
    xaxis: axisFor(data.flatMap((trace) => trace.x ?? [])),
    ...(options.yFromZero === false ? {} : { yaxis: { rangemode: 'tozero' } })
  };
  return { data, layout: layoutFor(options, data.length, extra), config: CONFIG };
}

/**
 * Distribution of raw values (problem grades, watch times), binned in the browser.
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * const rows = await plainRows(run.duck, 'SELECT count(*) AS n FROM events GROUP BY user_id');
 * showChart(histogram(rows.map((r) => r.n), { title: 'Events per learner', binSize: 10, start: 0 }));
 */
export function histogram(
  sets: readonly Datum[] | ValueSet | readonly ValueSet[],
  options: HistogramOptions = {}
): Figure {
  const all: readonly ValueSet[] = isValueSets(sets) ? list(sets) : [{ values: sets as readonly Datum[] }];
  const bins =
    options.binSize !== undefined || options.start !== undefined || options.end !== undefined
      ? {
          xbins: {
            ...(options.start !== undefined ? { start: options.start } : {}),
            ...(options.end !== undefined ? { end: options.end } : {}),
            ...(options.binSize !== undefined ? { size: options.binSize } : {})
          }
        }
      : options.bins !== undefined
        ? { nbinsx: options.bins }
        : {};
  const data: Trace[] = all.map((set) => ({
    type: 'histogram',
    ...(set.name !== undefined ? { name: set.name } : {}),
    x: values(set.values),
    ...bins,
    ...(options.normalize ? { histnorm: options.normalize } : {}),
    ...(all.length > 1 && (options.mode ?? 'overlay') === 'overlay' ? { opacity: 0.6 } : {})
  }));
  const yTitle = options.yTitle ?? (options.normalize ? options.normalize : 'count');
  return {
    data,
    layout: layoutFor({ ...options, yTitle }, data.length, { barmode: options.mode ?? 'overlay' }),
    config: CONFIG
  };
}

function isValueSets(value: unknown): value is ValueSet | readonly ValueSet[] {
  if (Array.isArray(value))
    return value.length > 0 && typeof value[0] === 'object' && value[0] !== null && 'values' in value[0];
  return typeof value === 'object' && value !== null && 'values' in value;
}

/**
 * A matrix of values (activity by weekday and hour, answers by question and option).
 *
 * @example
 * showChart(heatmap({ z: [[1, 2], [3, 4]], x: ['Mon', 'Tue'], y: ['video', 'problem'] }, { title: 'Events by day and kind', zTitle: 'events' }));
 */
export function heatmap(input: HeatmapData, options: HeatmapOptions = {}): Figure {
  const trace: Trace = {
    type: 'heatmap',
    z: input.z.map(values),
    ...(input.x ? { x: values(input.x) } : {}),
    ...(input.y ? { y: values(input.y) } : {}),
    // Plotly's 'Blues' runs dark to light; reversed, larger counts are darker.
    ...(options.colorscale ? { colorscale: options.colorscale } : { colorscale: 'Blues', reversescale: true }),
    ...(options.zTitle ? { colorbar: { title: { text: options.zTitle } } } : {})
  };
  const x = axisFor(trace.x ?? []);
  const y = axisFor(trace.y ?? []);
  const categorical: Layout = { xaxis: x, yaxis: y.type === 'category' ? { ...y, autorange: 'reversed' } : y };
  return { data: [trace], layout: layoutFor(options, 1, categorical), config: CONFIG };
}

/** Options of {@link showChart}. */
export interface ShowChartOptions {
  /**
   * Include the plotly.js bundle in this output: 'auto' (default) for the first chart of the
   * kernel session only, 'always' or 'never'.
   */
  bundle?: 'auto' | 'always' | 'never';
  /** Where to display (default: the notebook inside a kernel, else a one-line text summary). */
  sink?: DisplaySink;
}

const SESSION_KEY = '__samcedPlotlyBundleShown';

/** Forgets that the bundle was shown, so the next chart carries it again (for tests). */
export function resetChartSession(): void {
  delete (globalThis as Record<string, unknown>)[SESSION_KEY];
}

/**
 * Displays a figure as a text/html output that draws offline in classic Notebook, VS Code and
 * the HTML report. The first chart of a kernel session also carries the plotly.js bundle
 * (about 4.8 MB, once per notebook); later charts are a <div> plus a small Plotly.newPlot script.
 * The flag lives on globalThis, so it survives tslab reloading edited modules.
 *
 * @example
 * showChart(barChart({ x: ['a', 'b'], y: [1, 2] }, { title: 'Two bars' })); // the first chart also carries plotly.js
 */
export function showChart(figure: Figure, options: ShowChartOptions = {}): void {
  const sink = options.sink ?? currentSink();
  if (!sink.rich) {
    const kinds = [...new Set(figure.data.map((trace) => trace.type))].join(', ');
    sink.text(
      `[chart: ${figure.layout.title?.text ?? 'untitled'} (${figure.data.length} ${kinds} trace${figure.data.length === 1 ? '' : 's'})]`
    );
    return;
  }
  const state = globalThis as Record<string, unknown>;
  const mode = options.bundle ?? 'auto';
  const withBundle = mode === 'always' || (mode === 'auto' && !state[SESSION_KEY]);
  if (withBundle) state[SESSION_KEY] = true;
  sink.html((withBundle ? plotlyBundleScript() + '\n' : '') + chartHtml(figure));
}
