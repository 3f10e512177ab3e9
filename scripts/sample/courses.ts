/**
 * The three sample courses and how their identifiers are spelled: C1 uses new-style keys
 * (`course-v1:`, `block-v1:`), C2 the old slash/i4x style, C3 is a re-run of C1 whose run
 * (`1T2026B`) contains C1's run as a substring.
 */

/** `new`: course-v1/block-v1 keys; `old`: Org/Course/Run and i4x:// keys. */
export type KeyStyle = 'new' | 'old';

/** A course in the drop. */
export interface CourseDef {
  /** Short label used in docs and tests: C1, C2, C3 (or a bench label). */
  label: string;
  courseId: string;
  org: string;
  number: string;
  run: string;
  style: KeyStyle;
  title: string;
  /** First and last day of the course (UTC). */
  start: string;
  end: string;
  /** Day the course was created in Studio; it appears in snapshots taken after this day. */
  created: string;
}

/** Builds a course definition from its parts. */
export function defineCourse(parts: Omit<CourseDef, 'courseId'> & { courseId?: string }): CourseDef {
  const courseId =
    parts.courseId ??
    (parts.style === 'new'
      ? `course-v1:${parts.org}+${parts.number}+${parts.run}`
      : `${parts.org}/${parts.number}/${parts.run}`);
  return { ...parts, courseId };
}

export const C1 = defineCourse({
  label: 'C1',
  org: 'SamcedX',
  number: 'DATA101',
  run: '1T2026',
  style: 'new',
  title: 'Data Analysis for Everyone',
  start: '2025-12-15',
  end: '2026-02-08',
  created: '2025-09-15'
});
export const C2 = defineCourse({
  label: 'C2',
  org: 'SamcedX',
  number: 'HIST.201x',
  run: '2025_Fall',
  style: 'old',
  title: 'Reading Historical Sources',
  start: '2025-11-24',
  end: '2026-01-25',
  created: '2025-08-20'
});
export const C3 = defineCourse({
  label: 'C3',
  org: 'SamcedX',
  number: 'DATA101',
  run: '1T2026B',
  style: 'new',
  title: 'Data Analysis for Everyone (cohort B)',
  start: '2025-12-15',
  end: '2026-02-08',
  created: '2025-12-10'
});

/** All sample courses. */
export const SAMPLE_COURSES: readonly CourseDef[] = [C1, C2, C3];

/** `{org}-{course}-{run}`: the prefix of every export file of the course. */
export function filePrefix(course: CourseDef): string {
  return `${course.org}-${course.number}-${course.run}`.replace(/[^\x00-\x7f]/g, '_');
}

/** The usage key of a block. */
export function usageKey(course: CourseDef, category: string, id: string): string {
  return course.style === 'new'
    ? `block-v1:${course.org}+${course.number}+${course.run}+type@${category}+block@${id}`
    : `i4x://${course.org}/${course.number}/${category}/${id}`;
}

/** The usage key of the course root block. */
export function rootKey(course: CourseDef): string {
  return course.style === 'new' ? usageKey(course, 'course', 'course') : usageKey(course, 'course', course.run);
}

/** The url_name of the course root (top folder of the OLX tarball). */
export function rootUrlName(course: CourseDef): string {
  return course.style === 'new' ? 'course' : course.run;
}

/** The `id` a video event carries: the bare block id (new) or `i4x-Org-Course-video-name` (old). */
export function videoEventId(course: CourseDef, id: string): string {
  return course.style === 'new' ? id : `i4x-${course.org}-${course.number}-video-${id}`;
}

/** The prefix of capa answer ids (`<prefix>_2_1`). */
export function answerPrefix(course: CourseDef, id: string): string {
  return course.style === 'new' ? id : `i4x-${course.org}-${course.number}-problem-${id}`;
}

/** `/courses/<course id>` plus an optional sub-path (no leading slash). */
export function coursePath(course: CourseDef, sub = ''): string {
  return `/courses/${course.courseId}` + (sub ? '/' + sub : '');
}

/** The asset key of a course file (PDF textbooks). */
export function assetKey(course: CourseDef, name: string): string {
  return course.style === 'new'
    ? `/asset-v1:${course.org}+${course.number}+${course.run}+type@asset+block/${name}`
    : `/c4x/${course.org}/${course.number}/asset/${name}`;
}
