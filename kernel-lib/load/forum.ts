import { InputError } from '../util/errors';
import type { Duck } from '../duck/connection';
import { readJsonLines, type BadLine } from './json-lines';

/**
 * Columns of the `forum` table (one row per document of the `.mongo` forum dump).
 *
 * @example
 * Object.keys(FORUM_COLUMNS); // the documented columns of forum
 */
export const FORUM_COLUMNS = {
  post_id: 'Mongo `_id` of the post (24 hex).',
  post_type: '`CommentThread` (a thread) or `Comment` (a response or a comment).',
  author_id: 'edX user id of the author (the dump stores it as a string).',
  thread_id: 'For a Comment: `_id` of its thread; NULL for threads.',
  parent_id: 'For a reply to a response: `_id` of that response; else NULL.',
  created_at: 'Creation time (UTC), from any of the three `$date` forms.',
  course_id: 'Course id as stored.',
  thread_type: '`discussion` or `question` (threads, since 2014).',
  commentable_id: 'Discussion topic id.',
  anonymous: 'Posted anonymously.',
  anonymous_to_peers: 'Anonymous to other learners only.',
  title: 'Thread title (free text; never exported).',
  body: 'Post text (free text; never exported).',
  votes_up: 'Up votes.',
  comment_count: 'Number of comments (threads).',
  source_line: 'Line of the document in the dump.'
} as const;

function oid(value: unknown): string | null {
  if (value && typeof value === 'object' && '$oid' in value) return String((value as { $oid: unknown }).$oid);
  return typeof value === 'string' ? value : null;
}

/** Milliseconds since the epoch from `{"$date": ms}`, `{"$date": "ISO"}`, `{"$date": {"$numberLong": "ms"}}` or a bare ISO string. */
export function mongoDateMillis(value: unknown): number | null {
  let v: unknown = value;
  if (v && typeof v === 'object' && '$date' in v) v = (v as { $date: unknown }).$date;
  if (v && typeof v === 'object' && '$numberLong' in v) v = Number((v as { $numberLong: unknown }).$numberLong);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

/** Rewrites mongo-shell `ISODate("...")` / `ObjectId("...")` (seen in docs) to extended JSON. */
function fixShellSyntax(text: string): string {
  if (!text.includes('ISODate(') && !text.includes('ObjectId(')) return text;
  return text
    .replace(/ISODate\(\s*"([^"]*)"\s*\)/g, '{"$date":"$1"}')
    .replace(/ObjectId\(\s*"([^"]*)"\s*\)/g, '{"$oid":"$1"}');
}

export interface ForumLoadReport {
  file: string;
  rows: number;
  /** Lines skipped with skipBadLines, each once. */
  skipped: BadLine[];
}

/**
 * Loads the forum dump (mongoexport JSON lines) into the DuckDB table `forum`.
 * Bad lines fail with file and line, or are skipped and counted with `skipBadLines`.
 */
export async function loadForum(
  duck: Duck,
  path: string | undefined,
  options: { skipBadLines?: boolean } = {}
): Promise<ForumLoadReport> {
  await duck.run(`CREATE OR REPLACE TEMP TABLE forum_staging (
    post_id VARCHAR, post_type VARCHAR, author_id BIGINT, thread_id VARCHAR, parent_id VARCHAR,
    created_ms BIGINT, course_id VARCHAR, thread_type VARCHAR, commentable_id VARCHAR,
    anonymous BOOLEAN, anonymous_to_peers BOOLEAN, title VARCHAR, body VARCHAR, votes_up INTEGER,
    comment_count INTEGER, source_line INTEGER)`);
  const report: ForumLoadReport = { file: path ?? '', rows: 0, skipped: [] };
  const finish = async () => {
    await duck.run(`CREATE OR REPLACE TABLE forum AS SELECT post_id, post_type, author_id, thread_id, parent_id,
      make_timestamp(created_ms * 1000) AS created_at, course_id, thread_type, commentable_id, anonymous,
      anonymous_to_peers, title, body, votes_up, comment_count, source_line FROM forum_staging ORDER BY source_line;
      DROP TABLE forum_staging`);
    return report;
  };
  if (!path) return finish();
  const onBad = (bad: BadLine) => {
    if (!options.skipBadLines) throw new InputError(bad.message, { file: path, line: bad.line });
    report.skipped.push(bad);
  };
  const appender = await duck.connection.createAppender('forum_staging');
  const str = (v: unknown) =>
    v === undefined || v === null ? appender.appendNull() : appender.appendVarchar(String(v));
  const bool = (v: unknown) => (typeof v === 'boolean' ? appender.appendBoolean(v) : appender.appendNull());
  const int = (v: unknown) =>
    typeof v === 'number' && Number.isInteger(v) ? appender.appendInteger(v) : appender.appendNull();
  for await (const { line, value } of readJsonLines(path, onBad, fixShellSyntax)) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      onBad({ line, message: 'not a JSON object', reason: 'not a JSON object' });
      continue;
    }
    const d = value as Record<string, unknown>;
    const created = mongoDateMillis(d.created_at);
    const author = d.author_id === undefined || d.author_id === null ? NaN : Number(d.author_id);
    str(oid(d._id));
    str(d._type);
    if (Number.isSafeInteger(author)) appender.appendBigInt(BigInt(author));
    else appender.appendNull();
    str(oid(d.comment_thread_id));
    str(oid(d.parent_id));
    if (created === null) appender.appendNull();
    else appender.appendBigInt(BigInt(Math.round(created)));
    str(d.course_id);
    str(d.thread_type);
    str(d.commentable_id);
    bool(d.anonymous);
    bool(d.anonymous_to_peers);
    str(d.title);
    str(d.body);
    int((d.votes as { up_count?: unknown } | undefined)?.up_count);
    int(d.comment_count);
    appender.appendInteger(line);
    appender.endRow();
    report.rows += 1;
  }
  appender.closeSync();
  return finish();
}
