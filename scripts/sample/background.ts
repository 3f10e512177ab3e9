/**
 * Background activity: seeded, plausible study sessions of every non-storyline learner, course
 * staff visits, anonymous visitors, and the enrollment events of the enrollment plan.
 */
import { C1, C3, type CourseDef, coursePath } from './courses';
import { type Actor, type TrackingEvent, implicitEvent, serverEvent } from './event-envelope';
import { enrollmentPayload } from './event-misc';
import { type Enrollment, unenrolledAt } from './enrollments';
import type { ForumStore } from './forum';
import type { Ledger } from './ledger';
import type { Outline } from './outline';
import type { Person } from './people';
import type { Rng } from './prng';
import { type Learner, type SessionKind, newProgress, runSession } from './session';
import { STORYLINE_USERS, c1Tags } from './storyline';
import { US_PER_SECOND, addDays, dayStartUs, daysFrom, usOf } from './time';

/** The LMS hosts of edx.org lines: the public name plus app servers. */
export const EDX_HOSTS = [
  'courses.edx.org',
  'courses.edx.org',
  'courses.edx.org',
  'lms-app-01',
  'lms-app-02',
  'lms-app-03'
] as const;

/** Inputs of the background generator. */
export interface BackgroundContext {
  rng: Rng;
  people: Map<number, Person>;
  outlines: Map<CourseDef, Outline>;
  enrollments: readonly Enrollment[];
  ledger: Ledger | null;
  forum: ForumStore | null;
  /** First and last day of the event files. */
  firstDay: string;
  lastDay: string;
  emit(event: TrackingEvent): void;
  /** Site of the lines (default edx.org). */
  baseUrl?: string;
  hosts?: readonly string[];
}

/** Days of low activity (holidays). */
function dayFactor(day: string): number {
  const md = day.slice(5);
  if (md >= '12-24' && md <= '12-26') return 0.25;
  if (md === '12-31' || md === '01-01') return 0.35;
  return 1;
}

/** Makes the session learner of a person in a course. */
export function learnerOf(person: Person, course: CourseDef, rng: Rng, forumRoles?: string[]): Learner {
  return {
    id: person.id,
    username: person.username,
    ip: person.ip,
    agent: person.agent,
    mobile: person.mobile,
    skill: rng.between(0.2, 0.95),
    tags: course === C1 ? c1Tags(person.id) : {},
    forumRoles
  };
}

/** Start of a session on `day` in the learner's usual hours (local 7-23, shifted to UTC). */
function sessionStart(rng: Rng, day: string, utcOffset: number): number {
  const localHour = rng.weighted([
    [8, 1],
    [10, 2],
    [12, 2],
    [14, 1],
    [17, 2],
    [19, 3],
    [21, 3],
    [22, 1]
  ] as const);
  const hour = localHour + rng.between(0, 1.9) - utcOffset;
  return dayStartUs(day) + Math.round(hour * 3600 * US_PER_SECOND) + rng.int(0, 999_999);
}

/** Sessions of every non-storyline learner of every course. */
export function writeLearnerSessions(ctx: BackgroundContext): void {
  const lastUs = dayStartUs(addDays(ctx.lastDay, 1));
  for (const enrollment of ctx.enrollments) {
    const { course, userId } = enrollment;
    if (STORYLINE_USERS.includes(userId) || userId === 7) continue;
    if (course === C1 && userId === 1031) continue; // 1031 studies C2 only
    const outline = ctx.outlines.get(course)!;
    const person = ctx.people.get(userId)!;
    const rng = ctx.rng.fork('learner', course.label, userId);
    const learner = learnerOf(person, course, rng);
    const progress = newProgress();
    const world = {
      outline,
      baseUrl: ctx.baseUrl ?? 'https://courses.edx.org',
      hosts: ctx.hosts ?? EDX_HOSTS,
      emit: ctx.emit,
      ledger: ctx.ledger,
      forum: ctx.forum,
      escapeSlashRate: course.style === 'old' ? 0.003 : 0
    };
    const enrolledDay = new Date(enrollment.createdUs / 1000).toISOString().slice(0, 10);
    const leftUs = unenrolledAt(enrollment) ?? Infinity;
    const engagement = course === C3 ? 1 : rng.float();
    const first = enrolledDay > ctx.firstDay ? enrolledDay : ctx.firstDay;
    const dropout =
      engagement < 0.25 ? addDays(course.start > first ? course.start : first, rng.int(2, 25)) : course.end;
    // Daily chance of a study session, tuned to about 16k C1, 6.5k C2 and 200 C3 lines.
    const pDay =
      course === C3 ? 0.045 : course === C1 ? Math.min(0.9, 0.28 + 0.8 * engagement) : 0.07 + 0.3 * engagement;
    let busyUntil = 0;
    for (const day of daysFrom(first, ctx.lastDay)) {
      const before = day < course.start;
      const after = day > course.end;
      let kind: SessionKind | null = null;
      if (before) kind = rng.chance(0.04) ? 'checkin' : null;
      else if (after) kind = rng.chance(day <= addDays(course.end, 10) ? 0.06 : 0.015) ? 'checkin' : null;
      else if (day <= dropout) kind = rng.chance(pDay * dayFactor(day)) ? 'study' : null;
      else kind = rng.chance(0.01) ? 'checkin' : null;
      const sessions = kind === 'study' && rng.chance(0.2) ? 2 : kind ? 1 : 0;
      for (let s = 0; s < sessions; s++) {
        const start = Math.max(sessionStart(rng, day, person.utcOffset), busyUntil + 1800 * US_PER_SECOND);
        if (start >= leftUs || start >= lastUs || start < enrollment.createdUs) continue;
        busyUntil = runSession(world, learner, progress, rng.fork('session', day, s), start, kind!);
      }
    }
  }
}

/** Course-team visits of user 7 in C1: instructor dashboard and forum answers. */
export function writeStaffSessions(ctx: BackgroundContext): void {
  const outline = ctx.outlines.get(C1)!;
  const rng = ctx.rng.fork('staff');
  const staff = learnerOf(ctx.people.get(7)!, C1, rng, ['Administrator']);
  const world = {
    outline,
    baseUrl: 'https://courses.edx.org',
    hosts: EDX_HOSTS,
    emit: ctx.emit,
    ledger: null,
    forum: ctx.forum
  };
  for (const day of daysFrom(C1.start, C1.end)) {
    if (!rng.chance(0.3)) continue;
    runSession(
      world,
      staff,
      newProgress(),
      rng.fork('staff', day),
      dayStartUs(day) + rng.int(7 * 3600, 16 * 3600) * US_PER_SECOND,
      'staff'
    );
  }
}

/** Logged-out visitors of the course about pages (user_id null or "", username ""). */
export function writeAnonymousVisits(ctx: BackgroundContext): void {
  const rng = ctx.rng.fork('anonymous');
  for (const course of ctx.outlines.keys()) {
    if (course === C3) continue;
    for (const day of daysFrom(ctx.firstDay, ctx.lastDay)) {
      const n = day <= course.end ? rng.int(0, 3) : rng.int(0, 1);
      for (let i = 0; i < n; i++) {
        const actor: Actor = {
          userId: rng.chance(0.5) ? null : '',
          username: '',
          ip: `192.0.2.${rng.int(10, 250)}`,
          agent: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
          session: '',
          host: rng.pick(EDX_HOSTS),
          baseUrl: 'https://courses.edx.org'
        };
        const us = dayStartUs(day) + rng.int(0, 86_399) * US_PER_SECOND + rng.int(0, 999_999);
        ctx.emit(implicitEvent({ actor, course, us, path: coursePath(course, 'about'), layout: rng.int(0, 2) }));
      }
    }
  }
}

/** One enrollment event per logged change of the plan (within the event files' days). */
export function writeEnrollmentEvents(ctx: BackgroundContext): void {
  const first = usOf(ctx.firstDay);
  const last = dayStartUs(addDays(ctx.lastDay, 1));
  for (const e of ctx.enrollments) {
    const person = ctx.people.get(e.userId)!;
    const rng = ctx.rng.fork('enrollment-events', e.id);
    for (const change of e.changes) {
      if (!change.event || change.us < first || change.us >= last) continue;
      const actor: Actor = {
        userId: person.id,
        username: person.username,
        ip: person.ip,
        agent: person.agent,
        session: rng.hex(32),
        host: rng.pick(EDX_HOSTS),
        baseUrl: 'https://courses.edx.org'
      };
      ctx.emit(
        serverEvent({
          actor,
          course: e.course,
          us: change.us,
          eventType: change.event,
          name: true,
          path: '/change_enrollment',
          event: enrollmentPayload(e.course, person.id, change.mode),
          tags: e.course === C1 ? c1Tags(person.id) : {},
          layout: STORYLINE_USERS.includes(person.id) ? 0 : rng.int(0, 2)
        })
      );
    }
  }
}

/** Lines of a few C1 learners on edge.edx.org for one day (no studentmodule or forum effects). */
export function writeEdgeDay(ctx: BackgroundContext, day: string): void {
  const rng = ctx.rng.fork('edge', day);
  const outline = ctx.outlines.get(C1)!;
  const world = {
    outline,
    baseUrl: 'https://edge.edx.org',
    hosts: ['edge.edx.org'],
    emit: ctx.emit,
    ledger: null,
    forum: null
  };
  const ids = rng.shuffle([1008, 1010, 1011, 1013, 1015, 1016, 1019, 1022, 1025]).slice(0, 3);
  for (const id of ids) {
    const learner = learnerOf(ctx.people.get(id)!, C1, rng.fork('edge-learner', id));
    runSession(
      world,
      learner,
      newProgress(),
      rng.fork('edge-session', id),
      dayStartUs(day) + rng.int(8 * 3600, 20 * 3600) * US_PER_SECOND,
      'study'
    );
  }
}
