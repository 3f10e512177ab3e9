/**
 * Discussion forum: the documents of the `.mongo` dump (CommentThread / Comment, as
 * cs_comments_service stores them) and the `edx.forum.*.created` event payloads that match them.
 * A document's `created_at` is written in one of the three forms mongoexport used.
 */
import type { CourseDef } from './courses';
import type { Leaf, Outline } from './outline';
import type { Rng } from './prng';

/** How `created_at` is written: epoch-ms number, ISO string, or `$numberLong`. */
export type DateForm = 'number' | 'iso' | 'long';

/** One forum document. */
export interface ForumDoc {
  oid: string;
  type: 'CommentThread' | 'Comment';
  course: CourseDef;
  authorId: number;
  authorUsername: string;
  createdUs: number;
  body: string;
  /** Threads only. */
  title?: string;
  threadType?: 'discussion' | 'question';
  commentableId: string;
  /** Comments: the thread; replies to a response also have `parentOid`. */
  threadOid?: string;
  parentOid?: string;
  dateForm: DateForm;
  /** Key-order variant of the stored document. */
  layout: number;
  /** Up-votes: voter id (as a string, as stored) and when. */
  upVotes: Array<{ user: string; us: number }>;
  endorsed: boolean;
  /** Scripted storyline document: background learners never reply to it. */
  scripted?: boolean;
}

/** A MongoDB ObjectId: 4-byte creation time then 8 other bytes (given as 16 hex). */
export function objectId(us: number, tail: string): string {
  return (
    Math.floor(us / 1_000_000)
      .toString(16)
      .padStart(8, '0') + tail.slice(0, 16).padEnd(16, '0')
  );
}

/** The commentable (discussion topic) of a discussion block, and its category name. */
export interface Topic {
  id: string;
  name: string;
}

/** Topics of a course: the course-wide "General" topic plus every discussion block. */
export function topicsOf(outline: Outline): Topic[] {
  const topics: Topic[] = [{ id: 'course', name: 'General' }];
  for (const unit of outline.units) {
    for (const leaf of unit.leaves)
      if (leaf.category === 'discussion')
        topics.push({ id: leaf.discussionId!, name: `${unit.chapter.displayName} / ${leaf.displayName}` });
  }
  return topics;
}

/** The topic of a discussion leaf. */
export function topicOf(outline: Outline, leaf: Leaf): Topic {
  const topic = topicsOf(outline).find((t) => t.id === leaf.discussionId);
  if (!topic) throw new Error('no topic for ' + leaf.key);
  return topic;
}

/** All forum documents of the drop, with indexes for the lookups sessions make. */
export class ForumStore {
  /** Every document, in the order added. */
  readonly docs: ForumDoc[] = [];
  /** Non-scripted threads per course, sorted by creation time. */
  private readonly threadsByCourse = new Map<CourseDef, ForumDoc[]>();
  private readonly threadByOid = new Map<string, ForumDoc>();
  private readonly responsesByThread = new Map<ForumDoc, ForumDoc[]>();
  private readonly childrenByThread = new Map<string, ForumDoc[]>();

  /** Adds a document and indexes it. */
  add(doc: ForumDoc): ForumDoc {
    this.docs.push(doc);
    if (doc.type === 'CommentThread') {
      this.threadByOid.set(doc.oid, doc);
      if (!doc.scripted) insertSorted(this.threadsByCourse, doc.course, doc);
    } else {
      const children = this.childrenByThread.get(doc.threadOid!) ?? [];
      children.push(doc);
      this.childrenByThread.set(doc.threadOid!, children);
      const thread = this.threadByOid.get(doc.threadOid!);
      if (thread && !doc.parentOid) {
        const list = this.responsesByThread.get(thread) ?? [];
        list.push(doc);
        this.responsesByThread.set(thread, list);
      }
    }
    return doc;
  }

  /** How many non-scripted threads of a course were created before `us` (they are the first ones of {@link threadAt}). */
  threadsBefore(course: CourseDef, us: number): number {
    const list = this.threadsByCourse.get(course) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]!.createdUs < us) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The i-th non-scripted thread of a course in creation order. */
  threadAt(course: CourseDef, i: number): ForumDoc {
    return this.threadsByCourse.get(course)![i]!;
  }

  /** Responses (direct comments) of a thread created before `us`. */
  responses(thread: ForumDoc, us: number): ForumDoc[] {
    return (this.responsesByThread.get(thread) ?? []).filter((d) => d.createdUs < us);
  }

  /** Every comment of a thread (responses and replies), in the order added. */
  children(threadOid: string): readonly ForumDoc[] {
    return this.childrenByThread.get(threadOid) ?? [];
  }
}

function insertSorted(index: Map<CourseDef, ForumDoc[]>, course: CourseDef, doc: ForumDoc): void {
  const list = index.get(course) ?? [];
  let i = list.length;
  while (i > 0 && list[i - 1]!.createdUs > doc.createdUs) i--;
  list.splice(i, 0, doc);
  index.set(course, list);
}

const THREAD_TITLES = [
  'Question about the first quiz',
  'Where can I find the slides?',
  'Video will not load on my phone',
  'Tip: use the transcript',
  'Is the deadline in UTC?',
  'Great course so far!',
  'Confused by tidy vs. wide',
  'Study group (Europe evenings)',
  'Typo in the reading',
  'How is the grade computed?',
  'Sharing my chart',
  'Which dataset did you pick?'
];
const BODIES = [
  'Thanks, that helped a lot.',
  'I had the same problem; reloading the page fixed it.',
  'Could someone explain step 2 again?',
  'Here is what I did:\n\n1. opened the file\n2. pivoted the table',
  'Agree! The examples are really clear.',
  'Check the "Course reader" under Textbooks, page 14.',
  'I think the answer depends on the units used?',
  'Great point, thank you.'
];

/** A plausible thread title and body. */
export function threadText(rng: Rng): { title: string; body: string } {
  return { title: rng.pick(THREAD_TITLES), body: rng.pick(BODIES) };
}

/** A plausible response/comment body. */
export function commentText(rng: Rng): string {
  return rng.pick(BODIES);
}

/** The forum URL of a thread. */
export function threadUrl(baseUrl: string, course: CourseDef, commentableId: string, threadOid: string): string {
  return `${baseUrl}/courses/${course.courseId}/discussion/forum/${commentableId}/threads/${threadOid}`;
}

/** Payload of `edx.forum.thread.created`. */
export function threadCreatedPayload(
  doc: ForumDoc,
  topic: Topic,
  url: string,
  roles: string[]
): Record<string, unknown> {
  return {
    id: doc.oid,
    title: doc.title,
    title_truncated: false,
    body: doc.body,
    truncated: false,
    thread_type: doc.threadType,
    anonymous: false,
    anonymous_to_peers: false,
    commentable_id: topic.id,
    category_id: topic.id,
    category_name: topic.name,
    group_id: null,
    options: { followed: true },
    url,
    user_course_roles: [],
    user_forums_roles: roles
  };
}

/** Payload of `edx.forum.response.created` or (with `responseOid`) `edx.forum.comment.created`. */
export function commentCreatedPayload(
  doc: ForumDoc,
  topic: Topic,
  url: string,
  roles: string[]
): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    id: doc.oid,
    body: doc.body,
    truncated: false,
    discussion: { id: doc.threadOid },
    commentable_id: topic.id,
    category_id: topic.id,
    category_name: topic.name,
    options: { followed: false },
    url,
    user_course_roles: [],
    user_forums_roles: roles
  };
  if (doc.parentOid) payload.response = { id: doc.parentOid };
  return payload;
}
