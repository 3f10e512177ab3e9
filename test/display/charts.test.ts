import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  barChart,
  heatmap,
  histogram,
  lineChart,
  resetChartSession,
  seriesFromRows,
  showChart
} from '../../kernel-lib/display/charts';
import { memorySink } from '../../kernel-lib/display/display-sink';
import {
  chartHtml,
  countChartDivs,
  PLOTLY_BUNDLE_ATTRIBUTE,
  stripPlotlyBundles
} from '../../kernel-lib/display/plotly-html';

test('barChart: one trace per series, categories on x, dates and bigints made plain', () => {
  const figure = barChart(
    { name: 'learners', x: [new Date('2024-01-01T00:00:00Z'), 'b'], y: [5n, 2] },
    { title: 'T', xTitle: 'video', yTitle: 'learners' }
  );
  assert.deepEqual(figure.data, [{ type: 'bar', name: 'learners', x: ['2024-01-01', 'b'], y: [5, 2] }]);
  assert.equal(figure.layout.title?.text, 'T');
  assert.equal(figure.layout.xaxis?.title?.text, 'video');
  assert.equal(figure.layout.xaxis?.type, 'category');
  assert.deepEqual(
    [figure.layout.xaxis?.categoryorder, figure.layout.xaxis?.categoryarray],
    ['array', ['2024-01-01', 'b']]
  );
  assert.equal(figure.layout.yaxis?.title?.text, 'learners');
  assert.equal(figure.layout.barmode, 'group');
  assert.equal(figure.layout.showlegend, false);
});

test('barChart: numbers make a numeric axis, dates a date axis, categories keep the given order', () => {
  // grades first seen as 0.5, 1, 0.3: a category axis would show them in that order
  const grades = barChart(
    [
      { name: 'Quiz 1', x: [0.5, 1], y: [2, 3] },
      { name: 'Quiz 2', x: [0.3, 0], y: [1, 1] }
    ],
    { barWidth: 0.08 }
  );
  assert.equal(grades.layout.xaxis?.type, 'linear');
  assert.equal(grades.layout.xaxis?.categoryarray, undefined);
  assert.equal(grades.data[0].width, 0.08);
  const days = barChart({ x: ['2026-01-02', '2026-01-01'], y: [1, 2] });
  assert.equal(days.layout.xaxis?.type, 'date');
  const answers = barChart({ x: ['Yes', 'No'], y: [1, 2] }, { categories: ['No', 'Maybe', 'Yes'] });
  assert.deepEqual(answers.layout.xaxis, {
    automargin: true,
    type: 'category',
    categoryorder: 'array',
    categoryarray: ['No', 'Maybe', 'Yes']
  });
  const twoSeries = barChart([
    { name: 'a', x: ['p', 'q'], y: [1, 1] },
    { name: 'b', x: ['r', 'p'], y: [1, 1] }
  ]);
  assert.deepEqual(twoSeries.layout.xaxis?.categoryarray, ['p', 'q', 'r'], 'first appearance over all series');
  const line = lineChart({ x: [0, 5, 10], y: [3, 2, 1] });
  assert.equal(line.layout.xaxis?.type, 'linear');
});

test('barChart: stacked and horizontal variants', () => {
  const stacked = barChart(
    [
      { name: 'play', x: ['v1'], y: [3] },
      { name: 'pause', x: ['v1'], y: [1] }
    ],
    { mode: 'stack' }
  );
  assert.equal(stacked.data.length, 2);
  assert.equal(stacked.layout.barmode, 'stack');
  assert.equal(stacked.layout.showlegend, true);
  const horizontal = barChart(
    { x: ['yes', 'no'], y: [10, 4] },
    { orientation: 'h', xTitle: 'answer', yTitle: 'learners' }
  );
  assert.deepEqual(horizontal.data[0], { type: 'bar', x: [10, 4], y: ['yes', 'no'], orientation: 'h' });
  assert.equal(horizontal.layout.yaxis?.title?.text, 'answer');
  assert.equal(horizontal.layout.xaxis?.title?.text, 'learners');
});

test('lineChart: lines from zero by default, markers on request', () => {
  const figure = lineChart({ x: [0, 5], y: [10, 8] });
  assert.deepEqual(figure.data, [{ type: 'scatter', mode: 'lines', x: [0, 5], y: [10, 8] }]);
  assert.equal(figure.layout.yaxis?.rangemode, 'tozero');
  const marked = lineChart([{ name: 'a', x: [1], y: [1] }], { markers: true, yFromZero: false });
  assert.equal(marked.data[0].mode, 'lines+markers');
  assert.equal(marked.layout.yaxis?.rangemode, undefined);
});

test('histogram: raw values, fixed bins, several overlaid sets, normalisation', () => {
  const simple = histogram([0.5, 1, 1]);
  assert.deepEqual(simple.data, [{ type: 'histogram', x: [0.5, 1, 1] }]);
  assert.equal(simple.layout.yaxis?.title?.text, 'count');
  const binned = histogram(
    { name: 'grades', values: [1, 2] },
    { start: 0, end: 1, binSize: 0.1, normalize: 'percent' }
  );
  assert.deepEqual(binned.data[0].xbins, { start: 0, end: 1, size: 0.1 });
  assert.equal(binned.data[0].histnorm, 'percent');
  assert.equal(binned.layout.yaxis?.title?.text, 'percent');
  const two = histogram(
    [
      { name: 'a', values: [1] },
      { name: 'b', values: [2] }
    ],
    { bins: 5 }
  );
  assert.deepEqual(
    two.data.map((trace) => [trace.name, trace.nbinsx, trace.opacity]),
    [
      ['a', 5, 0.6],
      ['b', 5, 0.6]
    ]
  );
  assert.equal(two.layout.barmode, 'overlay');
});

test('heatmap: z rows with labelled axes', () => {
  const figure = heatmap(
    {
      z: [
        [1, 2],
        [3n, null]
      ],
      x: ['00', '01'],
      y: ['Mon', 'Tue']
    },
    { zTitle: 'events' }
  );
  assert.deepEqual(figure.data, [
    {
      type: 'heatmap',
      z: [
        [1, 2],
        [3, null]
      ],
      x: ['00', '01'],
      y: ['Mon', 'Tue'],
      colorscale: 'Blues',
      reversescale: true,
      colorbar: { title: { text: 'events' } }
    }
  ]);
  assert.equal(heatmap({ z: [[1]] }, { colorscale: 'Viridis' }).data[0].reversescale, undefined);
});

test('seriesFromRows splits by group in order of first appearance', () => {
  const rows = [
    { day: '2024-01-01', type: 'play', n: 3n },
    { day: '2024-01-01', type: 'pause', n: 1n },
    { day: '2024-01-02', type: 'play', n: 4n }
  ];
  assert.deepEqual(seriesFromRows(rows, { x: 'day', y: 'n', group: 'type' }), [
    { name: 'play', x: ['2024-01-01', '2024-01-02'], y: [3n, 4n] },
    { name: 'pause', x: ['2024-01-01'], y: [1n] }
  ]);
  assert.deepEqual(seriesFromRows(rows.slice(0, 1), { x: 'day', y: 'n' }), [{ x: ['2024-01-01'], y: [3n] }]);
});

function figureOf(html: string): { data: unknown[]; layout: Record<string, unknown> } {
  const match = /figure = (\{.*\}), tries/.exec(html);
  assert.ok(match, 'chart script carries the figure');
  return JSON.parse(match[1]);
}

test('chartHtml is a keyed div plus a draw script, identical for identical figures', () => {
  const figure = barChart({ x: ['</script><b>'], y: [1] }, { title: 'a<b' });
  const html = chartHtml(figure);
  assert.equal(html, chartHtml(barChart({ x: ['</script><b>'], y: [1] }, { title: 'a<b' })));
  assert.equal(countChartDivs(html), 1);
  assert.equal((html.match(/<\/script>/g) ?? []).length, 1, 'the figure text cannot close the script');
  assert.deepEqual(figureOf(html).data, [{ type: 'bar', x: ['</script><b>'], y: [1] }]);
  assert.notEqual(
    /data-samced-chart="(\w+)"/.exec(html)?.[1],
    /data-samced-chart="(\w+)"/.exec(chartHtml(lineChart({ x: [1], y: [1] })))?.[1]
  );
});

test('showChart: the first chart of a session carries the plotly bundle, later ones do not', () => {
  resetChartSession();
  const sink = memorySink();
  showChart(barChart({ x: ['a'], y: [1] }), { sink });
  showChart(lineChart({ x: [1], y: [2] }), { sink });
  showChart(lineChart({ x: [1], y: [3] }), { sink, bundle: 'always' });
  showChart(lineChart({ x: [1], y: [4] }), { sink, bundle: 'never' });
  const bundles = sink.items.map((item) => stripPlotlyBundles(item.value).count);
  assert.deepEqual(bundles, [1, 0, 1, 0]);
  assert.match(sink.items[0].value, new RegExp(`${PLOTLY_BUNDLE_ATTRIBUTE}="\\d+\\.\\d+\\.\\d+"`));
  assert.ok(sink.items[0].value.length > 1_000_000, 'the bundle is the whole plotly.js');
  assert.ok(sink.items[1].value.length < 5_000, 'later charts stay small');
  resetChartSession();
});

test('showChart outside a kernel prints a one-line summary', () => {
  const sink = memorySink(false);
  showChart(
    lineChart(
      [
        { x: [1], y: [1] },
        { x: [1], y: [2] }
      ],
      { title: 'drop-off' }
    ),
    { sink }
  );
  assert.deepEqual(sink.items, [{ kind: 'text', value: '[chart: drop-off (2 scatter traces)]' }]);
});
