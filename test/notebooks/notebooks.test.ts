import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { CodeCell, Notebook, Output } from '../../kernel-lib/runner/notebook-format';
import { projectNotebooks, runNotebook, type NotebookRunResult } from '../../kernel-lib/runner/run';
import { dropProvenance, type DropSummary } from '../../kernel-lib/runner/provenance';
import type { RunRecord } from '../../kernel-lib/runner/run-record';
import { chartSpecProblems, figuresInHtml } from '../../kernel-lib/display/chart-spec';
import type { Figure } from '../../kernel-lib/display/plotly-figure';
import { memoryLogger } from '../../kernel-lib/util/effects';
import { findChromium } from '../fixtures/chromium';
import { mapInParallel } from '../../kernel-lib/util/parallel';

// Every notebook of notebooks/ runs headless on the embedded sample drop, in a fresh kernel each (two at a
// time), with outDir pointing into a temporary folder. The expected values come from data/STORYLINE.md
// (scripted learners 1001-1004) and data/README.md, worked out by hand.

const root = resolve('.');
const sample = join(root, 'data', 'sample-drop');
const gpgFile = join(sample, 'edx-course-data/samcedx/edx/events/2026/samcedx-edx-events-2026-01-20.log.gz.gpg');
let work: string;
let outputs: string;
let gpgSha256Before: string;
const runs = new Map<string, NotebookRunResult>();
let wallMs = 0;

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'samced-notebooks-test-'));
  outputs = join(work, 'outputs');
  gpgSha256Before = sha256(gpgFile);
  const started = Date.now();
  await mapInParallel(await projectNotebooks(root), 2, async (file) => {
    const result = await runNotebook(file, {
      outDir: join(work, 'reports'),
      root,
      parameters: { outDir: outputs, storeDir: join(work, 'event-store') },
      skipUndeclared: true,
      // 10-compare-runs' first cell indexes every daily file of the sample into a new event store
      cellTimeoutMs: file.endsWith('10-compare-runs.ipynb') ? 600_000 : 180_000,
      provenance: dropProvenance(),
      effects: { logger: memoryLogger() }
    });
    runs.set(basename(file, '.ipynb'), result);
  });
  wallMs = Date.now() - started;
});

after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

// ---- reading outputs -----------------------------------------------------------------------------------

function executed(name: string): Notebook {
  const run = runs.get(name);
  assert.ok(run, `${name} was not run`);
  return run.executed;
}

function cell(name: string, id: string): CodeCell {
  const found = executed(name).cells.find((c) => c.id === id);
  assert.ok(found && found.cell_type === 'code', `${name}: no code cell ${id}`);
  return found as CodeCell;
}

function htmlOf(output: Output): string {
  const data = (output as { data?: Record<string, string | string[]> }).data;
  const html = data?.['text/html'];
  return html === undefined ? '' : Array.isArray(html) ? html.join('') : html;
}

function markdownOf(output: Output): string {
  const data = (output as { data?: Record<string, string | string[]> }).data;
  const text = data?.['text/markdown'];
  return text === undefined ? '' : Array.isArray(text) ? text.join('') : text;
}

interface ShownTable {
  caption: string;
  columns: string[];
  rows: (string | null)[][];
  note: string;
}

const unescapeHtml = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The tables a cell displayed with showTable/showQuery: caption, header, cells (null for NULL) and row note. */
function tables(name: string, id: string): ShownTable[] {
  return cell(name, id)
    .outputs.map(htmlOf)
    .filter((html) => html.includes('<div class="samced-table">'))
    .map((html) => ({
      caption: unescapeHtml(/<caption>(.*?)<\/caption>/s.exec(html)?.[1] ?? ''),
      columns: [...(/<thead>(.*?)<\/thead>/s.exec(html)?.[1] ?? '').matchAll(/<th>(.*?)<\/th>/gs)].map((m) =>
        unescapeHtml(m[1]!)
      ),
      rows: [...(/<tbody>(.*?)<\/tbody>/s.exec(html)?.[1] ?? '').matchAll(/<tr>(.*?)<\/tr>/gs)].map((row) =>
        [...row[1]!.matchAll(/<td( style="color:#999")?[^>]*>(.*?)<\/td>/gs)].map((m) =>
          m[1] ? null : unescapeHtml(m[2]!)
        )
      ),
      note: unescapeHtml(/<p class="samced-table-note"[^>]*>(.*?)<\/p>/s.exec(html)?.[1] ?? '')
    }));
}

/** One table as row objects keyed by column name. */
function records(table: ShownTable): Record<string, string | null>[] {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((column, i) => [column, row[i] ?? null])));
}

function chartCount(notebook: Notebook): number {
  return notebook.cells
    .filter((c): c is CodeCell => c.cell_type === 'code')
    .flatMap((c) => c.outputs)
    .filter((o) => htmlOf(o).includes('<div class="samced-chart"')).length;
}

// ---- every notebook ------------------------------------------------------------------------------------

const EXPECTED_CHARTS: Record<string, number> = {
  '00-explore': 1,
  '01-sync': 0,
  '02-course-run': 1,
  '03-video': 6,
  '04-forum': 2,
  '05-survey': 7,
  '06-problems-textbook-pages': 4,
  '07-email-opt-in': 0,
  '08-events-for-user': 1,
  '09-samced': 1,
  '10-compare-runs': 8
};

test('all ten notebooks ran to the end without error or stderr output', (t) => {
  assert.deepEqual([...runs.keys()].sort(), Object.keys(EXPECTED_CHARTS));
  for (const [name, run] of runs) {
    assert.equal(run.status, 'ok', `${name}: ${run.failure?.message}`);
    const outputs = run.executed.cells.filter((c): c is CodeCell => c.cell_type === 'code').flatMap((c) => c.outputs);
    assert.deepEqual(
      outputs.filter((o) => o.output_type === 'error'),
      [],
      name
    );
    assert.deepEqual(
      outputs.filter((o) => o.output_type === 'stream' && o.name === 'stderr'),
      [],
      name
    );
    assert.ok(existsSync(run.reportPath), run.reportPath);
    const { timings } = run.executed.metadata.samced as RunRecord;
    const total = timings.kernelStartMs + timings.cellMs.reduce((a, b) => a + b, 0);
    t.diagnostic(
      `${name}: ${(total / 1000).toFixed(1)} s (kernel start ${(timings.kernelStartMs / 1000).toFixed(1)} s)`
    );
  }
  t.diagnostic(`all notebooks, two at a time: ${(wallMs / 1000).toFixed(1)} s`);
});

test('each notebook draws the expected number of charts', () => {
  for (const name of Object.keys(EXPECTED_CHARTS))
    assert.equal(chartCount(executed(name)), EXPECTED_CHARTS[name], name);
});

test('the reports folder holds plotly.js once, as plotly.min.js, and stays under 10 MB', () => {
  const reports = join(work, 'reports');
  const names = readdirSync(reports);
  assert.ok(names.includes('plotly.min.js'));
  const marker = readFileSync(join(reports, 'plotly.min.js'), 'latin1').slice(2_000_000, 2_000_120);
  const withBundle = names.filter((name) => readFileSync(join(reports, name), 'latin1').includes(marker));
  assert.deepEqual(withBundle, ['plotly.min.js']);
  const bytes = names.reduce((n, name) => n + statSync(join(reports, name)).size, 0);
  assert.ok(bytes < 10_000_000, `${bytes} bytes`);
});

// ---- chart specs: what a researcher reads ------------------------------------------------------------

function reportFigures(name: string): Figure[] {
  const run = runs.get(name);
  assert.ok(run, `${name} was not run`);
  return figuresInHtml(readFileSync(run.reportPath, 'utf8'));
}

test('every chart of every report: a title, numeric axes not categorical, stated category orders, legends, no raw ids', () => {
  for (const name of Object.keys(EXPECTED_CHARTS)) {
    const figures = reportFigures(name);
    assert.equal(figures.length, EXPECTED_CHARTS[name], `${name}: figures in the report`);
    figures.forEach((figure, i) => {
      assert.deepEqual(chartSpecProblems(figure), [], `${name}, chart ${i + 1} "${figure.layout.title?.text}"`);
    });
  }
});

const chromium = findChromium('the report screenshots');

test('each report draws its charts in headless Chromium; screenshots kept under test-artifacts/', {
  skip: chromium ? false : 'chromium not installed (apt-get install -y chromium)'
}, async (t) => {
  const dir = resolve('test-artifacts', 'reports');
  await mkdir(dir, { recursive: true });
  for (const name of Object.keys(EXPECTED_CHARTS)) {
    const profile = await mkdtemp(join(tmpdir(), 'samced-chromium-'));
    const screenshot = join(dir, `${name}.png`);
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
        '--window-size=1100,4000',
        '--virtual-time-budget=15000',
        `--screenshot=${screenshot}`,
        '--dump-dom',
        'file://' + runs.get(name)!.reportPath
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 90_000 }
    );
    await rm(profile, { recursive: true, force: true });
    assert.equal(result.status, 0, `${name}: ${result.stderr}`);
    const charts = result.stdout.split('<div class="samced-chart').slice(1);
    assert.equal(charts.length, EXPECTED_CHARTS[name], name);
    charts.forEach((chunk, i) => {
      assert.match(chunk.slice(0, 200_000), /<svg class="main-svg"/, `${name}: chart ${i + 1} drawn`);
    });
    const png = await readFile(screenshot);
    assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], name);
    t.diagnostic(`${name}: ${screenshot}`);
  }
});

test('the committed notebooks carry no outputs and name the tslab kernel', () => {
  for (const run of runs.values()) {
    const committed = JSON.parse(readFileSync(run.notebook, 'utf8')) as Notebook;
    assert.equal((committed.metadata.kernelspec as { name: string }).name, 'tslab');
    const code = committed.cells.filter((c): c is CodeCell => c.cell_type === 'code');
    assert.ok(
      code[0]?.metadata.tags?.includes('parameters'),
      `${run.notebook}: the first code cell is tagged parameters`
    );
    for (const c of code) {
      assert.deepEqual(c.outputs, []);
      assert.equal(c.execution_count, null);
    }
  }
});

test('the run record names the sample drop each notebook read', () => {
  const drops = (name: string) =>
    ((executed(name).metadata.samced as RunRecord).provenance as { drops?: Record<string, DropSummary> }).drops;
  assert.equal(drops('01-sync')?.data?.path, 'data/sample-drop');
  assert.equal(drops('02-course-run')?.data?.path, 'data/sample-drop');
  assert.equal(drops('02-course-run')?.data?.contentSha256, drops('09-samced')?.data?.contentSha256);
});

// ---- 01 sync -------------------------------------------------------------------------------------------

test('01: lists the one encrypted file and decrypts it into outDir, leaving the sample unchanged', () => {
  const [encrypted] = tables('01-sync', 'encrypted-files');
  assert.deepEqual(
    encrypted!.rows.map((row) => row[0]),
    ['edx-course-data/samcedx/edx/events/2026/samcedx-edx-events-2026-01-20.log.gz.gpg']
  );
  assert.match(markdownOf(cell('01-sync', 'sync').outputs[0]!), /Offline/);
  assert.equal(sha256(gpgFile), gpgSha256Before, 'the .gpg file is kept as it was');
  const copy = join(outputs, 'edx-course-data/samcedx/edx/events/2026/samcedx-edx-events-2026-01-20.log.gz');
  const lines = gunzipSync(readFileSync(copy))
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '');
  const [shown] = tables('01-sync', 'decrypted-lines');
  assert.equal(
    shown!.caption,
    `edx-course-data/samcedx/edx/events/2026/samcedx-edx-events-2026-01-20.log.gz: gzip yes, ${lines.length} lines`
  );
  assert.deepEqual(records(shown!)[0]!.time, (JSON.parse(lines[0]!) as { time: string }).time);
  assert.ok(lines.some((line) => line.includes('"course-v1:SamcedX+DATA101+1T2026"')));
});

// ---- 02 course run -------------------------------------------------------------------------------------

test('02: three snapshots, the original rule picks 2026-02-15; 56 edx + 3 edge files; 9 duplicates dropped', () => {
  const [snapshots] = tables('02-course-run', 'snapshots');
  assert.deepEqual(
    records(snapshots!).map((r) => [r.date, r.picked]),
    [
      ['2025-12-07', ''],
      ['2026-01-11', ''],
      ['2026-02-15', 'yes (first on or after 2026-02-08)']
    ]
  );
  const [sites] = tables('02-course-run', 'event-files');
  assert.deepEqual(
    records(sites!).map((r) => [r.site, r.files, r.encrypted, r.first, r.last]),
    [
      ['edx', '56', '1', '2025-12-15', '2026-02-08'],
      ['edge', '3', '0', '2026-01-05', '2026-01-07']
    ]
  );
  const summary = Object.fromEntries(tables('02-course-run', 'events-summary')[0]!.rows.map((r) => [r[0], r[1]]));
  assert.equal(summary['daily files read'], '59');
  assert.equal(summary['encrypted files read in place'], '1');
  assert.equal(summary['exact duplicate lines dropped'], '9', 'each edge file repeats 3 edx lines');
  assert.equal(summary['bad lines skipped'], '0');
});

// ---- 00 explore ----------------------------------------------------------------------------------------

test('00: the tables with their row counts, the example queries, and the same events through arquero and danfo', () => {
  const events = Object.fromEntries(tables('02-course-run', 'events-summary')[0]!.rows.map((r) => [r[0], r[1]]))[
    'events of the course run'
  ];
  const listed = records(tables('00-explore', 'tables')[0]!);
  assert.equal(listed.find((r) => r.table === 'events')?.rows, events);
  for (const table of ['course_structure', 'forum', 'student_courseenrollment'])
    assert.ok(
      listed.some((r) => r.table === table),
      table
    );
  // schema main holds the documented tables only: the personal ones and the loader's own are elsewhere
  for (const table of ['auth_user', 'user_id_map', 'event_lines', 'cut_files', 'event_line_copies'])
    assert.ok(!listed.some((r) => r.table === table), table);
  const [furthest] = tables('00-explore', 'query-json');
  assert.deepEqual([furthest!.columns, furthest!.rows.length], [['video', 'title', 'user_id', 'furthest_s'], 8]);
  const bySource = records(tables('00-explore', 'arquero')[0]!);
  assert.equal(
    bySource.reduce((n, r) => n + Number(r.events), 0),
    Number(events)
  );
  assert.match(markdownOf(cell('00-explore', 'danfo').outputs[0]!), /^danfo: \d+ learners with events; /);
});

// ---- 03 video ------------------------------------------------------------------------------------------

const V1 = 'd1a7e5c0c2b14f5f9a3e6b1c0f2e4a11';
const V2 = 'e2b8f6d1d3c25060ab4f7c2d1a3f5b22';

test("03: learner 1001's video event counts (browser V1, mobile V2)", () => {
  const rows = records(tables('03-video', 'learner-videos')[0]!);
  const counts = rows.map((r) => [
    r.video_event_id,
    r.load_video,
    r.play_video,
    r.pause_video,
    r.stop_video,
    r.seek_video,
    r.speed_change_video,
    r.show_transcript,
    r.hide_transcript,
    r.video_show_cc_menu
  ]);
  assert.deepEqual(counts, [
    [V1, '1', '3', '2', '1', '1', '1', '1', '1', null],
    [V2, '1', '2', '1', '1', null, null, null, null, null]
  ]);
});

test("03: learner 1001's watch time: V1 seconds 0-99 over 3 views, V2 118 of 120 s, completed", () => {
  // V1: 0-12.3, 12.3-40.1 and 3-100 (after the seek back) cover seconds 0..99; the complete-end point is
  // max(120 - 30, 0.95 x 120) = 114, not reached. V2: 0-60 and 60-118 cover 0..117: 118 >= 114.
  const rows = records(tables('03-video', 'learner-watch')[0]!);
  assert.deepEqual(
    rows.map((r) => [
      r.video_id,
      r.seconds_watched,
      r.views,
      r.completed,
      r.reached_end,
      r.duration_s,
      r.duration_source
    ]),
    [
      [V1, '100', '3', '0', '0', '120', 'structure'],
      [V2, '118', '2', '1', '1', '120', 'event']
    ]
  );
});

test('03: the drop-off chart is the audience curve (share of viewers); share-watched bins end at 100 %', () => {
  const figures = reportFigures('03-video');
  const dropOff = figures.find((f) => /^Drop-off:/.test(f.layout.title?.text ?? ''));
  assert.equal(dropOff?.layout.yaxis?.title?.text, '% of viewers');
  const bins = records(tables('03-video', 'watch-distribution')[0]!);
  assert.deepEqual(
    bins.map((r) => r.watched),
    ['0-10 %', '10-20 %', '20-30 %', '30-40 %', '40-50 %', '50-60 %', '60-70 %', '70-80 %', '80-90 %', '90-100 %']
  );
  const share = figures.find((f) => /Share of the video watched/.test(f.layout.title?.text ?? ''));
  assert.deepEqual(share?.data[0]?.x, [5, 15, 25, 35, 45, 55, 65, 75, 85, 95]);
  assert.equal(share?.data[0]?.width, 10);
});

// ---- 04 forum ------------------------------------------------------------------------------------------

function mongoMillis(value: unknown): number {
  const date = (value as { $date: unknown }).$date;
  if (typeof date === 'number') return date;
  if (typeof date === 'string') return Date.parse(date);
  return Number((date as { $numberLong: string }).$numberLong);
}

test('04: T1, R1, C1 and T2 get the numbers of their creation order in the dump', () => {
  // Number every post of the picked snapshot's dump by created_at (any of the three forms), ties by line.
  const dump = readFileSync(join(sample, 'course-data/samcedx-2026-02-15/SamcedX-DATA101-1T2026-prod.mongo'), 'utf8');
  const posts = dump
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const doc = JSON.parse(line) as { _id: { $oid: string } | string; created_at: unknown };
      return { id: typeof doc._id === 'string' ? doc._id : doc._id.$oid, at: mongoMillis(doc.created_at), index };
    });
  posts.sort((a, b) => a.at - b.at || a.index - b.index);
  const number = (oid: string) => String(posts.findIndex((p) => p.id === oid) + 1);
  const [t1, r1, c1, t2] = [
    '695f80205a3ced0000000001',
    '695f8e305a3ced0000000002',
    '695f9c405a3ced0000000003',
    '6960c3905a3ced0000000004'
  ].map(number);
  const rows = records(tables('04-forum', 'learner-posts')[0]!);
  assert.deepEqual(
    rows.map((r) => [r.id, r.poster, r.thread, r.response_to, r.post_type, r.created_at]),
    [
      [t1, '1003', t1, null, 'CommentThread', '2026-01-08 10:00:00'],
      [r1, '1004', t1, null, 'Comment', '2026-01-08 11:00:00'],
      [c1, '1003', t1, r1, 'Comment', '2026-01-08 12:00:00'],
      [t2, '1004', t2, null, 'CommentThread', '2026-01-09 09:00:00']
    ]
  );
});

// ---- 05 survey -----------------------------------------------------------------------------------------

test('05: each choice question charted under its question text with its choice texts in order; pre against post', () => {
  const figures = reportFigures('05-survey');
  const useful = figures.find((f) => f.layout.title?.text?.includes('How useful was the course?'));
  assert.ok(useful, 'a chart titled with the post-survey question');
  assert.deepEqual(useful.layout.yaxis?.categoryarray, [
    'Not useful',
    'Slightly useful',
    'Moderately useful',
    'Very useful',
    'Extremely useful'
  ]);
  const paired = figures.find((f) =>
    /How confident are you analysing data\?: pre against post/.test(f.layout.title?.text ?? '')
  );
  assert.ok(paired, 'a pre-against-post chart');
  assert.deepEqual(
    paired.data.map((trace) => trace.name),
    ['pre-survey', 'post-survey']
  );
  assert.equal(paired.layout.showlegend, true);
  const change = figures.find((f) => /change per learner/.test(f.layout.title?.text ?? ''));
  assert.equal(change?.layout.xaxis?.type, 'linear');
  assert.deepEqual(change?.data[0]?.x, [-4, -3, -2, -1, 0, 1, 2, 3, 4]);
  // learner 1002 (STORYLINE.md): Slightly confident before, Confident after
  assert.deepEqual(
    records(tables('05-survey', 'prepost-learner').find((t) => t.caption === 'Paired answers of learner 1002')!),
    [{ question: 'How confident are you analysing data?', pre: 'Slightly confident', post: 'Confident', change: '2' }]
  );
  const [participation] = tables('05-survey', 'prepost');
  const both = Number(participation!.rows.find((r) => r[0] === 'answered both')![1]);
  assert.equal(
    paired.data.map((trace) => (trace.y as number[]).reduce((a, b) => a + b, 0)).join(','),
    `${both},${both}`,
    'every paired learner once per survey'
  );
  const html = readFileSync(runs.get('05-survey')!.reportPath, 'utf8');
  assert.doesNotMatch(
    html,
    /I want &quot;data&quot; skills|I want "data" skills/,
    "1002's free-text answer is not shown"
  );
});

test("05: learner 1002's merged pre-survey answers and post-survey answer, choices as texts, free text not shown", () => {
  const [pre, post] = tables('05-survey', 'learner-answers').map(records);
  assert.deepEqual(pre, [
    {
      user_id: '1002',
      time: '2025-12-20 09:00:00',
      problem_2_1: 'Teacher or researcher',
      problem_3_1: 'Spreadsheets; Python',
      problem_4_1: '(free text, not shown)',
      problem_5_1: 'Slightly confident'
    }
  ]);
  assert.equal(post![0]!.problem_2_1, 'Moderately useful');
  assert.equal(post![0]!.problem_4_1, 'Confident');
  assert.equal(post![0]!.time, '2026-02-05 15:00:00');
  const [parameters] = tables('05-survey', 'matching');
  assert.deepEqual(parameters!.rows, [
    ['pre', 'exact', 'Pre-course survey'],
    ['post', 'exact', 'Post-survey']
  ]);
});

// ---- 06 problems, textbook, pages ----------------------------------------------------------------------

test('06: grades on a numeric axis for graded problems only; problem_<id> tables looked up by title', () => {
  const grades = reportFigures('06-problems-textbook-pages').find((f) =>
    /share of points/.test(f.layout.title?.text ?? '')
  );
  assert.equal(grades?.layout.xaxis?.type, 'linear');
  assert.deepEqual(
    grades?.data.map((trace) => trace.name),
    ['Quiz 1', 'Quiz 2', 'Quiz 3'],
    'surveys are not graded problems; the essay check has no grade'
  );
  const lookup = records(tables('06-problems-textbook-pages', 'problem-tables')[0]!);
  assert.deepEqual(
    lookup.map((r) => [r.problem, r.graded]),
    [
      ['Pre-course survey', 'false'],
      ['Quiz 1', 'true'],
      ['Essay check', 'true'],
      ['Quiz 2', 'true'],
      ['Quiz 3', 'true'],
      ['Post-survey', 'false']
    ]
  );
  assert.equal(lookup[0]!.table, 'problem_blockv1SamcedXDATA1011T2026typeproblemblockpresurvey');
  const textbook = reportFigures('06-problems-textbook-pages').find((f) =>
    /textbook/.test(f.layout.title?.text ?? '')
  )!;
  const learners = textbook.data[0]!.x as number[];
  assert.deepEqual(
    [...learners],
    [...learners].sort((a, b) => b - a),
    'bars sorted by the learners they show'
  );
});

test("06: learner 1002's problem events and latest checks", () => {
  const [activity] = tables('06-problems-textbook-pages', 'problem-activity').map(records);
  assert.equal(activity!.length, 1, 'learner 1003 has no problem events');
  const counts = Object.fromEntries(Object.entries(activity![0]!).filter(([, value]) => value !== null));
  assert.deepEqual(counts, {
    user_id: '1002',
    problem_check_server: '6',
    problem_check_browser: '1',
    problem_show: '1',
    showanswer: '1',
    'edx.problem.hint.demandhint_displayed': '1'
  });
  const latest = records(tables('06-problems-textbook-pages', 'problem-tables')[1]!);
  assert.deepEqual(
    latest.map((r) => [r.problem, r.attempts, r.grade, r.max_grade, r.success]),
    [
      ['Pre-course survey', '2', '1', '3', 'incorrect'],
      ['Quiz 1', '2', '2', '2', 'correct'],
      ['Essay check', '1', null, '5', 'incorrect'],
      ['Post-survey', '1', '1', '2', 'incorrect']
    ]
  );
  const essay = records(tables('06-problems-textbook-pages', 'studentmodule')[0]!).find(
    (r) => r.problem === 'Essay check'
  );
  assert.equal(essay?.studentmodule_grade, '4', 'graded by staff after the 2026-01-11 snapshot');
});

test("06: learner 1003's textbook events and page-view days", () => {
  const textbook = records(tables('06-problems-textbook-pages', 'textbook')[0]!);
  assert.deepEqual(
    textbook.map((r) => [r.user_id, r.event_type, r.events]),
    [
      ['1003', 'book', '1'],
      ['1003', 'textbook.pdf.page.navigated', '1'],
      ['1003', 'textbook.pdf.page.scrolled', '2'],
      ['1003', 'textbook.pdf.search.executed', '1'],
      ['1003', 'textbook.pdf.zoom.buttons.changed', '1']
    ]
  );
  const pages = records(tables('06-problems-textbook-pages', 'pages')[0]!);
  assert.deepEqual(
    pages.map((r) => [r.page, r.user_id, r.day, r.hits]),
    [
      ['courseware', '1003', '2026-01-10', '1'],
      ['discussion', '1003', '2026-01-08', '1'],
      ['info', '1003', '2026-02-08', '1'],
      ['progress', '1003', '2025-12-15', '1'],
      ['progress', '1003', '2025-12-16', '2'],
      ['progress', '1003', 'outside window', '1']
    ]
  );
});

// ---- 07 email opt-in -----------------------------------------------------------------------------------

test('07: with the default parameters nothing is written', () => {
  const written = existsSync(outputs) ? (readdirSync(outputs, { recursive: true }) as string[]) : [];
  assert.deepEqual(
    written.filter((name) => name.includes('email_opt_in')),
    []
  );
  assert.match(markdownOf(cell('07-email-opt-in', 'build').outputs[0]!), /Nothing was read or written/);
  assert.equal(cell('07-email-opt-in', 'build').outputs.length, 1);
});

// ---- 08 events for user --------------------------------------------------------------------------------

test("08: learner 1001's 16 video events, exported as CSV and JSON lines without personal fields", () => {
  const [shown] = tables('08-events-for-user', 'events');
  assert.equal(shown!.note, '16 rows');
  const rows = records(shown!);
  assert.deepEqual([rows[0]!.time, rows[0]!.event_type], ['2026-01-05 10:00:00.000000', 'load_video']);
  assert.deepEqual(
    [rows[15]!.time, rows[15]!.event_type, rows[15]!.name, rows[15]!.position],
    ['2026-01-06 08:05:58.000000', 'stop_video', 'edx.video.stopped', '118']
  );
  const base = join(outputs, 'user-1001-events-SamcedX-DATA101-1T2026-251215-260208');
  const csv = readFileSync(base + '.csv', 'utf8')
    .trimEnd()
    .split('\n');
  assert.equal(csv.length, 17);
  assert.match(
    csv[0]!,
    /^time,event_type,name,event_source,video_id,position,old_time,new_time,page,event,source_file,source_line$/
  );
  const lines = readFileSync(base + '.jsonl', 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown> & { context: Record<string, unknown> });
  assert.equal(lines.length, 16);
  for (const line of lines) {
    for (const field of ['username', 'ip', 'agent', 'session', 'host']) {
      assert.equal(field in line, false, field);
      assert.equal(field in line.context, false, 'context.' + field);
    }
    assert.equal(line.context.user_id, 1001);
  }
});

// ---- 09 SAMCED -----------------------------------------------------------------------------------------

test('09: writes the SAMCED folder and shows its manifest and dictionary', () => {
  const folders = readdirSync(outputs).filter((name) => /^SamcedX-DATA101-1T2026-251215-260208-\d{14}$/.test(name));
  assert.equal(folders.length, 1);
  const dir = join(outputs, folders[0]!);
  assert.ok(existsSync(join(dir, 'SamcedX-DATA101-1T2026-SAMCED.db')));
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    tables: { name: string; rows: number }[];
  };
  const [summary, tableList] = tables('09-samced', 'manifest');
  assert.deepEqual(
    records(tableList!).map((r) => [r.table, Number(r.rows)]),
    manifest.tables.map((t) => [t.name, t.rows])
  );
  const items = Object.fromEntries(summary!.rows.map((r) => [r[0], r[1]]));
  assert.equal(items.snapshot, '2026-02-15 (samcedx-2026-02-15)');
  assert.equal(items['duplicate lines dropped'], '9');
  // Learner 1002's merged pre-survey row, as the CSV writer quotes it.
  const pre = readFileSync(join(dir, 'SAMCED-pre_survey_answers.csv'), 'utf8').split('\n');
  assert.ok(
    pre.includes('1002,2025-12-20 09:00:00.000000,choice_3,"choice_0,choice_2","I want ""data"" skills? yes",choice_1'),
    pre.slice(0, 3).join('\n')
  );
  assert.match(
    markdownOf(cell('09-samced', 'dictionary').outputs[0]!),
    /^# SAMCED data dictionary: course-v1:SamcedX\+DATA101\+1T2026/
  );
});

// ---- 10 compare runs -----------------------------------------------------------------------------------

test('10: indexes every daily file into the store; one events view over the three courses, duplicates once', () => {
  const [files, courses] = tables('10-compare-runs', 'store');
  const counts = Object.fromEntries(files!.rows.map((r) => [r[0], Number(r[1])]));
  // data/README.md: 84 daily edx files and 3 edge files; the store is new, so all are read now
  assert.deepEqual(counts, { 'in the drop': 87, 'read now (new or changed)': 87, 'already in the store': 0 });
  assert.ok(existsSync(join(work, 'event-store', 'samcedx', 'ledger.json')), 'the store is where storeDir says');
  // data/README.md: C1 16,885 edx lines + 159 edge lines, of which 9 repeat edx lines; 49 of 1001-1050
  // (1031 is active in C2 only) plus staff user 7; C2 6,774 lines, 30 learners; C3 240 lines, 5 learners
  assert.deepEqual(
    records(courses!).map((r) => [r.course, r.learners, r.events]),
    [
      ['course-v1:SamcedX+DATA101+1T2026', '50', '17035'],
      ['course-v1:SamcedX+DATA101+1T2026B', '5', '240'],
      ['course-v1:SamcedX+HIST.201x+2025_Fall', '30', '6774']
    ]
  );
  assert.equal(records(courses!)[1]!.first_day, '2025-12-12', "C3's first line is 1061's enrolment (STORYLINE)");
});

test("10: activity per week of both runs: 8 weeks of 7 days from 2025-12-15; run B's events are the course run's", () => {
  const weekly = records(tables('10-compare-runs', 'activity')[0]!);
  const starts = [
    '2025-12-15',
    '2025-12-22',
    '2025-12-29',
    '2026-01-05',
    '2026-01-12',
    '2026-01-19',
    '2026-01-26',
    '2026-02-02'
  ];
  for (const run of ['1T2026', '1T2026B']) {
    const own = weekly.filter((r) => r.run === run);
    assert.deepEqual(
      own.map((r) => [r.week, r.week_start, r.days]),
      starts.map((start, i) => [String(i + 1), start, '7']),
      run
    );
  }
  // C3's 240 lines less 1061's enrolment on 2025-12-12, before the window (STORYLINE); none is anonymous
  const weekB = weekly.filter((r) => r.run === '1T2026B');
  assert.equal(
    weekB.reduce((n, r) => n + Number(r.events), 0),
    239
  );
  // 1061: the progress page on 2025-12-16 (week 1), three video events on 2026-01-05 and a page on 2026-01-10 (week 4)
  assert.ok(Number(weekB[0]!.learners) >= 1 && Number(weekB[3]!.events) >= 4, JSON.stringify(weekB));
  const runs = records(tables('10-compare-runs', 'open-runs')[0]!);
  assert.deepEqual(
    runs.map((r) => [r.run, r.window, r.snapshot]),
    [
      ['1T2026', '2025-12-15 to 2026-02-08', '2026-02-15'],
      ['1T2026B', '2025-12-15 to 2026-02-08', '2026-02-15']
    ]
  );
  assert.equal(runs[1]!.events, '239');
  const opened = Object.fromEntries(tables('02-course-run', 'events-summary')[0]!.rows.map((r) => [r[0], r[1]]))[
    'events of the course run'
  ];
  assert.equal(runs[0]!.events, opened, 'run A opened as notebook 02 opens it');
});

test("10: video completion of both runs per video; the scripted learners' watch rows", () => {
  const completion = records(tables('10-compare-runs', 'video')[0]!);
  const videos = (run: string) => completion.filter((r) => r.run === run).map((r) => r.video);
  assert.deepEqual(
    videos('1T2026B'),
    videos('1T2026'),
    'a re-run with the same blocks has the same videos, in course order'
  );
  assert.deepEqual(videos('1T2026').slice(0, 2), ['Welcome to DATA101', 'What is tidy data?']);
  // STORYLINE: 1001 watched V1 seconds 0-99 over 3 views (not completed), V2 0-117 over 2 views on mobile
  // (118 of 120 s >= 95 %: completed); 1061 played the re-run's V1 from 0 to 30 s
  const rows = records(tables('10-compare-runs', 'learner-watch')[0]!);
  assert.deepEqual(
    rows.map((r) => [r.run, r.learner, r.video, r.seconds_watched, r.fraction_watched, r.views, r.completed]),
    [
      ['1T2026', '1001', 'Welcome to DATA101', '100', '0.8333', '3', '0'],
      ['1T2026', '1001', 'What is tidy data?', '118', '0.9833', '2', '1'],
      ['1T2026B', '1061', 'Welcome to DATA101', '30', '0.25', '1', '0']
    ]
  );
  const [chart] = reportFigures('10-compare-runs').filter((f) =>
    /completed it, per run/.test(f.layout.title?.text ?? '')
  );
  assert.deepEqual(
    chart!.data.map((t) => t.name),
    ['1T2026', '1T2026B']
  );
});

test('10: survey answers of both runs, each choice question under its text, the confidence question in both surveys', () => {
  const figures = reportFigures('10-compare-runs').filter((f) => /-survey: /.test(f.layout.title?.text ?? ''));
  const confidence = [
    'Not at all confident',
    'Slightly confident',
    'Somewhat confident',
    'Confident',
    'Very confident'
  ];
  for (const title of [
    'Pre-survey: How confident are you analysing data?',
    'Post-survey: How confident are you analysing data?'
  ]) {
    const figure = figures.find((f) => f.layout.title?.text === title);
    assert.ok(figure, title);
    assert.deepEqual(figure.layout.yaxis?.categoryarray, confidence, title);
    assert.equal(figure.data.length, 2, title);
    assert.match(String(figure.data[0]!.name), /^1T2026 \(\d+ respondents?\)$/);
    assert.match(String(figure.data[1]!.name), /^1T2026B \(\d+ respondents?\)$/);
  }
  const answers = records(tables('10-compare-runs', 'surveys')[0]!);
  assert.deepEqual([...new Set(answers.map((r) => r.run))], ['1T2026', '1T2026B']);
  assert.equal(
    answers.some((r) => /skills\? yes/.test(String(r.answer))),
    false,
    "1002's free-text answer is not shown"
  );
});
