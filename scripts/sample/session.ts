/**
 * One study session of one learner in one course: page views, sequence navigation, videos,
 * problems, forum posts and textbook use, in time order. Shared by the sample (which also
 * records studentmodule state and forum documents) and the benchmark drop generator.
 */
import { type CourseDef, assetKey, coursePath, rootKey } from './courses';
import {
  type Actor,
  type EnvelopeOptions,
  type MobileApp,
  type TrackingEvent,
  browserEvent,
  implicitEvent,
  mobileEvent,
  serverEvent
} from './event-envelope';
import {
  bookPayload,
  linkClickedPayload,
  pdfBookPath,
  pdfPayload,
  SEQUENCE_NAMES,
  sequencePayload
} from './event-misc';
import {
  type Answers,
  type ProblemMemory,
  browserCheckString,
  checkPost,
  checkProblem,
  freshMemory,
  pickAnswers,
  problemGradedPayload,
  problemGrades,
  problemState
} from './event-problem';
import { MOBILE_VIDEO_NAMES, bumperPayload, simulateWatch, videoPayload } from './event-video';
import {
  type ForumDoc,
  type ForumStore,
  commentCreatedPayload,
  commentText,
  objectId,
  threadCreatedPayload,
  threadText,
  threadUrl,
  topicOf,
  topicsOf
} from './forum';
import type { Ledger } from './ledger';
import type { Leaf, Outline, Unit } from './outline';
import type { Rng } from './prng';
import { pyFloat } from './python-json';
import { type TimeStyle, US_PER_SECOND, dayStartUs, mongoIso } from './time';

/** A learner as the session needs them. */
export interface Learner {
  id: number;
  username: string;
  ip: string;
  agent: string;
  /** Uses the mobile app for some videos. */
  mobile: boolean;
  /** Chance of answering an input right, 0..1. */
  skill: number;
  /** course_user_tags of server events. */
  tags: Record<string, string>;
  /** Forum roles written in forum events. */
  forumRoles?: string[];
}

/** Where a learner is in a course (kept between sessions). */
export interface CourseProgress {
  nextUnit: number;
  videoPos: Map<string, number>;
  problems: Map<string, ProblemMemory>;
  speed: string;
}

/** A fresh progress record. */
export function newProgress(): CourseProgress {
  return { nextUnit: 0, videoPos: new Map(), problems: new Map(), speed: '1.0' };
}

/** The course and side effects a session writes into. */
export interface SessionWorld {
  outline: Outline;
  /** https://courses.edx.org or https://edge.edx.org */
  baseUrl: string;
  /** Values of `host`, one picked per event. */
  hosts: readonly string[];
  emit(event: TrackingEvent): void;
  /** Records studentmodule state (sample only). */
  ledger?: Ledger | null;
  /** Records forum documents; without it no posts are written. */
  forum?: ForumStore | null;
  /** Share of lines writing course_id with escaped slashes (old-style courses). */
  escapeSlashRate?: number;
}

/**
 * What kind of visit: `study` works through content, `checkin` only looks at progress/info,
 * `staff` is a course-team visit (instructor dashboard, then the forum).
 */
export type SessionKind = 'study' | 'checkin' | 'staff';

const sec = (seconds: number) => Math.round(seconds * US_PER_SECOND);

const MOBILE_APPS: MobileApp[] = [
  { platform: 'android', version: '4.3.1', device: 'Pixel 7' },
  { platform: 'ios', version: '5.12.0', device: 'iPhone14,5' },
  { platform: 'android', version: '4.2.0', device: 'SM-A546B' }
];

function hhmmss(seconds: number): string {
  const s = Math.floor(seconds);
  return [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60].map((n) => String(n).padStart(2, '0')).join(':');
}

/** Builds the events of one session; {@link runSession} is the entry point. */
class Session {
  private t: number;
  private readonly course: CourseDef;
  private readonly actor: Actor;

  constructor(
    private readonly world: SessionWorld,
    private readonly learner: Learner,
    private readonly progress: CourseProgress,
    private readonly rng: Rng,
    startUs: number
  ) {
    this.t = startUs;
    this.course = world.outline.course;
    this.actor = {
      userId: learner.id,
      username: learner.username,
      ip: learner.ip,
      agent: learner.agent,
      session: rng.hex(32),
      host: world.hosts[0]!,
      baseUrl: world.baseUrl
    };
  }

  get now(): number {
    return this.t;
  }

  private wait(min: number, max: number): void {
    this.t += sec(this.rng.between(min, max));
  }

  private envelope(us = this.t, timeStyle: TimeStyle = 'micro'): EnvelopeOptions {
    const escapeSlashes = (this.world.escapeSlashRate ?? 0) > 0 && this.rng.chance(this.world.escapeSlashRate!);
    return {
      actor: this.actor,
      host: this.rng.pick(this.world.hosts),
      course: this.course,
      us,
      timeStyle,
      layout: this.rng.int(0, 2),
      escapeSlashes
    };
  }

  private page(path: string): string {
    return this.world.baseUrl + path;
  }

  private unitPath(unit: Unit): string {
    return coursePath(this.course, `courseware/${unit.chapter.id}/${unit.sequential.id}/`);
  }

  private view(sub: string, get?: Record<string, string[]>): void {
    this.world.emit(
      implicitEvent({ ...this.envelope(), path: coursePath(this.course, sub), get, tags: this.learner.tags })
    );
  }

  private touch(
    type: string,
    key: string,
    state: Record<string, unknown>,
    grade: ReturnType<typeof problemGrades> | null = null
  ): void {
    this.world.ledger?.touch(
      this.course.courseId,
      this.learner.id,
      type,
      key,
      this.t,
      state,
      grade?.grade ?? null,
      grade?.maxGrade ?? null
    );
  }

  /** Entry pages at the start of a session. */
  start(kind: SessionKind): void {
    if (kind === 'staff') {
      this.view('instructor');
      this.wait(10, 120);
      if (this.rng.chance(0.5)) this.view('instructor/api/get_students_features');
      this.wait(5, 60);
      this.forum(null);
      return;
    }
    if (kind === 'checkin') {
      this.view(this.rng.chance(0.7) ? 'progress' : 'info');
      this.wait(5, 60);
      if (this.rng.chance(0.4)) this.view('progress');
      return;
    }
    const r = this.rng.float();
    if (r < 0.2) this.view('info');
    else if (r < 0.45) this.view('courseware');
    if (this.rng.chance(0.08)) {
      this.wait(2, 20);
      this.view('progress');
    }
    this.wait(2, 15);
  }

  /** Works through 1-4 units from where the learner left off (or revisits one when all open units are done). */
  study(): void {
    const open = this.world.outline.units.filter((u) => this.isOpen(u));
    if (open.length === 0) return;
    let index = Math.min(this.progress.nextUnit, open.length);
    if (index >= open.length) index = this.rng.int(0, open.length - 1);
    const count = this.rng.int(1, 4);
    let previous: Unit | null = null;
    for (let k = 0; k < count && index < open.length; k++, index++) {
      const unit = open[index]!;
      this.enterUnit(unit, previous);
      for (const leaf of unit.leaves) {
        this.leaf(leaf, unit);
        this.wait(3, 40);
      }
      previous = unit;
    }
    this.progress.nextUnit = Math.max(this.progress.nextUnit, index);
  }

  private isOpen(unit: Unit): boolean {
    const start = unit.chapter.metadata.start as string;
    return dayStartUs(start.slice(0, 10)) <= this.t;
  }

  private enterUnit(unit: Unit, previous: Unit | null): void {
    const seqUnits = this.world.outline.units.filter((u) => u.sequential === unit.sequential).length;
    if (previous && previous.sequential === unit.sequential) {
      const kind = this.rng.chance(0.7) ? 'next' : 'goto';
      this.world.emit(
        browserEvent({
          ...this.envelope(),
          eventType: `seq_${kind}`,
          name: SEQUENCE_NAMES[kind],
          event: JSON.stringify(sequencePayload(kind, unit.sequential.key, previous.position, unit.position, seqUnits)),
          page: this.page(this.unitPath(unit))
        })
      );
    } else {
      const get = this.rng.chance(0.3) ? { activate_block_id: [unit.key] } : undefined;
      this.view(`courseware/${unit.chapter.id}/${unit.sequential.id}/`, get);
      this.touch('course', rootKey(this.course), { position: unit.chapterPosition });
      this.touch('chapter', unit.chapter.key, { position: unit.seqPosition });
    }
    this.touch('sequential', unit.sequential.key, { position: unit.position });
    this.wait(2, 12);
  }

  private leaf(leaf: Leaf, unit: Unit): void {
    if (leaf.video && this.rng.chance(0.85)) this.video(leaf, unit);
    else if (leaf.problem) this.problem(leaf, unit);
    else if (leaf.category === 'discussion' && this.rng.chance(0.35)) this.forum(leaf);
    else if (leaf.category === 'html' && this.rng.chance(0.08)) {
      this.world.emit(
        browserEvent({
          ...this.envelope(),
          eventType: 'edx.ui.lms.link_clicked',
          event: linkClickedPayload(this.page(this.unitPath(unit)), 'https://en.wikipedia.org/wiki/Tidy_data'),
          page: this.page(this.unitPath(unit))
        })
      );
    }
  }

  /** Watches (part of) a video in the browser or the mobile app. */
  video(leaf: Leaf, unit: Unit): void {
    const info = leaf.video!;
    const mobile = this.learner.mobile && this.rng.chance(0.35);
    const page = this.page(this.unitPath(unit));
    if (!mobile && this.course.style === 'new' && this.rng.chance(0.04)) this.bumper(info.eventId, page);
    const result = simulateWatch(this.rng, {
      duration: info.durationSec,
      from: this.progress.videoPos.get(leaf.id) ?? 0,
      speed: mobile ? '1.0' : this.progress.speed,
      withDuration: this.course.style === 'new' && this.rng.chance(0.5),
      browser: !mobile
    });
    const start = this.t;
    const code = mobile ? 'mobile' : this.course.style === 'new' ? 'html5' : info.youtubeId;
    const app = this.rng.pick(MOBILE_APPS);
    const zulu = this.rng.chance(0.25);
    const delay = this.rng.chance(0.05) ? sec(this.rng.between(3600, 30000)) : sec(this.rng.between(0.5, 20));
    for (const step of result.steps) {
      const us = start + sec(step.at);
      const payload = videoPayload(info.eventId, code, step.fields);
      if (mobile) {
        const name = MOBILE_VIDEO_NAMES[step.action];
        if (!name) continue;
        const whole = zulu ? us : Math.floor(us / US_PER_SECOND) * US_PER_SECOND;
        this.world.emit(
          mobileEvent({
            ...this.envelope(whole, zulu ? 'zulu' : 'seconds'),
            eventType: step.action,
            name,
            event: payload,
            receivedUs: us + delay,
            app
          })
        );
      } else {
        this.world.emit(
          browserEvent({ ...this.envelope(us), eventType: step.action, event: JSON.stringify(payload), page })
        );
      }
    }
    this.t = start + sec(result.elapsed);
    this.progress.videoPos.set(leaf.id, result.end);
    if (!mobile) this.progress.speed = result.speed;
    const state: Record<string, unknown> = { saved_video_position: hhmmss(result.end) };
    if (result.speed !== '1.0') state.speed = Number(result.speed);
    this.touch('video', leaf.key, state);
    if (!mobile && this.rng.chance(0.3)) {
      this.world.emit(
        implicitEvent({
          ...this.envelope(this.t + sec(0.2)),
          path: coursePath(this.course, `xblock/${leaf.key}/handler/xmodule_handler/save_user_state`),
          post: { saved_video_position: [hhmmss(result.end)] },
          tags: this.learner.tags
        })
      );
    }
  }

  private bumper(mainId: string, page: string): void {
    const emit = (name: string, fields: Record<string, unknown>) =>
      this.world.emit(
        browserEvent({
          ...this.envelope(),
          eventType: name,
          event: JSON.stringify(bumperPayload(mainId, fields)),
          page
        })
      );
    emit('edx.video.bumper.loaded', {});
    this.wait(0.5, 2);
    emit('edx.video.bumper.played', { currentTime: 0, duration: 5.2 });
    const skip = this.rng.chance(0.6);
    this.wait(skip ? 1 : 5, skip ? 4 : 5.5);
    emit(skip ? 'edx.video.bumper.skipped' : 'edx.video.bumper.stopped', {
      currentTime: skip ? 2.1 : 5.2,
      duration: 5.2
    });
    this.wait(0.5, 2);
  }

  /** Attempts a problem (up to three checks), with hints and show-answer now and then. */
  problem(leaf: Leaf, unit: Unit): void {
    const p = leaf.problem!;
    const memory = this.progress.problems.get(leaf.id) ?? freshMemory();
    if (p.survey === 'post' && this.t < dayStartUs(this.course.end) - 12 * 86_400 * US_PER_SECOND) return;
    if (p.survey && memory.attempts > 0 && !this.rng.chance(0.05)) return;
    if (memory.solved || memory.attempts >= 3) return;
    const page = this.page(this.unitPath(unit));
    let current = memory;
    for (let attempt = 0; attempt < 3 && current.attempts < 3; attempt++) {
      this.wait(15, p.survey ? 240 : 150);
      const answers = pickAnswers(leaf, Math.min(0.95, 0.35 + 0.5 * this.learner.skill + 0.2 * current.attempts), () =>
        this.rng.float()
      );
      const result = this.check(leaf, answers, current, page);
      current = result.memory;
      if (result.success === 'correct' || p.survey || !this.rng.chance(0.45)) {
        if (result.success !== 'correct' && !p.survey && this.rng.chance(0.3)) this.showAnswer(leaf, page);
        break;
      }
      if (this.rng.chance(0.2)) {
        this.wait(5, 30);
        this.world.emit(
          serverEvent({
            ...this.envelope(),
            eventType: 'edx.problem.hint.demandhint_displayed',
            name: true,
            event: { hint_index: 0, hint_len: 2, hint_text: 'Look at what each row describes.', module_id: leaf.key },
            path: coursePath(this.course, `xblock/${leaf.key}/handler/hint_button`),
            module: { display_name: leaf.displayName, usage_key: leaf.key },
            tags: this.learner.tags
          })
        );
      }
    }
    this.progress.problems.set(leaf.id, current);
  }

  /** Browser check, implicit handler request, server check (and sometimes problem_graded). */
  private check(leaf: Leaf, answers: Answers, memory: ProblemMemory, page: string): ReturnType<typeof checkProblem> {
    const outline = this.world.outline;
    const handler = coursePath(this.course, `xblock/${leaf.key}/handler/xmodule_handler/problem_check`);
    this.world.emit(
      browserEvent({
        ...this.envelope(),
        eventType: 'problem_check',
        event: browserCheckString(outline, leaf, answers, this.rng.chance(0.3)),
        page
      })
    );
    this.t += sec(this.rng.between(0.05, 0.3));
    this.world.emit(
      implicitEvent({
        ...this.envelope(),
        path: handler,
        post: checkPost(outline, leaf, answers),
        tags: this.learner.tags
      })
    );
    this.t += sec(this.rng.between(0.01, 0.2));
    const result = checkProblem(outline, leaf, answers, memory);
    this.world.emit(
      serverEvent({
        ...this.envelope(),
        eventType: 'problem_check',
        event: result.event,
        path: handler,
        page: 'x_module',
        module: { display_name: leaf.displayName, usage_key: leaf.key },
        tags: this.learner.tags
      })
    );
    const submitted = mongoIso(this.t).replace(/\.\d{3}Z$/, 'Z');
    const state = problemState(outline, leaf, result.memory, submitted);
    this.touch('problem', leaf.key, state, problemGrades(leaf, result.grade));
    if (leaf.problem!.noGrade) {
      // Open responses are graded by staff a few days later: only studentmodule shows the grade.
      const graded = this.rng.int(2, leaf.problem!.maxGrade);
      this.world.ledger?.touch(
        this.course.courseId,
        this.learner.id,
        'problem',
        leaf.key,
        this.t + sec(this.rng.between(2, 6) * 86_400),
        state,
        pyFloat(graded),
        pyFloat(leaf.problem!.maxGrade)
      );
    }
    if (this.rng.chance(0.4)) {
      this.t += sec(this.rng.between(0.3, 1.2));
      this.world.emit(
        browserEvent({
          ...this.envelope(),
          eventType: 'problem_graded',
          event: problemGradedPayload(outline, leaf, answers),
          page
        })
      );
    }
    return result;
  }

  private showAnswer(leaf: Leaf, page: string): void {
    this.wait(3, 40);
    this.world.emit(
      browserEvent({
        ...this.envelope(),
        eventType: 'problem_show',
        event: JSON.stringify({ problem: leaf.key }),
        page
      })
    );
    this.t += sec(this.rng.between(0.05, 0.4));
    this.world.emit(
      serverEvent({
        ...this.envelope(),
        eventType: 'showanswer',
        event: { problem_id: leaf.key },
        path: coursePath(this.course, `xblock/${leaf.key}/handler/xmodule_handler/problem_show`),
        page: 'x_module',
        module: { display_name: leaf.displayName, usage_key: leaf.key },
        tags: this.learner.tags
      })
    );
  }

  /** Reads the forum of a topic and sometimes writes a thread, response or comment. */
  forum(leaf: Leaf | null): void {
    const outline = this.world.outline;
    const topics = topicsOf(outline);
    const topic = leaf ? topicOf(outline, leaf) : this.rng.pick(topics);
    this.view('discussion/forum');
    this.wait(5, 90);
    const store = this.world.forum;
    if (!store) return;
    const count = store.threadsBefore(this.course, this.t);
    const r = this.rng.float();
    if (r < 0.12 || count === 0) {
      if (r < 0.12) this.newThread(store, topic);
      return;
    }
    const thread = store.threadAt(this.course, this.rng.int(0, count - 1));
    const threadTopic = topics.find((t) => t.id === thread.commentableId) ?? topics[0]!;
    this.view(`discussion/forum/${thread.commentableId}/threads/${thread.oid}`);
    this.wait(10, 120);
    const responses = store.responses(thread, this.t);
    if (r < 0.4) this.newComment(store, thread, null, threadTopic);
    else if (r < 0.55 && responses.length > 0) this.newComment(store, thread, this.rng.pick(responses), threadTopic);
    else if (
      r < 0.7 &&
      thread.authorId !== this.learner.id &&
      !thread.upVotes.some((v) => v.user === String(this.learner.id))
    ) {
      thread.upVotes.push({ user: String(this.learner.id), us: this.t });
      this.world.emit(
        serverEvent({
          ...this.envelope(),
          eventType: 'edx.forum.thread.voted',
          name: true,
          event: {
            vote_value: 'up',
            undo_vote: false,
            target_username: thread.authorUsername,
            id: thread.oid,
            commentable_id: thread.commentableId,
            category_id: threadTopic.id,
            category_name: threadTopic.name,
            url: threadUrl(this.world.baseUrl, this.course, thread.commentableId, thread.oid),
            user_course_roles: [],
            user_forums_roles: this.learner.forumRoles ?? ['Student']
          },
          path: coursePath(this.course, `discussion/threads/${thread.oid}/upvote`),
          tags: this.learner.tags
        })
      );
    }
  }

  private docBase(): Pick<
    ForumDoc,
    'course' | 'authorId' | 'authorUsername' | 'createdUs' | 'dateForm' | 'layout' | 'upVotes' | 'endorsed'
  > {
    return {
      course: this.course,
      authorId: this.learner.id,
      authorUsername: this.learner.username,
      createdUs: Math.floor(this.t / 1000) * 1000,
      dateForm: this.rng.weighted([
        ['iso', 5],
        ['number', 3],
        ['long', 2]
      ] as const),
      layout: this.rng.int(0, 2),
      upVotes: [],
      endorsed: false
    };
  }

  private newThread(store: ForumStore, topic: { id: string; name: string }): void {
    this.wait(30, 300);
    const text = threadText(this.rng);
    const base = this.docBase();
    const threadType = this.rng.chance(0.3) ? 'question' : 'discussion';
    const doc = store.add({
      ...base,
      oid: objectId(base.createdUs, this.rng.hex(16)),
      type: 'CommentThread',
      title: text.title,
      body: text.body,
      threadType,
      commentableId: topic.id
    });
    const path = coursePath(this.course, `discussion/${topic.id}/threads/create`);
    this.world.emit(
      implicitEvent({
        ...this.envelope(),
        path,
        post: { thread_type: [doc.threadType!], title: [doc.title!], body: [doc.body] },
        tags: this.learner.tags
      })
    );
    this.t += sec(this.rng.between(0.05, 0.3));
    this.world.emit(
      serverEvent({
        ...this.envelope(),
        eventType: 'edx.forum.thread.created',
        name: true,
        path,
        tags: this.learner.tags,
        event: threadCreatedPayload(
          doc,
          topic,
          threadUrl(this.world.baseUrl, this.course, topic.id, doc.oid),
          this.learner.forumRoles ?? ['Student']
        )
      })
    );
  }

  private newComment(
    store: ForumStore,
    thread: ForumDoc,
    response: ForumDoc | null,
    topic: { id: string; name: string }
  ): void {
    this.wait(20, 200);
    const base = this.docBase();
    const body = commentText(this.rng);
    const doc = store.add({
      ...base,
      oid: objectId(base.createdUs, this.rng.hex(16)),
      type: 'Comment',
      body,
      commentableId: thread.commentableId,
      threadOid: thread.oid,
      parentOid: response?.oid
    });
    const path = response
      ? coursePath(this.course, `discussion/comments/${response.oid}/reply`)
      : coursePath(this.course, `discussion/threads/${thread.oid}/reply`);
    this.world.emit(implicitEvent({ ...this.envelope(), path, post: { body: [doc.body] }, tags: this.learner.tags }));
    this.t += sec(this.rng.between(0.05, 0.3));
    this.world.emit(
      serverEvent({
        ...this.envelope(),
        eventType: response ? 'edx.forum.comment.created' : 'edx.forum.response.created',
        name: true,
        path,
        tags: this.learner.tags,
        event: commentCreatedPayload(
          doc,
          topic,
          threadUrl(this.world.baseUrl, this.course, thread.commentableId, thread.oid),
          this.learner.forumRoles ?? ['Student']
        )
      })
    );
  }

  /** Opens a PDF textbook and reads a few pages. */
  textbook(): void {
    const books = this.world.outline.textbooks;
    if (books.length === 0) return;
    const book = this.rng.int(0, books.length - 1);
    const asset = assetKey(this.course, books[book]!);
    const page = this.page(pdfBookPath(this.course, book, asset));
    this.view(`pdfbook/${book}/`);
    const emit = (eventType: string, payload: Record<string, unknown>) =>
      this.world.emit(browserEvent({ ...this.envelope(), eventType, event: JSON.stringify(payload), page }));
    let current = 1;
    emit('book', bookPayload(asset, 'gotopage', current, current));
    const turns = this.rng.int(1, 8);
    for (let i = 0; i < turns; i++) {
      this.wait(8, 120);
      const r = this.rng.float();
      if (r < 0.5) {
        emit('book', bookPayload(asset, 'nextpage', current, current + 1));
        current++;
      } else if (r < 0.65) {
        emit(
          'textbook.pdf.page.scrolled',
          pdfPayload('textbook.pdf.page.scrolled', asset, current, { direction: this.rng.pick(['down', 'up']) })
        );
      } else if (r < 0.75) {
        emit(
          'textbook.pdf.zoom.buttons.changed',
          pdfPayload('textbook.pdf.zoom.buttons.changed', asset, current, { direction: this.rng.pick(['in', 'out']) })
        );
      } else if (r < 0.85) {
        emit(
          'textbook.pdf.search.executed',
          pdfPayload('textbook.pdf.search.executed', asset, current, {
            query: this.rng.pick(['median', 'tidy', 'letter', 'scale']),
            caseSensitive: false,
            highlightAll: true,
            findPrevious: false,
            status: ''
          })
        );
      } else {
        const target = this.rng.int(1, 40);
        emit(
          'textbook.pdf.page.navigated',
          pdfPayload('textbook.pdf.page.navigated', asset, current, { page: target })
        );
        current = target;
      }
    }
  }

  /** Extras at the end: textbook, forum, progress page, page_close. */
  finish(kind: SessionKind): void {
    if (kind === 'study') {
      if (this.rng.chance(0.1)) this.textbook();
      if (this.rng.chance(0.12)) this.forum(null);
      if (this.rng.chance(0.2)) {
        this.wait(3, 30);
        this.view('progress');
      }
    }
    if (this.rng.chance(0.5)) {
      this.wait(2, 30);
      this.world.emit(
        browserEvent({
          ...this.envelope(),
          eventType: 'page_close',
          event: '',
          page: this.page(coursePath(this.course, 'courseware'))
        })
      );
    }
  }
}

/**
 * Runs one session starting at `startUs` and returns when it ended (microseconds).
 * Events go to `world.emit`; studentmodule and forum side effects to `world.ledger`/`world.forum`.
 */
export function runSession(
  world: SessionWorld,
  learner: Learner,
  progress: CourseProgress,
  rng: Rng,
  startUs: number,
  kind: SessionKind = 'study'
): number {
  const session = new Session(world, learner, progress, rng, startUs);
  session.start(kind);
  if (kind === 'study') session.study();
  session.finish(kind);
  return session.now;
}
