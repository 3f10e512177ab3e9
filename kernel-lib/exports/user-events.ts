import { literal } from '../duck/connection';
import { VIDEO_EVENT_TYPES } from '../aggregates/video';

/** Personal fields removed from each exported line unless the raw lines are asked for. */
export const PERSONAL_EVENT_FIELDS = ['username', 'ip', 'agent', 'session', 'referer', 'accept_language', 'host'];

/** Columns of the events-for-user CSV. */
export const USER_EVENT_COLUMNS = {
  time: 'Event time, UTC.',
  event_type: '`event_type` as logged.',
  name: 'Top-level `name`.',
  event_source: '`browser`, `server`, `mobile`.',
  video_id: 'Video id (`event.id`) for video events.',
  position: 'Video position in seconds (`currentTime` / `current_time`).',
  old_time: 'Seek start (seek events).',
  new_time: 'Seek target (seek events).',
  page: 'Page URL.',
  event: 'The payload as JSON.',
  source_file: 'Daily file.',
  source_line: 'Line in that file.'
} as const;

/**
 * Removes the personal fields from one log line (top level and `context`).
 *
 * @example
 * stripPersonalFields('{"username":"ann","ip":"10.0.0.1","event_type":"play_video","context":{"user_id":7,"session":"s1"}}');
 * // '{"event_type":"play_video","context":{"user_id":7}}'
 */
export function stripPersonalFields(line: string): string {
  const value = JSON.parse(line) as Record<string, unknown>;
  for (const f of PERSONAL_EVENT_FIELDS) delete value[f];
  const context = value.context as Record<string, unknown> | undefined;
  if (context && typeof context === 'object')
    for (const f of ['username', 'ip', 'agent', 'session', 'host']) delete context[f];
  return JSON.stringify(value);
}

/**
 * SQL over `events` for one learner: video events (as the original `get-events-for-user.pl`), or
 * every event with `all`. The id is compared as an integer, so id 0 does not match anonymous
 * events (the original's numeric comparison did). `line` is the log line as delivered (from the
 * view `personal.event_lines`).
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * await showQuery(run.duck.connection, userEventsSql(7)); // learner 7's video events
 * await showQuery(run.duck.connection, userEventsSql(7, { all: true })); // every event of learner 7
 */
export function userEventsSql(userId: number, options: { all?: boolean } = {}): string {
  const filter = options.all
    ? ''
    : `AND (event_type IN (${VIDEO_EVENT_TYPES.map(literal).join(', ')}) OR starts_with(coalesce(name, ''), 'edx.video.'))`;
  return `SELECT strftime(time, '%Y-%m-%d %H:%M:%S.%f') AS time, event_type, name, event_source,
      json_extract_string(event, '$.id') AS video_id,
      TRY_CAST(coalesce(json_extract_string(event, '$.currentTime'), json_extract_string(event, '$.current_time')) AS DOUBLE) AS position,
      TRY_CAST(json_extract_string(event, '$.old_time') AS DOUBLE) AS old_time,
      TRY_CAST(json_extract_string(event, '$.new_time') AS DOUBLE) AS new_time,
      page, CAST(event AS VARCHAR) AS event, source_file, source_line, l.raw AS line
    FROM events JOIN personal.event_lines l USING (source_file, source_line)
    WHERE user_id = ${Math.trunc(userId)} ${filter}
    ORDER BY events.time NULLS LAST, source_file, source_line`;
}
