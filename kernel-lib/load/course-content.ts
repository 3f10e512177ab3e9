import { InputError } from '../util/errors';
import type { CourseKey } from '../drop/course-key';
import type { Duck } from '../duck/connection';
import { descendants, elements, parseXml, readOlxTarball, textOf, type OlxFiles, type XmlElement } from './olx';

/**
 * Columns of the `course_content` table (one row per problem input and one per video).
 *
 * @example
 * Object.keys(COURSE_CONTENT_COLUMNS); // the documented columns of course_content
 */
export const COURSE_CONTENT_COLUMNS = {
  block_id:
    'Usage key of the problem or video (from course_structure when it has the block, else built from the course key).',
  block_hash: 'The block’s `url_name` (last part of the usage key; what events call the problem or video `id`).',
  category: '`problem` or `video`.',
  display_name: 'Title shown to learners (for a problem also the survey matching name).',
  course_order: '1-based position of the block in the course, in the order learners see it.',
  chapter: 'Display name of the enclosing chapter (section).',
  sequential: 'Display name of the enclosing sequential (subsection).',
  graded: 'True when the enclosing sequential is graded (surveys are problems in ungraded subsections).',
  part: 'Input part `<n>_<m>` of a problem input (answer keys end in `_<n>_<m>`: n = 2 + the response’s index in the problem, m = 1 + the input’s index in the response); NULL for a video.',
  answer_column: '`problem_<n>_<m>`: the column of the pre/post survey answer tables that holds this input.',
  response_type:
    'Response tag: multiplechoiceresponse, choiceresponse, optionresponse, numericalresponse, stringresponse, ...',
  input_kind:
    '`choice` (one of several), `checkboxes` (any of several), `dropdown`, `numeric`, `text` (free text) or `other`.',
  question:
    'The question text: the response’s `<label>` (or the input’s `label` attribute, else the paragraph before the response).',
  choice_ids:
    'Answer values of the choices in the author’s order (`choice_0`, `choice_1`, ... as edX logs them; the option text for dropdowns).',
  choice_texts: 'Text of each choice, in the same order as `choice_ids`.',
  correct:
    'Correct answer(s): choice ids marked correct, or the `answer` attribute of numeric and text responses; empty when the author marked none (surveys).',
  duration_s: 'Video duration in seconds from the course structure when it records one, else NULL.'
} as const;

/** One row of `course_content`. */
export interface ContentRow {
  block_hash: string;
  category: 'problem' | 'video';
  display_name: string | null;
  course_order: number;
  chapter: string | null;
  sequential: string | null;
  graded: boolean;
  part: string | null;
  response_type: string | null;
  input_kind: string | null;
  question: string | null;
  choice_ids: string[];
  choice_texts: string[];
  correct: string[];
}

const INPUT_KIND: Record<string, string> = {
  multiplechoiceresponse: 'choice',
  choiceresponse: 'checkboxes',
  optionresponse: 'dropdown',
  numericalresponse: 'numeric',
  formularesponse: 'numeric',
  stringresponse: 'text'
};

/** Tags that hold a learner's answer inside a response. */
const INPUT_TAGS = new Set([
  'choicegroup',
  'checkboxgroup',
  'optioninput',
  'textline',
  'formulaequationinput',
  'textbox',
  'radiogroup',
  'dropdown'
]);

/**
 * The problem and video rows of a course export. Pointer elements (`<chapter url_name="x"/>`) are
 * resolved to `<top>/chapter/x.xml`; inline elements are read where they are.
 */
export function courseContentRows(files: OlxFiles): ContentRow[] {
  const paths = [...files.keys()];
  const rootPath = paths
    .filter((p) => /(^|\/)course\.xml$/.test(p))
    .sort((a, b) => a.split('/').length - b.split('/').length)[0];
  if (!rootPath) return [];
  const top = rootPath.slice(0, rootPath.length - 'course.xml'.length);
  const load = (path: string): XmlElement | undefined => {
    const text = files.get(path);
    return text === undefined ? undefined : elements(parseXml(text))[0];
  };
  const resolve = (element: XmlElement): XmlElement => {
    const url = element.attrs.url_name;
    if (!url || elements(element).length > 0) return element;
    const file = load(`${top}${element.tag}/${url.replace(/:/g, '/')}.xml`);
    if (!file || file.tag !== element.tag) return element;
    return { tag: file.tag, attrs: { ...element.attrs, ...file.attrs, url_name: url }, children: file.children };
  };
  const root = load(rootPath);
  if (!root) return [];
  const rows: ContentRow[] = [];
  let order = 0;
  const seen = new Set<string>();
  const walk = (pointer: XmlElement, chapter: string | null, sequential: string | null, graded: boolean) => {
    const element = resolve(pointer);
    const key = element.tag + '/' + (element.attrs.url_name ?? '');
    if (element.attrs.url_name) {
      if (seen.has(key)) return;
      seen.add(key);
    }
    order++;
    const name = element.attrs.display_name ?? null;
    if (element.tag === 'chapter') chapter = name;
    if (element.tag === 'sequential') {
      sequential = name;
      graded = element.attrs.graded === 'true' || element.attrs.graded === 'True';
    }
    const base = {
      block_hash: element.attrs.url_name ?? '',
      display_name: name,
      course_order: order,
      chapter,
      sequential,
      graded
    };
    if (element.tag === 'video') {
      rows.push({
        ...base,
        category: 'video',
        part: null,
        response_type: null,
        input_kind: null,
        question: null,
        choice_ids: [],
        choice_texts: [],
        correct: []
      });
      return;
    }
    if (element.tag === 'problem') {
      rows.push(...problemRows(element).map((input) => ({ ...base, category: 'problem' as const, ...input })));
      return;
    }
    for (const child of elements(element)) if (child.tag !== 'wiki') walk(child, chapter, sequential, graded);
  };
  walk(root, null, null, false);
  return rows.filter((r) => r.block_hash !== '');
}

type InputPart = Pick<
  ContentRow,
  'part' | 'response_type' | 'input_kind' | 'question' | 'choice_ids' | 'choice_texts' | 'correct'
>;

/** The inputs of one problem, in answer-key order. */
export function problemRows(problem: XmlElement): InputPart[] {
  const out: InputPart[] = [];
  const all = descendants(problem);
  const responses = all.filter((e) => e.tag.endsWith('response') && e.tag !== 'solution');
  responses.forEach((response, r) => {
    const inputs = descendants(response).filter((e) => INPUT_TAGS.has(e.tag));
    const label = elements(response, 'label')[0] ?? descendants(response).find((e) => e.tag === 'label');
    const before = all
      .slice(0, all.indexOf(response))
      .filter((e) => e.tag === 'p' && !responses.some((x) => descendants(x).includes(e)));
    const fallback = label
      ? textOf(label)
      : (response.attrs.label ?? (before.length ? textOf(before[before.length - 1]!) : null));
    const kind = INPUT_KIND[response.tag] ?? 'other';
    (inputs.length ? inputs : [response]).forEach((input, m) => {
      const choices =
        input === response ? [] : descendants(input).filter((e) => e.tag === 'choice' || e.tag === 'option');
      const question = input.attrs.label ?? fallback;
      let ids: string[] = [];
      let texts: string[] = [];
      let correct: string[] = [];
      if (input.tag === 'optioninput') {
        const listed = input.attrs.options
          ? [...input.attrs.options.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((x) => x[1]!)
          : [];
        texts = choices.length ? choices.map(textOf) : listed;
        ids = texts;
        correct = choices.length
          ? choices.filter((c) => /^true$/i.test(c.attrs.correct ?? '')).map(textOf)
          : input.attrs.correct
            ? [input.attrs.correct]
            : [];
      } else if (choices.length) {
        ids = choices.map((c, i) => (c.attrs.name ? `choice_${c.attrs.name}` : `choice_${i}`));
        texts = choices.map((c) =>
          textOf({ ...c, children: c.children.filter((x) => typeof x === 'string' || x.tag !== 'choicehint') })
        );
        correct = ids.filter((_, i) => /^true$/i.test(choices[i]!.attrs.correct ?? ''));
      } else if (response.attrs.answer !== undefined && response.attrs.answer !== '') correct = [response.attrs.answer];
      out.push({
        part: `${r + 2}_${m + 1}`,
        response_type: response.tag,
        input_kind: kind === 'text' && input.tag === 'textbox' ? 'text' : kind,
        question: question && question !== '' ? question : null,
        choice_ids: ids,
        choice_texts: texts,
        correct
      });
    });
  });
  return out;
}

const TABLE_SQL = `CREATE OR REPLACE TABLE course_content (
  block_id VARCHAR, block_hash VARCHAR, category VARCHAR, display_name VARCHAR, course_order INTEGER, chapter VARCHAR,
  sequential VARCHAR, graded BOOLEAN, part VARCHAR, answer_column VARCHAR, response_type VARCHAR, input_kind VARCHAR,
  question VARCHAR, choice_ids VARCHAR[], choice_texts VARCHAR[], correct VARCHAR[], duration_s DOUBLE)`;

/**
 * Loads the table `course_content` from the course's OLX export tarball: problem and survey
 * questions with their inputs, choice texts in the author's order and correct choices, and the
 * videos. Without an export the rows come from `course_structure` (titles only, no questions).
 * Needs `course_structure` loaded first (block ids and video durations).
 */
export async function loadCourseContent(
  duck: Duck,
  path: string | undefined,
  course: CourseKey
): Promise<{ file: string; rows: number; warning?: string }> {
  await duck.run(TABLE_SQL);
  let rows: ContentRow[] = [];
  let warning: string | undefined;
  if (path) {
    try {
      const files = await readOlxTarball(path);
      if (![...files.keys()].some((p) => /(^|\/)course\.xml$/.test(p)))
        throw new InputError('course export (OLX) has no course.xml', { file: path });
      rows = courseContentRows(files);
    } catch (error) {
      // an unreadable export costs the question texts, not the course run
      if (!(error instanceof InputError)) throw error;
      warning = error.message + '; course_content has titles from the course structure only';
    }
  }
  if (rows.length === 0) {
    await duck.run(`INSERT INTO course_content
      SELECT c.block_id, c.block_hash, c.category, c.display_name, c.course_order, ch.display_name, NULL, NULL, NULL, NULL, NULL, NULL,
             NULL, []::VARCHAR[], []::VARCHAR[], []::VARCHAR[], c.duration_s
      FROM course_structure c LEFT JOIN course_structure ch ON ch.block_id = c.chapter_id
      WHERE c.category IN ('problem', 'video') ORDER BY c.course_order`);
    return {
      file: '',
      rows: Number(await duck.scalar('SELECT count(*) FROM course_content')),
      ...(warning ? { warning } : {})
    };
  }
  // One JSON parameter, unnested in SQL: lists stay typed VARCHAR[] without per-value appends.
  const shape = JSON.stringify({
    block_hash: 'VARCHAR',
    category: 'VARCHAR',
    display_name: 'VARCHAR',
    course_order: 'INTEGER',
    chapter: 'VARCHAR',
    sequential: 'VARCHAR',
    graded: 'BOOLEAN',
    part: 'VARCHAR',
    response_type: 'VARCHAR',
    input_kind: 'VARCHAR',
    question: 'VARCHAR',
    choice_ids: 'VARCHAR[]',
    choice_texts: 'VARCHAR[]',
    correct: 'VARCHAR[]'
  });
  await duck.run(
    `INSERT INTO course_content
     WITH r AS (SELECT unnest(from_json(?::JSON, '[${shape}]'), max_depth := 2) FROM (SELECT 1))
     SELECT coalesce(
              (SELECT min(s.block_id) FROM course_structure s WHERE s.block_hash = r.block_hash AND s.category = r.category),
              'block-v1:' || ? || '+type@' || r.category || '+block@' || r.block_hash),
            r.block_hash, r.category, r.display_name, r.course_order, r.chapter, r.sequential, r.graded, r.part,
            CASE WHEN r.part IS NOT NULL THEN 'problem_' || r.part END, r.response_type, r.input_kind, r.question,
            r.choice_ids, r.choice_texts, r.correct,
            (SELECT max(s.duration_s) FROM course_structure s WHERE s.block_hash = r.block_hash AND s.category = r.category)
     FROM r ORDER BY r.course_order, r.part`,
    [JSON.stringify(rows), `${course.org}+${course.course}+${course.run}`]
  );
  return { file: path ?? '', rows: rows.length };
}
