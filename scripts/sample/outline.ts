/**
 * Course content: chapters > sequentials > verticals > leaves (video, problem, html, discussion),
 * built from a compact spec. The same outline drives the course_structure JSON, the OLX tarball,
 * the event generator (which videos and problems exist, how long videos are) and studentmodule.
 */
import { type CourseDef, answerPrefix, usageKey, videoEventId } from './courses';
import { Rng } from './prng';

/** One answer input of a capa problem (`<prefix>_2_1` is part `2_1`). */
export interface InputSpec {
  part: string;
  kind: 'choice' | 'multi' | 'numeric' | 'text';
  question: string;
  /** The correct value(s); surveys accept anything (null). */
  correct: string | string[] | null;
  /** Number of choices for choice/multi inputs. */
  choices?: number;
  /** Choice texts in order (default `Option <i>`). */
  texts?: string[];
  /**
   * A choice answered from the learner's skill alone, without a random draw (so adding such an
   * input leaves every other answer of the sample as it was): index = floor((skill' + shift) x n),
   * skill' the check's skill rescaled to 0..1. The same question with a larger shift in the
   * post-survey gives the paired pre/post shift.
   */
  fromSkill?: number;
}

export interface VideoInfo {
  /** True length in seconds. */
  durationSec: number;
  /** Whether course_structure has `metadata.duration` for it. */
  inStructure: boolean;
  youtubeId: string;
  /** The `id` video events carry. */
  eventId: string;
}

export interface ProblemInfo {
  inputs: InputSpec[];
  maxGrade: number;
  /** Counts towards the grade (surveys do not). */
  graded: boolean;
  survey: 'pre' | 'post' | null;
  /** Whether the server check event omits `grade` (open-response style). */
  noGrade?: boolean;
}

export type LeafCategory = 'video' | 'problem' | 'html' | 'discussion';

export interface Leaf {
  category: LeafCategory;
  id: string;
  key: string;
  displayName: string;
  video?: VideoInfo;
  problem?: ProblemInfo;
  /** discussion_id of discussion blocks. */
  discussionId?: string;
}

export interface Unit {
  id: string;
  key: string;
  displayName: string;
  leaves: Leaf[];
  chapter: Section;
  sequential: Section;
  /** 1-based position of the unit in its sequential, and of the sequential in its chapter. */
  position: number;
  seqPosition: number;
  chapterPosition: number;
}

export interface Section {
  id: string;
  key: string;
  displayName: string;
  category: 'chapter' | 'sequential';
  children: string[];
  metadata: Record<string, unknown>;
}

export interface Outline {
  course: CourseDef;
  chapters: Section[];
  sequentials: Section[];
  units: Unit[];
  videos: Leaf[];
  problems: Leaf[];
  discussions: Leaf[];
  /** PDF textbook chapters (asset file names). */
  textbooks: string[];
}

/** Spec of a leaf; `id` is generated from the name when absent. */
export type LeafSpec =
  | { category: 'video'; name: string; id?: string; duration: number; inStructure: boolean }
  | {
      category: 'problem';
      name: string;
      id?: string;
      inputs: InputSpec[];
      maxGrade: number;
      graded: boolean;
      survey?: 'pre' | 'post';
      noGrade?: boolean;
    }
  | { category: 'html'; name: string; id?: string }
  | { category: 'discussion'; name: string; id?: string };

export interface UnitSpec {
  name: string;
  id?: string;
  leaves: LeafSpec[];
}
export interface SequentialSpec {
  name: string;
  id?: string;
  graded?: boolean;
  units: UnitSpec[];
}
export interface ChapterSpec {
  name: string;
  id?: string;
  /** Days after the course start when the chapter opens. */
  opensAfter: number;
  sequentials: SequentialSpec[];
}

/**
 * Makes a url_name: 32 hex derived from `label` (new style) or the display name made
 * identifier-safe (old XML courses, e.g. `Week_1_What_is_a_source`).
 */
function makeId(course: CourseDef, rng: Rng, label: string, given?: string): string {
  if (given) return given;
  if (course.style === 'new') return rng.fork('id', label).hex(32);
  return label
    .slice(label.lastIndexOf('/') + 1)
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** Builds the outline of a course from its spec. `rng` only makes block ids. */
export function buildOutline(
  course: CourseDef,
  spec: readonly ChapterSpec[],
  rng: Rng,
  textbooks: string[] = []
): Outline {
  const outline: Outline = {
    course,
    chapters: [],
    sequentials: [],
    units: [],
    videos: [],
    problems: [],
    discussions: [],
    textbooks
  };
  const startMs = Date.parse(course.start + 'T00:00:00Z');
  spec.forEach((chapterSpec, ci) => {
    const chapterId = makeId(course, rng, 'chapter/' + chapterSpec.name, chapterSpec.id);
    const opens = new Date(startMs + chapterSpec.opensAfter * 86_400_000).toISOString().replace('.000Z', 'Z');
    const chapter: Section = {
      id: chapterId,
      key: usageKey(course, 'chapter', chapterId),
      displayName: chapterSpec.name,
      category: 'chapter',
      children: [],
      metadata: { display_name: chapterSpec.name, start: opens }
    };
    outline.chapters.push(chapter);
    chapterSpec.sequentials.forEach((seqSpec, si) => {
      const seqId = makeId(course, rng, 'seq/' + chapterSpec.name + '/' + seqSpec.name, seqSpec.id);
      const metadata: Record<string, unknown> = { display_name: seqSpec.name };
      if (seqSpec.graded) {
        metadata.format = 'Homework';
        metadata.graded = true;
        metadata.due = new Date(startMs + (chapterSpec.opensAfter + 14) * 86_400_000 + 23 * 3_600_000)
          .toISOString()
          .replace('.000Z', 'Z');
      }
      const sequential: Section = {
        id: seqId,
        key: usageKey(course, 'sequential', seqId),
        displayName: seqSpec.name,
        category: 'sequential',
        children: [],
        metadata
      };
      chapter.children.push(sequential.key);
      outline.sequentials.push(sequential);
      seqSpec.units.forEach((unitSpec, ui) => {
        const unitId = makeId(course, rng, 'unit/' + seqSpec.name + '/' + unitSpec.name, unitSpec.id);
        const unit: Unit = {
          id: unitId,
          key: usageKey(course, 'vertical', unitId),
          displayName: unitSpec.name,
          leaves: [],
          chapter,
          sequential,
          position: ui + 1,
          seqPosition: si + 1,
          chapterPosition: ci + 1
        };
        sequential.children.push(unit.key);
        outline.units.push(unit);
        for (const leafSpec of unitSpec.leaves) {
          const id = makeId(course, rng, leafSpec.category + '/' + leafSpec.name, leafSpec.id);
          const leaf: Leaf = {
            category: leafSpec.category,
            id,
            key: usageKey(course, leafSpec.category, id),
            displayName: leafSpec.name
          };
          if (leafSpec.category === 'video') {
            leaf.video = {
              durationSec: leafSpec.duration,
              inStructure: leafSpec.inStructure,
              youtubeId: rng
                .fork('yt', id)
                .hex(11)
                .replace(/[0-9]/g, (d) => 'AbCdEfGhIj'[Number(d)]!),
              eventId: videoEventId(course, id)
            };
            outline.videos.push(leaf);
          } else if (leafSpec.category === 'problem') {
            leaf.problem = {
              inputs: leafSpec.inputs,
              maxGrade: leafSpec.maxGrade,
              graded: leafSpec.graded,
              survey: leafSpec.survey ?? null,
              noGrade: leafSpec.noGrade
            };
            outline.problems.push(leaf);
          } else if (leafSpec.category === 'discussion') {
            leaf.discussionId = rng.fork('discussion', id).hex(32);
            outline.discussions.push(leaf);
          }
          unit.leaves.push(leaf);
        }
      });
    });
  });
  return outline;
}

/** A course-level copy of an outline for a re-run: same block ids, new course keys. */
export function rerunOutline(source: Outline, course: CourseDef): Outline {
  const rng = new Rng(0);
  const spec: ChapterSpec[] = source.chapters.map((chapter) => ({
    name: chapter.displayName,
    id: chapter.id,
    opensAfter: 0,
    sequentials: source.sequentials
      .filter((s) => chapter.children.includes(s.key))
      .map((s) => ({
        name: s.displayName,
        id: s.id,
        graded: s.metadata.graded === true,
        units: source.units
          .filter((u) => u.sequential === s)
          .map((u) => ({ name: u.displayName, id: u.id, leaves: u.leaves.map((l) => leafSpecOf(l)) }))
      }))
  }));
  const copy = buildOutline(course, spec, rng, source.textbooks);
  copy.discussions.forEach((d, i) => {
    d.discussionId = source.discussions[i]!.discussionId;
  });
  copy.videos.forEach((v, i) => {
    v.video!.youtubeId = source.videos[i]!.video!.youtubeId;
  });
  copy.chapters.forEach((c, i) => {
    c.metadata = { ...source.chapters[i]!.metadata };
  });
  copy.sequentials.forEach((s, i) => {
    s.metadata = { ...source.sequentials[i]!.metadata };
  });
  return copy;
}

function leafSpecOf(leaf: Leaf): LeafSpec {
  if (leaf.video)
    return {
      category: 'video',
      name: leaf.displayName,
      id: leaf.id,
      duration: leaf.video.durationSec,
      inStructure: leaf.video.inStructure
    };
  if (leaf.problem) {
    const p = leaf.problem;
    return {
      category: 'problem',
      name: leaf.displayName,
      id: leaf.id,
      inputs: p.inputs,
      maxGrade: p.maxGrade,
      graded: p.graded,
      survey: p.survey ?? undefined,
      noGrade: p.noGrade
    };
  }
  return { category: leaf.category as 'html' | 'discussion', name: leaf.displayName, id: leaf.id };
}

/** The full answer id of an input (`<prefix>_2_1`). */
export function answerId(outline: Outline, leaf: Leaf, part: string): string {
  return `${answerPrefix(outline.course, leaf.id)}_${part}`;
}

/** Finds a leaf by block id. */
export function leafById(outline: Outline, id: string): Leaf {
  for (const unit of outline.units) for (const leaf of unit.leaves) if (leaf.id === id) return leaf;
  throw new Error(`no block ${id} in ${outline.course.courseId}`);
}

/** The unit holding a leaf. */
export function unitOf(outline: Outline, leaf: Leaf): Unit {
  const unit = outline.units.find((u) => u.leaves.includes(leaf));
  if (!unit) throw new Error('leaf not in outline: ' + leaf.key);
  return unit;
}
