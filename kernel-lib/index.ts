/**
 * samced: the one entry a notebook's first cell imports (`import * as samced from './kernel-lib/index'`: notebooks import from the project root, see docs/notebooks.md).
 * Explicit exports only; everything here is typed and type-checks under tslab's TypeScript 5.0.
 */

// Opening a course run: drop discovery + DuckDB tables (events, forum, course_structure, .sql exports)
export { openCourseRun, type CourseRun, type CourseRunOptions } from './load/course-run';
export { sampleCourseRun } from './drop/sample';
export {
  listSnapshots,
  listSnapshotFiles,
  pickSnapshot,
  findCourseFiles,
  type Snapshot,
  type CourseFiles
} from './drop/snapshots';
export { shortDate, datesBetween } from './drop/dates';
export { listEventFiles, type EventFile } from './drop/event-files';
export { listDropFiles, dropFolders, type DropFile, type DropFolder } from './drop/drop-files';
export { readDailyLogHead, type LogHeadEvent } from './drop/daily-log-head';
export { parseCourseKey, formatCourseKey, courseKeyForms, type CourseKey } from './drop/course-key';
export { parseExportFileName, parseEventFileName } from './drop/file-names';
export { EVENT_COLUMNS } from './load/events/events-view';
export { FORUM_COLUMNS } from './load/forum';
export { COURSE_STRUCTURE_COLUMNS } from './load/course-structure';
export { COURSE_CONTENT_COLUMNS } from './load/course-content';
export { TABLE_SCHEMAS } from './load/table-schemas';
export { openDuck, ident, literal, type Duck } from './duck/connection';
export { plainRows, type PlainRow } from './duck/rows';

// SAMCED tables and outputs
export { computeTables, type ComputeSource } from './aggregates/compute';
export { buildSamced, defaultOutName, type BuildOptions, type BuildResult } from './output/build';
export { DEFAULT_AGGREGATE_OPTIONS, type AggregateOptions, type SamcedTable } from './aggregates/table';
export { SAMCED_FAMILIES } from './aggregates/families';
export { buildEmailOptIn, EMAIL_OPT_IN_COLUMNS } from './exports/email-opt-in';
export { displayNameMatch } from './aggregates/surveys';
export { userEventsSql, stripPersonalFields } from './exports/user-events';
export { readSecret } from './output/pseudonymise';
export { writeQueryFile } from './output/query-csv';
export { readBuildOutput, type BuildManifest } from './output/manifest';
export { exportUserEvents, type UserEventsExport } from './output/user-events-export';

// Chart data
export { learnersPerVideo, videoDropOff, videoAudience, watchedShareBins } from './queries/video-charts';
export { dailyActiveLearners, eventsPerFamily } from './queries/activity-charts';
export { forumPostsPerDay, forumPostsPerThread } from './queries/forum-charts';
export {
  surveyAnswerDistribution,
  surveyPrePost,
  surveyTableQuery,
  FREE_TEXT_SHOWN,
  type PairedQuestion,
  type SurveyParticipation
} from './queries/survey-charts';
export { problemGradeDistribution, problemTableTitles } from './queries/problem-charts';

// Acquisition: S3 sync and OpenPGP decryption
// (from their modules, not the acquire/ barrel, whose S3 helpers' declarations would load the AWS SDK's types into every notebook)
export { syncDrop } from './acquire/s3-sync';
export { decryptDrop } from './acquire/decrypt-drop';
export { loadDecryptionKey } from './acquire/decryption-key';
export { decryptFile } from './acquire/decrypt-file';
export { openDecryptedStream, decryptReadable } from './acquire/decrypt-stream';

// Notebook display: HTML tables with a row cap, Markdown, Plotly charts
export { showTable, showQuery, showMarkdown, showText } from './display/display';
export { barChart, lineChart, histogram, heatmap, seriesFromRows, showChart, type Figure } from './display/charts';
export { chartSpecProblems } from './display/chart-spec';

// Effects and paths
export { projectRoot, sampleDataDir, outputFolder } from './util/paths';
export { memoryLogger, silentLogger, consoleLogger, fixedClock, systemClock } from './util/effects';

// Frames: a query's result as an arquero table or a danfo.js DataFrame (danfojs-node loaded on first use)
export {
  toArquero,
  toDanfo,
  loadArquero,
  type FrameSource,
  type DanfoDataFrame,
  type DanfoSeries
} from './display/frames';

// The organisation's event store (samced index): made or updated incrementally, opened as one `events` view over every course
export { indexEvents, defaultStoreDir, type IndexOptions, type IndexReport } from './load/event-store/index-run';
export { openEventStore, ORG_EVENT_COLUMNS, type EventStoreOptions } from './load/event-store/org-events';
export { activityPerWeek, videoCompletion, surveyAnswersPerRun, type RunWindow } from './queries/compare-runs';
