import { literal } from '../duck/connection';
import { loadSql } from '../duck/sql-files';
import { countColumnDocs, countColumnsSql, USER_ID_COLUMN, type CountKey } from './counts';
import type { OutputColumn, SamcedTable, SharedExtract, TableFamily } from './table';

/** The ten video events of the original toolkit, in output column order. */
export const VIDEO_EVENT_TYPES = [
  'load_video',
  'play_video',
  'pause_video',
  'stop_video',
  'seek_video',
  'speed_change_video',
  'show_transcript',
  'hide_transcript',
  'video_show_cc_menu',
  'video_hide_cc_menu'
] as const;

const VIDEO_KEYS: CountKey[] = VIDEO_EVENT_TYPES.map((t) => ({
  column: t,
  key: t,
  doc: `Number of \`${t}\` events (browser name, or the mobile \`edx.video.*\` name that means the same); NULL when none.`
}));

const NG2_KEYS: CountKey[] = [
  ...VIDEO_KEYS.filter((k) => k.key !== 'seek_video'),
  {
    column: 'seek_video_start',
    key: 'seek_video_start',
    doc: 'Seeks that started in this compartment (`old_time`); NULL when none.'
  },
  {
    column: 'seek_video_end',
    key: 'seek_video_end',
    doc: 'Seeks that landed in this compartment (`new_time`); NULL when none.'
  }
];

/** The video bumper ("pre-roll") events, column = the part after `edx.video.bumper.` (the original: the whole event type). */
export const BUMPER_EVENTS = [
  'dismissed',
  'loaded',
  'played',
  'skipped',
  'stopped',
  'transcript.hidden',
  'transcript.menu.hidden',
  'transcript.menu.shown',
  'transcript.shown'
] as const;

const BUMPER_KEYS: CountKey[] = BUMPER_EVENTS.map((b) => ({
  column: b,
  key: 'edx.video.bumper.' + b,
  doc: `Number of \`edx.video.bumper.${b}\` events; NULL when none.`
}));

const VIDEO_ID: OutputColumn = {
  name: 'video_event_id',
  type: 'TEXT',
  doc: 'Video id from the event payload (`event.id`: a block hash, or `i4x-Org-Course-video-name` in old courses); NULL when the event has none.'
};

const COMMON_FIXES = [
  'Events whose `event` payload arrived as an object are counted too (the improved CSV script skipped them).',
  'Mobile events are counted under the browser names also when their `event_type` is the new `edx.video.*` name.'
];

/** The temp table `video_events`: the course's video events, normalised (read by the video and watch-time tables). */
export const VIDEO_EVENTS: SharedExtract = {
  name: 'video_events',
  create: (duck) =>
    duck.run(loadSql('aggregates/video-events.sql', { video_types: VIDEO_EVENT_TYPES.map(literal).join(', ') }))
};

export const videoFamily: TableFamily = {
  family: 'video',
  extracts: [VIDEO_EVENTS],
  async build(ctx) {
    await ctx.duck.run(
      loadSql('aggregates/video.sql', {
        count_columns: countColumnsSql(VIDEO_KEYS),
        ng2_count_columns: countColumnsSql(NG2_KEYS),
        bumper_count_columns: countColumnsSql(BUMPER_KEYS)
      })
    );
    const tables: SamcedTable[] = [
      {
        name: 'video_activity',
        family: 'video',
        doc: 'One row per learner with at least one video event: how many of each video event they produced.',
        columns: [USER_ID_COLUMN, ...countColumnDocs(VIDEO_KEYS)],
        orderBy: ['user_id'],
        fixes: [
          'Columns are always all ten event types in a fixed order (the original made columns for the types seen, in random order).'
        ]
      },
      {
        name: 'video_activity_ng',
        family: 'video',
        doc: 'One row per learner and video: how many of each video event.',
        columns: [USER_ID_COLUMN, VIDEO_ID, ...countColumnDocs(VIDEO_KEYS)],
        orderBy: ['user_id', 'video_event_id'],
        fixes: COMMON_FIXES
      },
      {
        name: 'video_activity_ng2',
        family: 'video',
        doc: 'One row per learner, video and 5-second compartment of the video position: how many of each video event happened at that position.',
        columns: [
          USER_ID_COLUMN,
          VIDEO_ID,
          {
            name: 'time_compartment',
            type: 'INTEGER',
            doc: 'floor(position / 5): 0 covers seconds 0-4.999, 1 covers 5-9.999, ... Position is `currentTime` (or `current_time`).'
          },
          ...countColumnDocs(NG2_KEYS)
        ],
        orderBy: ['user_id', 'video_event_id', 'time_compartment'],
        fixes: [
          ...COMMON_FIXES,
          '`speed_change_video` is placed by its `current_time` (the original looked only at `currentTime` and dropped it).'
        ]
      },
      {
        name: 'pre_roll_video_activity',
        family: 'video',
        doc: 'One row per learner with a video bumper event (the short course-team clip edx.org played before videos): counts per bumper event.',
        columns: [USER_ID_COLUMN, ...countColumnDocs(BUMPER_KEYS)],
        orderBy: ['user_id'],
        fixes: [
          'Column names with dots are quoted identifiers: the original aborted the whole run when any bumper event existed.',
          'Columns are named by the part of the event type after `edx.video.bumper.` (`loaded`, `transcript.hidden`, ...); the original named them by the whole event type (`edx.video.bumper.loaded`).',
          'Columns are always all nine bumper events in a fixed order (the original made columns for the events seen, in random order).'
        ]
      }
    ];
    return tables;
  }
};
