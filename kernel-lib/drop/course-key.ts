/**
 * edX course keys in both formats: `Org/Course/Run` (old, "slash" ids) and
 * `course-v1:Org+Course+Run` (new, opaque keys).
 *
 * @example
 * const key: CourseKey = { org: 'SamcedX', course: 'DATA101', run: '1T2026' };
 * formatCourseKey(key); // 'course-v1:SamcedX+DATA101+1T2026'
 */
export interface CourseKey {
  org: string;
  course: string;
  run: string;
}

export type CourseKeyFormat = 'slash' | 'course-v1';

/**
 * Parses a course id; returns undefined for anything that is not exactly one of the two formats
 * (CCX keys `ccx-v1:...`, library keys, blanks). JSON-escaped slashes (`\/`) are accepted.
 *
 * @example
 * parseCourseKey('course-v1:SamcedX+DATA101+1T2026'); // { org: 'SamcedX', course: 'DATA101', run: '1T2026', format: 'course-v1' }
 * parseCourseKey('SamcedX/DATA101/1T2026')?.format; // 'slash'
 * parseCourseKey('ccx-v1:SamcedX+DATA101+1T2026+ccx@3'); // undefined
 */
export function parseCourseKey(text: string | null | undefined): (CourseKey & { format: CourseKeyFormat }) | undefined {
  if (!text) return undefined;
  const id = text.trim().replace(/\\\//g, '/');
  if (id.startsWith('course-v1:')) {
    const parts = id.slice('course-v1:'.length).split('+');
    if (parts.length !== 3 || parts.some((p) => p === '')) return undefined;
    return { org: parts[0]!, course: parts[1]!, run: parts[2]!, format: 'course-v1' };
  }
  const parts = id.split('/');
  if (parts.length !== 3 || parts.some((p) => p === '' || p.includes(':'))) return undefined;
  return { org: parts[0]!, course: parts[1]!, run: parts[2]!, format: 'slash' };
}

/**
 * The course id in the given format.
 *
 * @example
 * formatCourseKey({ org: 'SamcedX', course: 'DATA101', run: '1T2026' }, 'slash'); // 'SamcedX/DATA101/1T2026'
 */
export function formatCourseKey(key: CourseKey, format: CourseKeyFormat = 'course-v1'): string {
  return format === 'slash' ? `${key.org}/${key.course}/${key.run}` : `course-v1:${key.org}+${key.course}+${key.run}`;
}

/**
 * Both spellings of a course id: an event belongs to the course iff its course id is one of these.
 *
 * @example
 * courseKeyForms({ org: 'SamcedX', course: 'DATA101', run: '1T2026' }); // ['course-v1:SamcedX+DATA101+1T2026', 'SamcedX/DATA101/1T2026']
 */
export function courseKeyForms(key: CourseKey): string[] {
  return [formatCourseKey(key, 'course-v1'), formatCourseKey(key, 'slash')];
}

/** Exact, case-sensitive match of org, course and run (the original matched substrings: a documented bug). */
export function isSameCourse(a: CourseKey, b: CourseKey): boolean {
  return a.org === b.org && a.course === b.course && a.run === b.run;
}

/** The `{org}-{course}-{run}` prefix edX puts in export file names (characters above U+0080 become `_`). */
export function courseFilePrefix(key: CourseKey): string {
  return `${key.org}-${key.course}-${key.run}`.replace(/[^\x00-\x80]/g, '_');
}
