import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { create } from 'tar';
import { openDuck } from '../../kernel-lib/duck/connection';
import { loadCourseStructure } from '../../kernel-lib/load/course-structure';
import { loadCourseContent } from '../../kernel-lib/load/course-content';
import { parseXml, textOf } from '../../kernel-lib/load/olx';

const dir = mkdtempSync(join(tmpdir(), 'samced-olx-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const COURSE = { org: 'O', course: 'C', run: 'R' };

// A course export in the layouts OLX uses: pointer elements resolved to files, an inline vertical,
// a survey without correct choices, named choices, a dropdown, a question in a <p> before its
// response, entities and loose HTML.
const OLX: Record<string, string> = {
  'course/course.xml': '<course url_name="2026" org="O" course="C"/>',
  'course/course/2026.xml': '<course display_name="C"><chapter url_name="ch1"/></course>',
  'course/chapter/ch1.xml':
    '<chapter display_name="Week 1"><sequential url_name="s1"/><sequential url_name="s2"/></chapter>',
  'course/sequential/s1.xml':
    '<sequential display_name="Start"><vertical display_name="Inline unit"><video url_name="v1" display_name="Hello &amp; welcome"/><problem url_name="survey"/></vertical></sequential>',
  'course/sequential/s2.xml':
    '<sequential display_name="Quiz" graded="true" format="Homework"><vertical url_name="u2"/></sequential>',
  'course/vertical/u2.xml': '<vertical display_name="Q"><problem url_name="quiz"/></vertical>',
  'course/problem/survey.xml': `<?xml version="1.0"?>
<problem display_name="Pre-survey">
  <!-- <choice>ignored</choice> -->
  <multiplechoiceresponse>
    <label>How &quot;useful&quot; is <b>data</b>?</label>
    <choicegroup><choice correct="false">Not at all</choice><choice correct="false">Very<br> much</choice></choicegroup>
  </multiplechoiceresponse>
  <stringresponse answer=""><label>Why?</label><textline/></stringresponse>
</problem>`,
  'course/problem/quiz.xml': `<problem display_name="Quiz 1">
  <p>Pick the tidy layout.</p>
  <multiplechoiceresponse><choicegroup>
    <choice correct="true" name="long">Long<choicehint>Yes</choicehint></choice><choice correct="false" name="wide">Wide</choice>
  </choicegroup></multiplechoiceresponse>
  <optionresponse><optioninput label="Best scale?" options="('log','linear')" correct="log"/></optionresponse>
  <numericalresponse answer="42"><label>How many?</label><formulaequationinput/></numericalresponse>
</problem>`
};

async function tarball(name: string, files: Record<string, string>): Promise<string> {
  const root = join(dir, name + '-src');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const file = join(dir, name + '.tar.gz');
  await create({ gzip: true, file, cwd: root }, ['course']);
  return file;
}

test('XML reader: entities, comments, CDATA, loose HTML and unmatched close tags', () => {
  const doc = parseXml('<a x="1 &amp; 2" y=\'q\'><!-- c --><b>one<br>two</b></i><![CDATA[<raw>]]>&#x41;&#66;</a>');
  const a = doc.children[0] as { tag: string; attrs: Record<string, string> };
  assert.equal(a.tag, 'a');
  assert.deepEqual(a.attrs, { x: '1 & 2', y: 'q' });
  assert.equal(textOf(doc), 'one two<raw>AB');
});

test('course_content: questions, choices in order, correct choices, parts and videos from the OLX', async () => {
  const duck = await openDuck();
  await loadCourseStructure(duck, undefined);
  const report = await loadCourseContent(duck, await tarball('ok', OLX), COURSE);
  assert.equal(report.rows, 6);
  assert.equal(report.warning, undefined);
  const rows = await duck.json(
    `SELECT block_id, block_hash, category, display_name, chapter, sequential, graded, part, answer_column, input_kind, question,
            choice_ids, choice_texts, correct FROM course_content ORDER BY course_order, part`
  );
  const key = (type: string, id: string) => `block-v1:O+C+R+type@${type}+block@${id}`;
  const base = { chapter: 'Week 1' };
  assert.deepEqual(rows, [
    {
      block_id: key('video', 'v1'),
      block_hash: 'v1',
      category: 'video',
      display_name: 'Hello & welcome',
      ...base,
      sequential: 'Start',
      graded: false,
      part: null,
      answer_column: null,
      input_kind: null,
      question: null,
      choice_ids: [],
      choice_texts: [],
      correct: []
    },
    {
      block_id: key('problem', 'survey'),
      block_hash: 'survey',
      category: 'problem',
      display_name: 'Pre-survey',
      ...base,
      sequential: 'Start',
      graded: false,
      part: '2_1',
      answer_column: 'problem_2_1',
      input_kind: 'choice',
      question: 'How "useful" is data?',
      choice_ids: ['choice_0', 'choice_1'],
      choice_texts: ['Not at all', 'Very much'],
      correct: []
    },
    {
      block_id: key('problem', 'survey'),
      block_hash: 'survey',
      category: 'problem',
      display_name: 'Pre-survey',
      ...base,
      sequential: 'Start',
      graded: false,
      part: '3_1',
      answer_column: 'problem_3_1',
      input_kind: 'text',
      question: 'Why?',
      choice_ids: [],
      choice_texts: [],
      correct: []
    },
    {
      block_id: key('problem', 'quiz'),
      block_hash: 'quiz',
      category: 'problem',
      display_name: 'Quiz 1',
      ...base,
      sequential: 'Quiz',
      graded: true,
      part: '2_1',
      answer_column: 'problem_2_1',
      input_kind: 'choice',
      question: 'Pick the tidy layout.',
      choice_ids: ['choice_long', 'choice_wide'],
      choice_texts: ['Long', 'Wide'],
      correct: ['choice_long']
    },
    {
      block_id: key('problem', 'quiz'),
      block_hash: 'quiz',
      category: 'problem',
      display_name: 'Quiz 1',
      ...base,
      sequential: 'Quiz',
      graded: true,
      part: '3_1',
      answer_column: 'problem_3_1',
      input_kind: 'dropdown',
      question: 'Best scale?',
      choice_ids: ['log', 'linear'],
      choice_texts: ['log', 'linear'],
      correct: ['log']
    },
    {
      block_id: key('problem', 'quiz'),
      block_hash: 'quiz',
      category: 'problem',
      display_name: 'Quiz 1',
      ...base,
      sequential: 'Quiz',
      graded: true,
      part: '4_1',
      answer_column: 'problem_4_1',
      input_kind: 'numeric',
      question: 'How many?',
      choice_ids: [],
      choice_texts: [],
      correct: ['42']
    }
  ]);
  duck.close();
});

test('course_content takes block ids and video durations from the course structure when it has the block', async () => {
  const structure = join(dir, 'structure.json');
  writeFileSync(
    structure,
    JSON.stringify({
      'i4x://O/C/course/2026': {
        category: 'course',
        children: ['i4x://O/C/video/v1', 'i4x://O/C/problem/quiz'],
        metadata: { display_name: 'C' }
      },
      'i4x://O/C/video/v1': { category: 'video', metadata: { display_name: 'Hello', duration: 95 } },
      'i4x://O/C/problem/quiz': { category: 'problem', metadata: { display_name: 'Quiz 1' } }
    })
  );
  const duck = await openDuck();
  await loadCourseStructure(duck, structure);
  await loadCourseContent(duck, await tarball('ids', OLX), COURSE);
  const rows = await duck.json(
    `SELECT DISTINCT block_hash, block_id, duration_s FROM course_content WHERE block_hash IN ('v1', 'quiz') ORDER BY block_hash`
  );
  assert.deepEqual(rows, [
    { block_hash: 'quiz', block_id: 'i4x://O/C/problem/quiz', duration_s: null },
    { block_hash: 'v1', block_id: 'i4x://O/C/video/v1', duration_s: 95 }
  ]);
  // without an export: the problems and videos of the structure, titles only
  await loadCourseContent(duck, undefined, COURSE);
  assert.deepEqual(
    await duck.json(
      'SELECT block_hash, category, display_name, question, duration_s FROM course_content ORDER BY course_order'
    ),
    [
      { block_hash: 'v1', category: 'video', display_name: 'Hello', question: null, duration_s: 95 },
      { block_hash: 'quiz', category: 'problem', display_name: 'Quiz 1', question: null, duration_s: null }
    ]
  );
  duck.close();
});

test('an export that is not a tar, or has no course.xml, gives a warning naming the file and the structure rows', async () => {
  const duck = await openDuck();
  await loadCourseStructure(duck, undefined);
  const broken = join(dir, 'broken.tar.gz');
  writeFileSync(broken, 'not a tarball at all, just text that is long enough to be read as a tar header block maybe');
  const first = await loadCourseContent(duck, broken, COURSE);
  assert.match(first.warning ?? '', /broken\.tar\.gz: course export \(OLX\)/);
  assert.equal(first.rows, 0);
  const empty = await loadCourseContent(
    duck,
    await tarball('nocourse', { 'course/problem/x.xml': '<problem/>' }),
    COURSE
  );
  assert.match(empty.warning ?? '', /nocourse\.tar\.gz: course export \(OLX\) has no course\.xml/);
  duck.close();
});
