import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barChart, heatmap, lineChart } from '../../kernel-lib/display/charts';
import { chartSpecProblems, figuresInHtml } from '../../kernel-lib/display/chart-spec';
import { chartHtml } from '../../kernel-lib/display/plotly-html';
import type { Figure } from '../../kernel-lib/display/plotly-figure';

test('a chart with a title, numeric axes as numbers, ordered categories and a legend passes', () => {
  const figure = barChart(
    [
      { name: 'Before the course', x: ['Slightly confident', 'Confident'], y: [3, 1] },
      { name: 'After the course', x: ['Slightly confident', 'Confident'], y: [1, 3] }
    ],
    {
      title: 'How confident are you analysing data?',
      categories: ['Not at all confident', 'Slightly confident', 'Confident']
    }
  );
  assert.deepEqual(chartSpecProblems(figure), []);
  assert.deepEqual(chartSpecProblems(lineChart({ x: [0, 5], y: [4, 3] }, { title: 'Audience' })), []);
});

test('the grade chart of issue 19 fails: categorical numbers in first-seen order', () => {
  const figure: Figure = {
    data: [
      { type: 'bar', name: 'Quiz 1', x: [0.5, 1, 0.3], y: [1, 2, 3] },
      { type: 'bar', name: 'Quiz 2', x: ['0.7', '0'], y: [1, 1] }
    ],
    layout: { title: { text: 'Problem grade distribution' }, xaxis: { type: 'category' }, showlegend: true }
  };
  assert.deepEqual(chartSpecProblems(figure), [
    'x axis is categorical but holds numbers (0.5, 1, 0.3, 0.7, 0)',
    'x axis is categorical without a stated category order'
  ]);
});

test('raw ids in titles, tick labels and trace names, missing legend, names and title are reported', () => {
  const figure: Figure = {
    data: [
      { type: 'bar', name: 'problem_2_1', x: ['choice_0', 'choice_1'], y: [1, 2] },
      { type: 'bar', x: ['choice_0'], y: [1] }
    ],
    layout: {
      xaxis: { type: 'category', categoryorder: 'array', categoryarray: ['choice_0', 'choice_1'] },
      showlegend: false
    }
  };
  assert.deepEqual(chartSpecProblems(figure), [
    'no title',
    '2 traces but no legend',
    'trace 2 of 2 has no name',
    'x axis label shows a raw id: "choice_0"',
    'x axis label shows a raw id: "choice_1"',
    'trace 1 name shows a raw id: "problem_2_1"'
  ]);
  const keys = barChart(
    {
      x: [
        'block-v1:O+C+R+type@problem+block@x',
        'problem_blockv1OCRtypeproblemblock467ae',
        '467ae9713f56a1d8c0c6c5499073c3f4'
      ],
      y: [1, 2, 3]
    },
    { title: 'T' }
  );
  assert.equal(chartSpecProblems(keys).length, 3);
  const hours = heatmap({ z: [[1]], x: ['00'], y: ['Mon'] }, { title: 'Activity' });
  assert.deepEqual(chartSpecProblems(hours), ['x axis is categorical but holds numbers (00)']);
});

test('figuresInHtml reads back the figures a report draws', () => {
  const a = barChart({ x: [1, 2], y: [3, 4] }, { title: 'A </script> "quoted"' });
  const b = lineChart({ x: [0], y: [1] }, { title: 'B' });
  const html = `<p>x</p>${chartHtml(a)}<div>${chartHtml(b)}</div>`;
  const figures = figuresInHtml(html);
  assert.deepEqual(
    figures.map((f) => f.layout.title?.text),
    ['A </script> "quoted"', 'B']
  );
  assert.deepEqual(figures[0]!.data, a.data);
});
