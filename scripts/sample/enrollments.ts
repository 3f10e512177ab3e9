/**
 * Who enrols in which course when, in which mode, and who leaves. Snapshot tables and the
 * enrollment events are both derived from this plan, so they agree.
 *
 * - C1: staff 7 (before the drop starts); 1001-1020 by 2025-12-06; 1021-1040 from 12-07 to
 *   01-10; 1041-1050 from 01-11 to 02-05; 1014, 1027 and 1038 unenrol between 01-12 and 02-10.
 * - C2: 1031-1045 before the event files start; 1046-1050 by 12-06; 1051-1060 from 12-07 to 01-10.
 * - C3: 1061-1065 between 12-11 and 12-20.
 */
import { C1, C2, C3, type CourseDef } from './courses';
import type { Rng } from './prng';
import { US_PER_DAY, US_PER_SECOND, usOf } from './time';

/** A change of an enrollment; `event` names the tracking event it produced (null: none logged). */
export interface EnrollmentChange {
  us: number;
  isActive: boolean;
  mode: string;
  event:
    | 'edx.course.enrollment.activated'
    | 'edx.course.enrollment.deactivated'
    | 'edx.course.enrollment.mode_changed'
    | null;
}

export interface Enrollment {
  id: number;
  userId: number;
  course: CourseDef;
  createdUs: number;
  /** First entry is the activation; later entries change is_active or mode. */
  changes: EnrollmentChange[];
}

/** is_active and mode as of a time, or null when the enrollment did not exist yet. */
export function enrollmentAt(e: Enrollment, us: number): { isActive: boolean; mode: string } | null {
  if (e.createdUs >= us) return null;
  let state = { isActive: true, mode: e.changes[0]!.mode };
  for (const change of e.changes) if (change.us < us) state = { isActive: change.isActive, mode: change.mode };
  return state;
}

/** When a learner unenrolled from a course (null if never). */
export function unenrolledAt(e: Enrollment): number | null {
  const change = e.changes.find((c) => !c.isActive);
  return change ? change.us : null;
}

/** Fixed enrollment times of the storyline learners (listed in STORYLINE.md). */
export const STORYLINE_ENROLLMENTS: ReadonlyArray<{ userId: number; course: CourseDef; time: string; mode: string }> = [
  { userId: 1001, course: C1, time: '2025-11-25T14:03:11.204518', mode: 'verified' },
  { userId: 1002, course: C1, time: '2025-11-26T16:20:45.551320', mode: 'honor' },
  { userId: 1003, course: C1, time: '2025-11-27T08:41:02.918733', mode: 'audit' },
  { userId: 1004, course: C1, time: '2025-11-28T19:12:57.030411', mode: 'verified' },
  { userId: 1061, course: C3, time: '2025-12-12T10:05:33.472190', mode: 'audit' }
];

const UNENROLL = new Set([1014, 1027, 1038]);

function randomTime(rng: Rng, firstDay: string, lastDay: string): number {
  const a = usOf(firstDay);
  const days = Math.round((usOf(lastDay) - a) / US_PER_DAY);
  return a + rng.int(0, days) * US_PER_DAY + rng.int(7 * 3600, 22 * 3600) * US_PER_SECOND + rng.int(0, 999_999);
}

/** Builds the enrollment plan of the sample; ids follow creation order. */
export function planEnrollments(rng: Rng): Enrollment[] {
  const list: Array<Omit<Enrollment, 'id'>> = [];
  const add = (userId: number, course: CourseDef, us: number, mode: string, logged = true) =>
    list.push({
      userId,
      course,
      createdUs: us,
      changes: [{ us, isActive: true, mode, event: logged ? 'edx.course.enrollment.activated' : null }]
    });
  const scripted = new Map(STORYLINE_ENROLLMENTS.map((s) => [`${s.userId}/${s.course.label}`, s]));
  const modeOf = (r: Rng) =>
    r.weighted([
      ['audit', 5],
      ['honor', 2],
      ['verified', 3]
    ] as const);

  add(7, C1, usOf('2025-09-20T09:30:00.000000'), 'honor', false);
  for (let id = 1001; id <= 1050; id++) {
    const r = rng.fork('C1', id);
    const s = scripted.get(`${id}/C1`);
    if (s) {
      add(id, C1, usOf(s.time), s.mode);
      continue;
    }
    const window =
      id <= 1020
        ? ['2025-11-24', '2025-12-06']
        : id <= 1040
          ? ['2025-12-07', '2026-01-10']
          : ['2026-01-11', '2026-02-05'];
    const us = randomTime(r, window[0]!, window[1]!);
    // 1031 is enrolled in C1 by the course team; no C1 event of theirs exists (C2 only).
    add(id, C1, us, modeOf(r), id !== 1031);
  }
  for (let id = 1031; id <= 1060; id++) {
    const r = rng.fork('C2', id);
    const window =
      id <= 1045
        ? ['2025-09-01', '2025-11-20']
        : id <= 1050
          ? ['2025-11-24', '2025-12-06']
          : ['2025-12-07', '2026-01-10'];
    add(id, C2, randomTime(r, window[0]!, window[1]!), modeOf(r));
  }
  for (let id = 1061; id <= 1065; id++) {
    const s = scripted.get(`${id}/C3`);
    if (s) add(id, C3, usOf(s.time), s.mode);
    else add(id, C3, randomTime(rng.fork('C3', id), '2025-12-11', '2025-12-20'), 'audit');
  }
  for (const e of list) {
    const r = rng.fork('changes', e.course.label, e.userId);
    if (e.course === C1 && UNENROLL.has(e.userId)) {
      const us = randomTime(r, '2026-01-12', '2026-02-10');
      e.changes.push({ us, isActive: false, mode: e.changes[0]!.mode, event: 'edx.course.enrollment.deactivated' });
    } else if (e.changes[0]!.mode === 'audit' && e.userId > 1004 && e.userId !== 1061 && r.chance(0.12)) {
      const us =
        Math.max(e.createdUs, usOf(e.course.start)) + r.int(3, 30) * US_PER_DAY + r.int(0, 86_399) * US_PER_SECOND;
      e.changes.push({ us, isActive: true, mode: 'verified', event: 'edx.course.enrollment.mode_changed' });
    }
  }
  list.sort((a, b) => a.createdUs - b.createdUs || a.userId - b.userId);
  return list.map((e, i) => ({ ...e, id: 1_870_401 + i }));
}
