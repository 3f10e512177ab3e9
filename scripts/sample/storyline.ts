/**
 * The scripted storyline: exact events of learners 1001-1004 in C1 and 1061 in the look-alike
 * C3, plus a handful of edge-case lines ("traps"). Tests compute expected values from these by
 * hand; data/STORYLINE.md lists every line. Storyline learners have no other events (except
 * their enrollment events, which are listed too).
 */
import { C1, C2, C3, type CourseDef, coursePath, rootKey } from './courses';
import { P1_ID, P2_ID, POSTSURVEY_ID, PRESURVEY_ID, V1_ID, V2_ID } from './course-content';
import {
  type Actor,
  type TrackingEvent,
  browserEvent,
  implicitEvent,
  mobileEvent,
  serverEvent
} from './event-envelope';
import {
  type Answers,
  type ProblemMemory,
  browserCheckString,
  checkProblem,
  freshMemory,
  problemGrades,
  problemState
} from './event-problem';
import { bumperPayload } from './event-video';
import { pdfBookPath, linkClickedPayload } from './event-misc';
import {
  type ForumDoc,
  type ForumStore,
  commentCreatedPayload,
  objectId,
  threadCreatedPayload,
  threadUrl,
  topicOf,
  topicsOf
} from './forum';
import type { Ledger } from './ledger';
import { type Outline, leafById, unitOf } from './outline';
import type { Person } from './people';
import { pyFloat } from './python-json';
import { assetKey } from './courses';
import { usOf } from './time';

/** The user ids whose complete event history is scripted. */
export const STORYLINE_USERS: readonly number[] = [1001, 1002, 1003, 1004, 1061];

/** The partition tag every C1 server event carries (A/B cohort by user id parity). */
export const PARTITION_KEY = 'xblock.partition_service.partition_1645604335';

/** course_user_tags of a C1 learner. */
export function c1Tags(userId: number): Record<string, string> {
  return { [PARTITION_KEY]: String(userId % 2) };
}

/** Object ids of the storyline forum documents. */
export const FORUM_IDS = {
  T1: objectId(usOf('2026-01-08T10:00:00'), '5a3ced0000000001'),
  R1: objectId(usOf('2026-01-08T11:00:00'), '5a3ced0000000002'),
  C1: objectId(usOf('2026-01-08T12:00:00'), '5a3ced0000000003'),
  T2: objectId(usOf('2026-01-09T09:00:00'), '5a3ced0000000004')
} as const;

/** Where the storyline writes. `emit` gets the section the line belongs to (STORYLINE.md headings). */
export interface StoryContext {
  people: Map<number, Person>;
  outlines: Map<CourseDef, Outline>;
  ledger: Ledger;
  forum: ForumStore;
  emit(event: TrackingEvent, section: string): void;
}

const SESSIONS: Record<number, string> = {
  1001: '3f6c1a9e0b7d4e25a8c2f1d09e7b6a54',
  1002: '7a2e9c4b1d0f4a6e8c3b5d7f9e1a2c4b',
  1003: 'c4d5e6f708192a3b4c5d6e7f8091a2b3',
  1004: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  1061: '9b8a7c6d5e4f30211203f4e5d6c7b8a9',
  1005: '1a2b3c4d5e6f708192a3b4c5d6e7f809',
  1032: '2b3c4d5e6f708192a3b4c5d6e7f8091a',
  1033: '3c4d5e6f708192a3b4c5d6e7f8091a2b'
};

function actorOf(person: Person): Actor {
  return {
    userId: person.id,
    username: person.username,
    ip: person.ip,
    agent: person.agent,
    session: SESSIONS[person.id] ?? '',
    host: 'courses.edx.org',
    baseUrl: 'https://courses.edx.org'
  };
}

/** Emits every storyline and trap line; records their studentmodule and forum side effects. */
export function writeStoryline(ctx: StoryContext): void {
  const c1 = ctx.outlines.get(C1)!;
  const c3 = ctx.outlines.get(C3)!;
  const c2 = ctx.outlines.get(C2)!;
  const person = (id: number) => ctx.people.get(id)!;
  const base = 'https://courses.edx.org';
  const unitPage = (outline: Outline, leafId: string) => {
    const unit = unitOf(outline, leafById(outline, leafId));
    return base + coursePath(outline.course, `courseware/${unit.chapter.id}/${unit.sequential.id}/`);
  };

  // --- 1001: browser video V1 on 2026-01-05 -------------------------------------------------
  {
    const actor = actorOf(person(1001));
    const page = unitPage(c1, V1_ID);
    const video = (time: string, eventType: string, fields: Record<string, unknown>) =>
      ctx.emit(
        browserEvent({
          actor,
          course: C1,
          us: usOf(time),
          eventType,
          page,
          event: JSON.stringify({ id: V1_ID, code: 'html5', ...fields })
        }),
        'video-1001'
      );
    video('2026-01-05T10:00:00.000000', 'load_video', {});
    video('2026-01-05T10:00:05.000000', 'play_video', { currentTime: 0 });
    video('2026-01-05T10:00:17.300000', 'pause_video', { currentTime: 12.3 });
    video('2026-01-05T10:00:30.000000', 'play_video', { currentTime: 12.3 });
    video('2026-01-05T10:00:57.800000', 'pause_video', { currentTime: 40.1 });
    video('2026-01-05T10:01:00.000000', 'seek_video', { old_time: 40.1, new_time: 3.0, type: 'onSlideSeek' });
    video('2026-01-05T10:01:01.000000', 'play_video', { currentTime: 3.0 });
    ctx.emit(
      browserEvent({
        actor,
        course: C1,
        us: usOf('2026-01-05T10:01:05.000000'),
        eventType: 'speed_change_video',
        page,
        event: { id: V1_ID, current_time: pyFloat(7.0), old_speed: '1.0', new_speed: '1.50' }
      }),
      'video-1001'
    );
    video('2026-01-05T10:01:20.000000', 'show_transcript', { currentTime: 22.0 });
    video('2026-01-05T10:01:40.000000', 'hide_transcript', { currentTime: 41.0 });
    video('2026-01-05T10:02:38.000000', 'stop_video', { currentTime: 100.0 });
    ctx.ledger.touch(C1.courseId, 1001, 'video', leafById(c1, V1_ID).key, usOf('2026-01-05T10:02:38'), {
      saved_video_position: '00:01:40',
      speed: 1.5
    });
  }

  // --- 1001: mobile video V2 on 2026-01-06 --------------------------------------------------
  {
    const actor = actorOf(person(1001));
    const app = { platform: 'android' as const, version: '4.3.1', device: 'Pixel 7' };
    const video = (time: string, eventType: string, name: string, fields: Record<string, unknown>) => {
      const us = usOf(time);
      ctx.emit(
        mobileEvent({
          actor: { ...actor, session: '' },
          course: C1,
          us,
          timeStyle: 'seconds',
          eventType,
          name,
          event: { id: V2_ID, code: 'mobile', ...fields },
          receivedUs: us + 2_417_305,
          app
        }),
        'mobile-1001'
      );
    };
    video('2026-01-06T08:00:00', 'load_video', 'edx.video.loaded', {});
    video('2026-01-06T08:00:01', 'play_video', 'edx.video.played', { currentTime: 0, duration: 120 });
    video('2026-01-06T08:01:01', 'pause_video', 'edx.video.paused', { currentTime: 60, duration: 120 });
    video('2026-01-06T08:05:00', 'play_video', 'edx.video.played', { currentTime: 60, duration: 120 });
    video('2026-01-06T08:05:58', 'stop_video', 'edx.video.stopped', { currentTime: 118, duration: 120 });
    ctx.ledger.touch(C1.courseId, 1001, 'video', leafById(c1, V2_ID).key, usOf('2026-01-06T08:05:58'), {
      saved_video_position: '00:01:58'
    });
  }

  // --- 1002: surveys and problems -------------------------------------------------------------
  {
    const actor = actorOf(person(1002));
    const memories = new Map<string, ProblemMemory>();
    const check = (time: string, leafId: string, answers: Answers) => {
      const leaf = leafById(c1, leafId);
      const us = usOf(time);
      const result = checkProblem(c1, leaf, answers, memories.get(leafId) ?? freshMemory());
      memories.set(leafId, result.memory);
      ctx.emit(
        serverEvent({
          actor,
          course: C1,
          us,
          eventType: 'problem_check',
          event: result.event,
          page: 'x_module',
          path: coursePath(C1, `xblock/${leaf.key}/handler/xmodule_handler/problem_check`),
          module: { display_name: leaf.displayName, usage_key: leaf.key },
          tags: c1Tags(1002)
        }),
        'problems-1002'
      );
      const submitted = time.slice(0, 19) + 'Z';
      ctx.ledger.touch(
        C1.courseId,
        1002,
        'problem',
        leaf.key,
        us,
        problemState(c1, leaf, result.memory, submitted),
        problemGrades(leaf, result.grade).grade,
        problemGrades(leaf, result.grade).maxGrade
      );
    };
    check('2025-12-16T09:00:00.123456', PRESURVEY_ID, {
      '2_1': 'choice_1',
      '2_1_other': 'x',
      '3_1': ['choice_0', 'choice_2'],
      '4_1': 'I want "data" skills? yes',
      '5_1': 'choice_1'
    });
    check('2025-12-20T09:00:00.000000', PRESURVEY_ID, { '2_1': 'choice_3' });
    const p1 = leafById(c1, P1_ID);
    const p1Page = unitPage(c1, P1_ID);
    check('2026-01-07T12:00:00.000000', P1_ID, { '2_1': 'choice_2', '3_1': '41' });
    ctx.emit(
      serverEvent({
        actor,
        course: C1,
        us: usOf('2026-01-07T12:01:30.250000'),
        eventType: 'edx.problem.hint.demandhint_displayed',
        name: true,
        event: {
          hint_index: 0,
          hint_len: 2,
          hint_text: 'Count the columns that hold one variable each.',
          module_id: p1.key
        },
        path: coursePath(C1, `xblock/${p1.key}/handler/hint_button`),
        module: { display_name: p1.displayName, usage_key: p1.key },
        tags: c1Tags(1002)
      }),
      'problems-1002'
    );
    ctx.emit(
      browserEvent({
        actor,
        course: C1,
        us: usOf('2026-01-07T12:04:59.900000'),
        eventType: 'problem_check',
        page: p1Page,
        event: browserCheckString(c1, p1, { '2_1': 'choice_2', '3_1': '42' })
      }),
      'problems-1002'
    );
    check('2026-01-07T12:05:00.000000', P1_ID, { '2_1': 'choice_2', '3_1': '42' });
    ctx.emit(
      browserEvent({
        actor,
        course: C1,
        us: usOf('2026-01-07T12:06:10.000000'),
        eventType: 'problem_show',
        page: p1Page,
        event: JSON.stringify({ problem: p1.key })
      }),
      'problems-1002'
    );
    ctx.emit(
      serverEvent({
        actor,
        course: C1,
        us: usOf('2026-01-07T12:06:10.120000'),
        eventType: 'showanswer',
        event: { problem_id: p1.key },
        page: 'x_module',
        path: coursePath(C1, `xblock/${p1.key}/handler/xmodule_handler/problem_show`),
        module: { display_name: p1.displayName, usage_key: p1.key },
        tags: c1Tags(1002)
      }),
      'problems-1002'
    );
    check('2026-01-09T08:00:00.000000', P2_ID, {
      '2_1': 'My sleep log: one row per night, columns for hours and mood.'
    });
    // Staff grade the essay on 2026-01-12 (no event; studentmodule grade 4.0 from then on).
    {
      const p2 = leafById(c1, P2_ID);
      const state = problemState(c1, p2, memories.get(P2_ID)!, '2026-01-09T08:00:00Z');
      ctx.ledger.touch(
        C1.courseId,
        1002,
        'problem',
        p2.key,
        usOf('2026-01-12T10:00:00'),
        state,
        pyFloat(4),
        pyFloat(5)
      );
    }
    check('2026-02-05T15:00:00.000000', POSTSURVEY_ID, { '2_1': 'choice_2', '4_1': 'choice_3' });
  }

  // --- 1003 / 1004: forum threads, responses and a comment ------------------------------------
  {
    const week1 = c1.discussions.find((d) => d.displayName === 'Week 1 questions')!;
    const topicT1 = topicOf(c1, week1);
    const general = topicsOf(c1)[0]!;
    const doc = (
      fields: Partial<ForumDoc> &
        Pick<ForumDoc, 'oid' | 'type' | 'authorId' | 'createdUs' | 'body' | 'commentableId' | 'dateForm'>
    ): ForumDoc =>
      ctx.forum.add({
        course: C1,
        authorUsername: person(fields.authorId).username,
        layout: 0,
        upVotes: [],
        endorsed: false,
        scripted: true,
        ...fields
      });
    const t1 = doc({
      oid: FORUM_IDS.T1,
      type: 'CommentThread',
      authorId: 1003,
      createdUs: usOf('2026-01-08T10:00:00'),
      dateForm: 'iso',
      title: 'How do I pivot a wide table?',
      body: 'My table has one column per month. How do I make it tidy?',
      threadType: 'question',
      commentableId: topicT1.id
    });
    const r1 = doc({
      oid: FORUM_IDS.R1,
      type: 'Comment',
      authorId: 1004,
      createdUs: usOf('2026-01-08T11:00:00'),
      dateForm: 'number',
      body: 'Gather the month columns into two columns: month and value.',
      commentableId: topicT1.id,
      threadOid: t1.oid
    });
    const cm = doc({
      oid: FORUM_IDS.C1,
      type: 'Comment',
      authorId: 1003,
      createdUs: usOf('2026-01-08T12:00:00'),
      dateForm: 'long',
      body: 'That worked, thanks!',
      commentableId: topicT1.id,
      threadOid: t1.oid,
      parentOid: r1.oid
    });
    const t2 = doc({
      oid: FORUM_IDS.T2,
      type: 'CommentThread',
      authorId: 1004,
      createdUs: usOf('2026-01-09T09:00:00'),
      dateForm: 'iso',
      layout: 1,
      title: 'Study group for week 2?',
      body: 'Anyone in UTC+9 want to meet on Saturdays?',
      threadType: 'discussion',
      commentableId: general.id
    });
    const url = (thread: ForumDoc) => threadUrl(base, C1, thread.commentableId, thread.oid);
    const emit = (userId: number, time: string, eventType: string, path: string, event: Record<string, unknown>) =>
      ctx.emit(
        serverEvent({
          actor: actorOf(person(userId)),
          course: C1,
          us: usOf(time),
          eventType,
          name: true,
          path,
          event,
          tags: c1Tags(userId)
        }),
        'forum'
      );
    emit(
      1003,
      '2026-01-08T10:00:00.000000',
      'edx.forum.thread.created',
      coursePath(C1, `discussion/${topicT1.id}/threads/create`),
      threadCreatedPayload(t1, topicT1, url(t1), ['Student'])
    );
    emit(
      1004,
      '2026-01-08T11:00:00.000000',
      'edx.forum.response.created',
      coursePath(C1, `discussion/threads/${t1.oid}/reply`),
      commentCreatedPayload(r1, topicT1, url(t1), ['Student'])
    );
    emit(
      1003,
      '2026-01-08T12:00:00.000000',
      'edx.forum.comment.created',
      coursePath(C1, `discussion/comments/${r1.oid}/reply`),
      commentCreatedPayload(cm, topicT1, url(t1), ['Student'])
    );
    emit(
      1004,
      '2026-01-09T09:00:00.000000',
      'edx.forum.thread.created',
      coursePath(C1, `discussion/${general.id}/threads/create`),
      threadCreatedPayload(t2, general, url(t2), ['Student'])
    );
  }

  // --- 1003: textbook on 2026-01-12 -----------------------------------------------------------
  {
    const actor = actorOf(person(1003));
    const asset = assetKey(C1, c1.textbooks[0]!);
    const page = base + pdfBookPath(C1, 0, asset);
    const book = (time: string, eventType: string, payload: Record<string, unknown>) =>
      ctx.emit(
        browserEvent({ actor, course: C1, us: usOf(time), eventType, page, event: JSON.stringify(payload) }),
        'textbook-1003'
      );
    book('2026-01-12T14:00:00.000000', 'book', {
      type: 'gotopage',
      old: 1,
      new: 1,
      chapter: asset,
      name: 'textbook.pdf.page.loaded'
    });
    book('2026-01-12T14:00:30.000000', 'textbook.pdf.page.navigated', {
      chapter: asset,
      name: 'textbook.pdf.page.navigated',
      page: 12
    });
    book('2026-01-12T14:01:00.000000', 'textbook.pdf.zoom.buttons.changed', {
      chapter: asset,
      name: 'textbook.pdf.zoom.buttons.changed',
      page: 12,
      direction: 'in'
    });
    book('2026-01-12T14:01:30.000000', 'textbook.pdf.search.executed', {
      chapter: asset,
      name: 'textbook.pdf.search.executed',
      page: 12,
      query: 'pivot',
      caseSensitive: false,
      highlightAll: true,
      findPrevious: false,
      status: ''
    });
    book('2026-01-12T14:02:00.000000', 'textbook.pdf.page.scrolled', {
      chapter: asset,
      name: 'textbook.pdf.page.scrolled',
      page: 12,
      direction: 'down'
    });
    book('2026-01-12T14:02:10.000000', 'textbook.pdf.page.scrolled', {
      chapter: asset,
      name: 'textbook.pdf.page.scrolled',
      page: 13,
      direction: 'down'
    });
  }

  // --- 1003: implicit page views ---------------------------------------------------------------
  {
    const actor = actorOf(person(1003));
    const view = (time: string, sub: string, arrival?: string) => {
      const event = implicitEvent({ actor, course: C1, us: usOf(time), path: coursePath(C1, sub), tags: c1Tags(1003) });
      if (arrival) event.arrivalUs = usOf(arrival);
      ctx.emit(event, 'pages-1003');
    };
    const unit = unitOf(c1, leafById(c1, V2_ID));
    view('2025-12-14T23:59:59.999999', 'progress', '2025-12-15T00:00:00.250000');
    view('2025-12-15T10:00:00.000000', 'progress');
    view('2025-12-16T11:00:00.000000', 'progress');
    view('2025-12-16T11:30:00.000000', 'progress');
    view('2026-01-08T09:55:00.000000', 'discussion/forum');
    view('2026-01-10T10:00:00.000000', 'courseware');
    view('2026-01-10T10:00:20.000000', `courseware/${unit.chapter.id}/${unit.sequential.id}/`);
    view('2026-02-08T09:00:00.000000', 'info');
    const at = usOf('2026-01-10T10:00:20');
    ctx.ledger.touch(C1.courseId, 1003, 'course', rootKey(C1), at, { position: unit.chapterPosition });
    ctx.ledger.touch(C1.courseId, 1003, 'chapter', unit.chapter.key, at, { position: unit.seqPosition });
    ctx.ledger.touch(C1.courseId, 1003, 'sequential', unit.sequential.key, at, { position: unit.position });
  }

  // --- 1004: video bumper on 2026-01-12 -------------------------------------------------------
  {
    const actor = actorOf(person(1004));
    const page = unitPage(c1, V1_ID);
    const bumper = (time: string, name: string, fields: Record<string, unknown>) =>
      ctx.emit(
        browserEvent({
          actor,
          course: C1,
          us: usOf(time),
          eventType: name,
          page,
          event: JSON.stringify(bumperPayload(V1_ID, fields))
        }),
        'bumper-1004'
      );
    bumper('2026-01-12T16:00:00.000000', 'edx.video.bumper.loaded', {});
    bumper('2026-01-12T16:00:01.500000', 'edx.video.bumper.played', { currentTime: 0, duration: 5.2 });
    bumper('2026-01-12T16:00:04.200000', 'edx.video.bumper.skipped', { currentTime: 2.7, duration: 5.2 });
  }

  // --- 1061: the C3 look-alike (same video block ids as C1) -----------------------------------
  {
    const actor = actorOf(person(1061));
    const page = unitPage(c3, V1_ID);
    ctx.emit(
      implicitEvent({ actor, course: C3, us: usOf('2025-12-16T12:00:00.000000'), path: coursePath(C3, 'progress') }),
      'lookalike-1061'
    );
    const video = (time: string, eventType: string, fields: Record<string, unknown>) =>
      ctx.emit(
        browserEvent({
          actor,
          course: C3,
          us: usOf(time),
          eventType,
          page,
          event: JSON.stringify({ id: V1_ID, code: 'html5', ...fields })
        }),
        'lookalike-1061'
      );
    video('2026-01-05T10:30:00.000000', 'load_video', {});
    video('2026-01-05T10:30:04.000000', 'play_video', { currentTime: 0 });
    video('2026-01-05T10:30:34.000000', 'pause_video', { currentTime: 30 });
    ctx.emit(
      implicitEvent({ actor, course: C3, us: usOf('2026-01-10T11:00:00.000000'), path: coursePath(C3, 'courseware') }),
      'lookalike-1061'
    );
    ctx.ledger.touch(C3.courseId, 1061, 'video', leafById(c3, V1_ID).key, usOf('2026-01-05T10:30:34'), {
      saved_video_position: '00:00:30'
    });
  }

  // --- Traps: lines every reader must survive --------------------------------------------------
  {
    const anonymous = (userId: null | ''): Actor => ({
      userId,
      username: '',
      ip: '192.0.2.55',
      agent: person(1005).agent,
      session: '',
      host: 'lms-app-02',
      baseUrl: base
    });
    ctx.emit(
      implicitEvent({
        actor: anonymous(null),
        course: C1,
        us: usOf('2026-01-05T11:15:00.500000'),
        path: coursePath(C1, 'about')
      }),
      'traps'
    );
    ctx.emit(
      browserEvent({
        actor: anonymous(''),
        course: C1,
        us: usOf('2026-01-05T11:16:00.250000'),
        eventType: 'page_close',
        event: '',
        page: base + coursePath(C1, 'about')
      }),
      'traps'
    );
    const a1005 = actorOf(person(1005));
    const v1Page = unitPage(c1, V1_ID);
    ctx.emit(
      browserEvent({
        actor: a1005,
        course: null,
        label: null,
        us: usOf('2026-01-05T12:00:00.000000'),
        eventType: 'edx.ui.lms.link_clicked',
        page: v1Page,
        event: linkClickedPayload(v1Page, 'https://www.example.org/tidy-data-cheatsheet.pdf')
      }),
      'traps'
    );
    ctx.emit(
      implicitEvent({
        actor: actorOf(person(1032)),
        course: C2,
        us: usOf('2025-12-03T14:00:00.000000'),
        path: coursePath(C2, 'progress'),
        escapeSlashes: true
      }),
      'traps'
    );
    const tour = leafById(c2, 'Archive_Tour');
    ctx.emit(
      browserEvent({
        actor: actorOf(person(1033)),
        course: C2,
        us: usOf('2025-12-03T19:22:10.118204'),
        timeStyle: 'naive',
        eventType: 'play_video',
        page: unitPage(c2, 'Archive_Tour'),
        event: JSON.stringify({ id: tour.video!.eventId, code: tour.video!.youtubeId, currentTime: 0 })
      }),
      'traps'
    );
  }
}
