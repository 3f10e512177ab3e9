/**
 * The `{org}-{course}-{run}-prod.mongo` forum dump: mongoexport JSON lines (compact, raw UTF-8)
 * of the course's documents created before the snapshot, with counts, votes and activity
 * times as of then. Key order differs between documents, as stored.
 */
import type { CourseDef } from './courses';
import type { DateForm, ForumDoc, ForumStore } from './forum';
import { Rng, seedOf } from './prng';
import { mongoIso } from './time';

/** A date in one of mongoexport's three forms. */
export function mongoDate(us: number, form: DateForm): object {
  const ms = Math.floor(us / 1000);
  if (form === 'number') return { $date: ms };
  if (form === 'long') return { $date: { $numberLong: String(ms) } };
  return { $date: mongoIso(us) };
}

const ALPHABETICAL = (keys: string[]) => [...keys].sort();
const MONGOID_ORDER = [
  '_id',
  'votes',
  'visible',
  'abuse_flaggers',
  'historical_abuse_flaggers',
  'thread_type',
  'context',
  'comment_count',
  'at_position_list',
  'title',
  'body',
  'course_id',
  'commentable_id',
  '_type',
  'endorsed',
  'anonymous',
  'anonymous_to_peers',
  'closed',
  'pinned',
  'tags_array',
  'author_id',
  'author_username',
  'comment_thread_id',
  'parent_id',
  'parent_ids',
  'sk',
  'updated_at',
  'created_at',
  'last_activity_at'
];

function layoutKeys(doc: ForumDoc, keys: string[]): string[] {
  if (doc.layout % 3 === 0) return ALPHABETICAL(keys);
  if (doc.layout % 3 === 1)
    return [...MONGOID_ORDER.filter((k) => keys.includes(k)), ...keys.filter((k) => !MONGOID_ORDER.includes(k))];
  return new Rng(seedOf('mongo-layout', doc.oid)).shuffle(keys);
}

function votes(doc: ForumDoc, cutoffUs: number): object {
  const up = doc.upVotes.filter((v) => v.us < cutoffUs).map((v) => v.user);
  return { count: up.length, down: [], down_count: 0, point: up.length, up, up_count: up.length };
}

/** One document as mongoexport writes it. */
export function mongoLine(doc: ForumDoc, store: ForumStore, cutoffUs: number): string {
  const date = (us: number) => mongoDate(us, doc.dateForm);
  const value: Record<string, unknown> = {
    _id: { $oid: doc.oid },
    _type: doc.type,
    abuse_flaggers: [],
    anonymous: false,
    anonymous_to_peers: false,
    at_position_list: [],
    author_id: String(doc.authorId),
    author_username: doc.authorUsername,
    body: doc.body,
    course_id: doc.course.courseId,
    created_at: date(doc.createdUs),
    historical_abuse_flaggers: [],
    updated_at: date(doc.createdUs),
    visible: true,
    votes: votes(doc, cutoffUs)
  };
  if (doc.type === 'CommentThread') {
    const children = store.children(doc.oid).filter((d) => d.createdUs < cutoffUs);
    const last = children.reduce((m, d) => Math.max(m, d.createdUs), doc.createdUs);
    Object.assign(value, {
      closed: false,
      comment_count: children.length,
      commentable_id: doc.commentableId,
      context: 'course',
      last_activity_at: date(last),
      pinned: false,
      tags_array: [],
      thread_type: doc.threadType,
      title: doc.title
    });
  } else {
    Object.assign(value, {
      comment_thread_id: { $oid: doc.threadOid },
      endorsed: doc.endorsed,
      parent_ids: doc.parentOid ? [{ $oid: doc.parentOid }] : [],
      sk: doc.parentOid ? `${doc.parentOid}-${doc.oid}` : doc.oid
    });
    if (doc.parentOid) value.parent_id = { $oid: doc.parentOid };
  }
  const out: Record<string, unknown> = {};
  for (const key of layoutKeys(doc, Object.keys(value))) out[key] = value[key];
  return JSON.stringify(out);
}

/** The whole dump of a course (documents in creation order); empty string when there are none. */
export function mongoDump(store: ForumStore, course: CourseDef, cutoffUs: number): string {
  const docs = store.docs
    .filter((d) => d.course === course && d.createdUs < cutoffUs)
    .sort((a, b) => a.createdUs - b.createdUs);
  return docs.map((d) => mongoLine(d, store, cutoffUs) + '\n').join('');
}
