/**
 * Plotly figure specs, typed loosely on purpose: the chart helpers fill the common fields and any
 * other Plotly attribute (https://plotly.com/javascript/reference/) can be added by hand.
 */

/** One value on an axis: category, number or date (bigint and DuckDB values are converted when drawn). */
export type Datum = string | number | bigint | boolean | Date | null;

/** A Plotly trace. `type` is 'bar', 'scatter', 'histogram', 'heatmap', ... */
export interface Trace {
  type: string;
  name?: string;
  x?: readonly unknown[];
  y?: readonly unknown[];
  z?: readonly (readonly unknown[])[];
  [attribute: string]: unknown;
}

/** A Plotly axis layout (subset). */
export interface Axis {
  title?: { text?: string };
  type?: 'linear' | 'log' | 'date' | 'category';
  automargin?: boolean;
  rangemode?: 'normal' | 'tozero' | 'nonnegative';
  [attribute: string]: unknown;
}

/** A Plotly layout (subset). */
export interface Layout {
  title?: { text?: string };
  xaxis?: Axis;
  yaxis?: Axis;
  height?: number;
  width?: number;
  barmode?: 'group' | 'stack' | 'overlay' | 'relative';
  showlegend?: boolean;
  [attribute: string]: unknown;
}

/** Plotly config (subset). */
export interface PlotConfig {
  responsive?: boolean;
  displaylogo?: boolean;
  staticPlot?: boolean;
  [attribute: string]: unknown;
}

/**
 * A figure: what `Plotly.newPlot(element, data, layout, config)` takes.
 *
 * @example
 * const figure: Figure = barChart({ x: ['a', 'b'], y: [1, 2] }, { title: 'Two bars' });
 * figure.layout.yaxis = { ...figure.layout.yaxis, type: 'log' }; // adjust before showing
 * showChart(figure);
 */
export interface Figure {
  data: Trace[];
  layout: Layout;
  config?: PlotConfig;
}
