import { loadSql } from '../duck/sql-files';
import { InputError } from '../util/errors';
import {
  DEFAULT_AGGREGATE_OPTIONS,
  type AggregateOptions,
  type OutputColumn,
  type SamcedTable,
  type TableFamily
} from './table';
import { VIDEO_EVENTS } from './video';

/** Positions and durations above 10 hours are rejected (as the edx-analytics-pipeline). */
export const VIDEO_MAX_SECONDS = 36000;
/** A viewing shorter than this (seconds) is discarded (as the pipeline). */
export const VIDEO_MIN_VIEWING_SECONDS = 0.25;
/** Length of a video_segments segment in seconds (as the pipeline and the original's compartments). */
export const VIDEO_SEGMENT_SECONDS = 5;

/** The two completion parameters, with their defaults applied and checked. */
export interface CompletionParameters {
  completionThreshold: number;
  endSlackSeconds: number;
}

/** Reads and checks `completionThreshold` (0 < t <= 1) and `endSlackSeconds` (>= 0) from the options. */
export function completionParameters(options: Partial<AggregateOptions>): CompletionParameters {
  const completionThreshold = options.completionThreshold ?? DEFAULT_AGGREGATE_OPTIONS.completionThreshold!;
  const endSlackSeconds = options.endSlackSeconds ?? DEFAULT_AGGREGATE_OPTIONS.endSlackSeconds!;
  if (!Number.isFinite(completionThreshold) || completionThreshold <= 0 || completionThreshold > 1) {
    throw new InputError(`completionThreshold must be a number above 0 and at most 1, not ${completionThreshold}`);
  }
  if (!Number.isFinite(endSlackSeconds) || endSlackSeconds < 0) {
    throw new InputError(`endSlackSeconds must be a number of seconds >= 0, not ${endSlackSeconds}`);
  }
  return { completionThreshold, endSlackSeconds };
}

const VIDEO_ID: OutputColumn = {
  name: 'video_id',
  type: 'TEXT',
  doc: 'Video id from the event payload (`event.id`, trimmed): a block hash, or `i4x-Org-Course-video-name` in old courses.'
};
const DURATION: OutputColumn = {
  name: 'duration_s',
  type: 'REAL',
  doc: 'Video duration used, seconds (one per video, see duration_source); NULL when no source has one.'
};
const DURATION_SOURCE: OutputColumn = {
  name: 'duration_source',
  type: 'TEXT',
  doc:
    '`structure` (course structure `metadata.duration`), else `event` (the largest `event.duration` of the video’s events), ' +
    'else `inferred` (the furthest end position of any learner’s valid viewing: a lower bound, not a measurement). Values of 0 or above 10 h are ignored. NULL when none.'
};

/** The viewing rules, shared by the three table docs. */
export const VIEWING_RULES =
  'Viewings are built as the edx-analytics-pipeline builds them. Per learner and video, `play_video`, `pause_video`, `stop_video` and `seek_video` ' +
  '(browser or mobile names, string or object payloads) are sorted by time; events whose position is missing, negative, not finite or above 10 h are ' +
  'dropped (a pause without a position is at 0). A viewing starts at a play, at its `currentTime`, or at the `new_time` of a seek that directly precedes ' +
  'the play (the play after a seek often logs the old position). It ends at the next event: a pause or stop (its position) or a seek (its `old_time`). ' +
  'A play followed by another play, or by nothing, is dropped (closing the browser undercounts). A viewing is discarded when its end is more than ' +
  '1 s beyond a known (structure or event) duration, when its end is before its start, or when it is shorter than 0.25 s. ' +
  'Coverage is counted per integer second as Aspects counts it: a viewing from a to b covers seconds floor(a) to ceil(b) - 1 (second s is [s, s+1)), ' +
  'never beyond the last second of the video (ceil(duration) - 1); seconds covered twice count once.';

const NEW_TABLE =
  'New in samced: the original toolkit computed no watch time, durations or viewing intervals (only event counts and 5-second position buckets).';

/** The three watch-time tables: per learner and video, per video segment, per video. */
export const videoWatchFamily: TableFamily = {
  family: 'video_watch',
  extracts: [VIDEO_EVENTS],
  async build(ctx) {
    const { completionThreshold, endSlackSeconds } = completionParameters(ctx.options);
    await ctx.duck.run(
      loadSql('aggregates/video-watch.sql', {
        max_seconds: String(VIDEO_MAX_SECONDS),
        min_viewing: String(VIDEO_MIN_VIEWING_SECONDS),
        segment: String(VIDEO_SEGMENT_SECONDS),
        threshold: String(completionThreshold),
        end_slack: String(endSlackSeconds)
      })
    );
    const endRule = `max(duration - ${endSlackSeconds}, ${completionThreshold} × duration)`;
    return [
      {
        name: 'video_watch',
        family: 'video_watch',
        doc: `One row per learner and video with at least one video event (any of the ten; anonymous events are left out): watch time, views and completion. ${VIEWING_RULES}`,
        columns: [
          { name: 'user_id', type: 'INTEGER', doc: 'edX user id (`context.user_id`).' },
          VIDEO_ID,
          {
            name: 'seconds_watched',
            type: 'INTEGER',
            doc: 'Distinct seconds of the video covered by the learner’s valid viewings; 0 when none.'
          },
          {
            name: 'fraction_watched',
            type: 'REAL',
            doc: 'seconds_watched / duration_s, rounded to 4 decimals (can slightly exceed 1 when the duration is fractional); NULL without a duration.'
          },
          {
            name: 'furthest_position_s',
            type: 'REAL',
            doc: 'Largest end position of a valid viewing, seconds; NULL when none.'
          },
          {
            name: 'views',
            type: 'INTEGER',
            doc: 'Valid viewings (a play paired with a pause, stop or seek that passed the rules, as the Insights "view"); 0 when none.'
          },
          {
            name: 'discarded_views',
            type: 'INTEGER',
            doc: 'Plays with an end event that a rule discarded (end past the duration + 1 s, end before start, shorter than 0.25 s).'
          },
          {
            name: 'unended_plays',
            type: 'INTEGER',
            doc: 'Plays followed by another play or by no event: dropped, not counted as views.'
          },
          {
            name: 'completed',
            type: 'INTEGER',
            doc:
              `1 when seconds_watched >= completionThreshold × duration_s (Aspects’ “watched entire video”; completionThreshold = ${completionThreshold} here, ` +
              'see manifest.json `parameters.aggregate`), else 0. With an inferred duration this is relative to the furthest point anyone watched.'
          },
          {
            name: 'reached_end',
            type: 'INTEGER',
            doc:
              `1 when a valid viewing covers a second of the 5-second segment holding the "complete end" point ${endRule}, taken as a whole second and capped at the last second ` +
              `(the pipeline’s users_at_end rule; ` +
              `endSlackSeconds = ${endSlackSeconds}), else 0. Seeking to the end and watching a moment counts: this is "reached the end", completed is "watched".`
          },
          {
            name: 'first_event_time',
            type: 'TEXT',
            doc: 'Time of the learner’s first event of this video (any of the ten video events), UTC `YYYY-MM-DD HH:MM:SS.ffffff`.'
          },
          { name: 'last_event_time', type: 'TEXT', doc: 'Time of the learner’s last event of this video, UTC.' },
          DURATION,
          DURATION_SOURCE
        ],
        orderBy: ['user_id', 'video_id'],
        fixes: [
          NEW_TABLE,
          'Differences from the pipeline: the seek rule looks at the event directly before a play (the pipeline used the event that ended the previous viewing); ' +
            'one duration per video (structure first, then event) is used for every viewing (the pipeline used each play’s own duration, then YouTube).'
        ]
      },
      {
        name: 'video_segments',
        family: 'video_watch',
        doc:
          `The drop-off curve: one row per video with at least one covered second and per ${VIDEO_SEGMENT_SECONDS}-second segment, from segment 0 to the segment ` +
          'holding the last second of the duration used (every segment, 0 counts included). A viewing covers a segment when it covers one of its seconds (coverage as in video_watch).',
        columns: [
          VIDEO_ID,
          {
            name: 'segment',
            type: 'INTEGER',
            doc: `Segment number: floor(second / ${VIDEO_SEGMENT_SECONDS}); 0 covers seconds 0-4.`
          },
          {
            name: 'start_s',
            type: 'INTEGER',
            doc: `First second of the segment (segment × ${VIDEO_SEGMENT_SECONDS}).`
          },
          {
            name: 'users',
            type: 'INTEGER',
            doc: 'Distinct learners whose valid viewings cover the segment (the pipeline’s num_users).'
          },
          {
            name: 'views',
            type: 'INTEGER',
            doc: 'Valid viewings covering the segment, all learners (the pipeline’s num_views).'
          }
        ],
        orderBy: ['video_id', 'segment'],
        fixes: [
          NEW_TABLE,
          'A viewing ending exactly on a segment boundary (e.g. at 100.0 s) does not cover the next segment (the pipeline counted segment floor(end / 5)).'
        ]
      },
      {
        name: 'video_summary',
        family: 'video_watch',
        doc: 'One row per video: every video block of the course structure and every video id seen in the events, with the learners who viewed and completed it.',
        columns: [
          { ...VIDEO_ID, doc: 'Video id as in the events; the block hash for a structure video nobody played.' },
          {
            name: 'block_id',
            type: 'TEXT',
            doc: 'Usage key of the matching course-structure video block (matched on the block hash, also in `i4x-...-video-<hash>` ids); NULL when none matches.'
          },
          { name: 'display_name', type: 'TEXT', doc: 'Title of the video block; NULL when not in the structure.' },
          {
            name: 'course_order',
            type: 'INTEGER',
            doc: 'Position of the block in the course (depth-first walk of the structure); NULL when not in the structure. Rows are in this order.'
          },
          DURATION,
          DURATION_SOURCE,
          {
            name: 'users_with_events',
            type: 'INTEGER',
            doc: 'Learners with any event of this video (rows in video_watch).'
          },
          { name: 'users_viewed', type: 'INTEGER', doc: 'Learners with at least one valid viewing.' },
          { name: 'users_completed', type: 'INTEGER', doc: 'Learners with completed = 1.' },
          {
            name: 'users_reached_end',
            type: 'INTEGER',
            doc: 'Learners with reached_end = 1 (the pipeline’s users_at_end).'
          },
          { name: 'views', type: 'INTEGER', doc: 'Valid viewings, all learners.' },
          {
            name: 'median_seconds_watched',
            type: 'REAL',
            doc: 'Median seconds_watched over the learners who viewed (the mean of the two middle values for an even count); NULL when nobody viewed.'
          }
        ],
        orderBy: ['course_order', 'video_id'],
        fixes: [NEW_TABLE]
      }
    ] satisfies SamcedTable[];
  }
};
