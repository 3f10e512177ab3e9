/**
 * Problem events (edx-data-formats.md 5.4): the server `problem_check` payload with answers,
 * correct_map, state and submission; the browser `problem_check` form string; and the
 * studentmodule state a check leaves behind.
 */
import { type InputSpec, type Leaf, type Outline, answerId } from './outline';
import { RawJson, pyDumps, pyFloat } from './python-json';

/** Answers by input part (`2_1`), plus extra keys such as `2_1_other`. */
export type Answers = Record<string, string | string[]>;

/**
 * What the learner had stored before a check. Answers and correct map are kept serialised
 * (they are only ever written out again), which keeps big simulations small in memory.
 */
export interface ProblemMemory {
  attempts: number;
  studentAnswers: RawJson;
  correctMap: RawJson;
  /** Every answered input was correct at the last check. */
  solved: boolean;
}

/** The result of grading one submission. */
export interface CheckResult {
  /** The `event` object of the server problem_check. */
  event: Record<string, unknown>;
  grade: number;
  maxGrade: number;
  success: 'correct' | 'incorrect';
  /** Memory after the check (for the next attempt and for studentmodule). */
  memory: ProblemMemory;
}

/** An empty memory for a problem never checked. */
export function freshMemory(): ProblemMemory {
  return { attempts: 0, studentAnswers: new RawJson('{}'), correctMap: new RawJson('{}'), solved: false };
}

function isCorrect(input: InputSpec, value: string | string[] | undefined): boolean {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return false;
  if (input.correct === null) return true;
  if (Array.isArray(input.correct)) {
    return (
      Array.isArray(value) && value.length === input.correct.length && input.correct.every((c) => value.includes(c))
    );
  }
  return value === input.correct;
}

const INPUT_TYPES: Record<InputSpec['kind'], [string, string]> = {
  choice: ['choicegroup', 'multiplechoiceresponse'],
  multi: ['checkboxgroup', 'choiceresponse'],
  numeric: ['formulaequationinput', 'numericalresponse'],
  text: ['textline', 'stringresponse']
};

/** The text of choice `choice_<i>` of an input. */
export function choiceText(input: InputSpec, i: number): string {
  return input.texts?.[i] ?? `Option ${i}`;
}

function shownAnswer(input: InputSpec, value: string | string[]): string | string[] {
  const text = (v: string) => choiceText(input, Number(v.replace('choice_', '')));
  if (input.kind === 'choice') return text(String(value));
  if (input.kind === 'multi') return (value as string[]).map(text);
  return value;
}

/**
 * Grades `answers` for `leaf` and builds the server problem_check `event` (key order as edX
 * logged it). Points per input = maxGrade / number of inputs, rounded to an integer grade.
 */
export function checkProblem(outline: Outline, leaf: Leaf, answers: Answers, memory: ProblemMemory): CheckResult {
  const problem = leaf.problem!;
  const ans: Record<string, string | string[]> = {};
  const correctMap: Record<string, Record<string, unknown>> = {};
  const submission: Record<string, unknown> = {};
  let right = 0;
  for (const key of Object.keys(answers)) ans[answerId(outline, leaf, key)] = answers[key]!;
  for (const input of problem.inputs) {
    const value = answers[input.part];
    if (value === undefined) continue;
    const id = answerId(outline, leaf, input.part);
    // Open-response answers wait for manual grading: never marked correct by the check.
    const ok = !problem.noGrade && isCorrect(input, value);
    if (ok) right++;
    correctMap[id] = {
      correctness: ok ? 'correct' : 'incorrect',
      npoints: null,
      msg: '',
      hint: '',
      hintmode: null,
      queuestate: null,
      answervariable: null
    };
    const [inputType, responseType] = INPUT_TYPES[input.kind];
    submission[id] = {
      question: input.question,
      answer: shownAnswer(input, value),
      correct: ok,
      input_type: inputType,
      response_type: responseType,
      variant: '',
      group_label: ''
    };
  }
  // Open-response problems wait for manual grading: no grade in the event, success incorrect.
  const grade = problem.noGrade ? 0 : Math.round((right * problem.maxGrade) / problem.inputs.length);
  const success = !problem.noGrade && grade === problem.maxGrade ? 'correct' : 'incorrect';
  const inputState: Record<string, object> = {};
  for (const input of problem.inputs) inputState[answerId(outline, leaf, input.part)] = {};
  const event: Record<string, unknown> = {
    answers: ans,
    attempts: memory.attempts + 1,
    correct_map: correctMap,
    grade,
    max_grade: problem.maxGrade,
    problem_id: leaf.key,
    state: {
      student_answers: memory.studentAnswers,
      correct_map: memory.correctMap,
      input_state: inputState,
      seed: 1,
      done: memory.attempts > 0 ? true : null,
      has_saved_answers: false
    },
    submission,
    success
  };
  if (problem.noGrade) delete event.grade;
  const marks = Object.values(correctMap);
  const memoryAfter: ProblemMemory = {
    attempts: memory.attempts + 1,
    studentAnswers: new RawJson(pyDumps(ans)),
    correctMap: new RawJson(pyDumps(correctMap)),
    solved: marks.length > 0 && marks.every((c) => c.correctness === 'correct')
  };
  return { event, grade, maxGrade: problem.maxGrade, success, memory: memoryAfter };
}

/** The studentmodule `state` JSON of a problem after a check. */
export function problemState(
  outline: Outline,
  leaf: Leaf,
  memory: ProblemMemory,
  lastSubmission: string
): Record<string, unknown> {
  const inputState: Record<string, object> = {};
  for (const input of leaf.problem!.inputs) inputState[answerId(outline, leaf, input.part)] = {};
  return {
    correct_map: memory.correctMap,
    input_state: inputState,
    last_submission_time: lastSubmission,
    attempts: memory.attempts,
    seed: 1,
    done: true,
    student_answers: memory.studentAnswers
  };
}

/** The studentmodule grade columns of a checked problem: floats, NULL when the check had no grade. */
export function problemGrades(
  leaf: Leaf,
  grade: number
): { grade: ReturnType<typeof pyFloat> | null; maxGrade: ReturnType<typeof pyFloat> } {
  return { grade: leaf.problem!.noGrade ? null : pyFloat(grade), maxGrade: pyFloat(leaf.problem!.maxGrade) };
}

/**
 * The browser problem_check `event`: the form as a URL-encoded string
 * (`input_<id>_2_1=choice_2&input_<id>_3_1%5B%5D=choice_0...`), optionally itself JSON-quoted.
 */
export function browserCheckString(outline: Outline, leaf: Leaf, answers: Answers, quoted = false): string {
  const pairs: string[] = [];
  for (const key of Object.keys(answers)) {
    const value = answers[key]!;
    const name = 'input_' + answerId(outline, leaf, key);
    if (Array.isArray(value))
      for (const v of value) pairs.push(encodeURIComponent(name + '[]') + '=' + encodeURIComponent(v));
    else pairs.push(encodeURIComponent(name) + '=' + encodeURIComponent(value).replace(/%20/g, '+'));
  }
  const form = pairs.join('&');
  return quoted ? JSON.stringify(form) : form;
}

/** The POST parameters of the implicit `.../handler/xmodule_handler/problem_check` request. */
export function checkPost(outline: Outline, leaf: Leaf, answers: Answers): Record<string, string[]> {
  const post: Record<string, string[]> = {};
  for (const key of Object.keys(answers)) {
    const value = answers[key]!;
    const name = 'input_' + answerId(outline, leaf, key) + (Array.isArray(value) ? '[]' : '');
    post[name] = Array.isArray(value) ? value : [value];
  }
  return post;
}

/** The browser `problem_graded` event: `[answers query string, rendered problem HTML]`. */
export function problemGradedPayload(outline: Outline, leaf: Leaf, answers: Answers): [string, string] {
  return [
    browserCheckString(outline, leaf, answers),
    `<div class="problem"><p>${leaf.displayName}</p><span class="status">graded</span></div>`
  ];
}

/** Random-looking but plausible answers for a background learner; `skill` in [0,1] raises the chance of being right. */
export function pickAnswers(leaf: Leaf, skill: number, draw: () => number): Answers {
  const out: Answers = {};
  for (const input of leaf.problem!.inputs) {
    const n = input.choices ?? 4;
    if (input.fromSkill !== undefined) {
      // skill runs from 0.35 to 0.95 (see Session.problem)
      const level = (skill - 0.35) / 0.6 + input.fromSkill;
      out[input.part] = `choice_${Math.max(0, Math.min(n - 1, Math.floor(level * n)))}`;
      continue;
    }
    const right = draw() < skill;
    if (input.kind === 'choice') {
      out[input.part] = right && typeof input.correct === 'string' ? input.correct : `choice_${Math.floor(draw() * n)}`;
    } else if (input.kind === 'multi') {
      if (right && Array.isArray(input.correct)) out[input.part] = input.correct.slice();
      else {
        const picked: string[] = [];
        for (let i = 0; i < n; i++) if (draw() < 0.4) picked.push(`choice_${i}`);
        out[input.part] = picked.length ? picked : ['choice_0'];
      }
    } else if (input.kind === 'numeric') {
      out[input.part] = right && typeof input.correct === 'string' ? input.correct : String(Math.floor(draw() * 100));
    } else {
      const texts = [
        'Sales by month',
        'My running log',
        'Weather data, mostly',
        'Not sure yet',
        'My "quantified self" data'
      ];
      out[input.part] = draw() < 0.15 ? '' : texts[Math.floor(draw() * texts.length)]!;
    }
  }
  return out;
}
