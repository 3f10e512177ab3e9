/**
 * samced's second entry: what tests, the CLI and scripts need beyond the front door
 * (`kernel-lib/index.ts`, the notebooks' entry). As arquero separates its internal exports from
 * its public API, this file lists the building blocks: the families one by one and their order,
 * the build's writers, pseudonymisation, the loaders, S3 and decryption parts, the notebook
 * runner and kernel spec, display internals. Nothing here is exported by index.ts: import both
 * when a test needs both. Explicit exports only, types marked `type` (the file is compiled per
 * module by tsx and esbuild). Names here may change between versions; index.ts is the stable one.
 */

// util: effects' types, errors, atomic writes, private temporary folders, secrets
export { withDefaults, defaultEffects, type Effects, type Logger, type Clock } from './util/effects';
export { InputError, OutputError, isInputError, isEnoent, writeFailureReason } from './util/errors';
export {
  temporaryName,
  sweepStaleTemporaries,
  writeFileAtomic,
  withAtomicDirectory,
  restrictTree,
  PRIVATE_DIR_MODE,
  PRIVATE_FILE_MODE
} from './util/atomic';
export {
  privateTempRoot,
  processTempDir,
  processAlive,
  processTag,
  removeStaleProcessFolders,
  trackTemporary
} from './util/private-temp';
export { mapInParallel, DEFAULT_JOBS } from './util/parallel';
export { readSecretFile, secretFromEnvironment } from './util/secret-file';
export { packageVersion } from './util/paths';
export { Stopwatch } from './util/stopwatch';

// duck: SQL macros and files
export { createMacros } from './duck/macros';
export { loadSql } from './duck/sql-files';
export { rowKeys } from './duck/rows';
export type { DuckOptions } from './duck/connection';

// acquire: S3 listing and sync steps, delivery names, unpacking, keys
export {
  isSafeKey,
  courseDataTarget,
  eventTarget,
  decide,
  type SyncTarget,
  type SyncDecision
} from './acquire/sync-plan';
export {
  SYNC_STATE_FILE,
  readSyncState,
  writeSyncState,
  type SyncedObject,
  type SyncState
} from './acquire/sync-state';
export { partialDownloadPath, downloadObject, ObjectChangedError } from './acquire/s3-download';
export type { SyncOptions, SyncSummary } from './acquire/s3-sync';
export {
  parseDatabaseZipName,
  parseTrackingTarName,
  parseServerDayPath,
  dateInName,
  isIsoDate,
  eventFileName,
  eventFolder
} from './acquire/delivery-names';
export { unpackDatabaseZip } from './acquire/unpack-zip';
export { unpackTrackingTar, trackingTarMarker } from './acquire/unpack-tracking-tar';
export { eventTimeMicros, lineTimeKey, mergeEventLines } from './acquire/event-lines';
export { lazyDecryptor } from './acquire/lazy-decryptor';
export { planDecryptJob, type DecryptDropOptions, type DecryptDropResult } from './acquire/decrypt-drop';
export { KEY_ENV, PASSPHRASE_ENV, PASSPHRASE_FILE_ENV, type DecryptionKey } from './acquire/decryption-key';
export { DEMO_KEY_FINGERPRINT, DEMO_KEY_PASSPHRASE } from './acquire/demo-key';

// drop: names and dates
export { parseDate, timestampName } from './drop/dates';
export { isSameCourse, courseFilePrefix } from './drop/course-key';
export { isCourseFile } from './drop/file-names';

// load: the loaders one by one
export { loadTsvTable, trailingTabRows } from './load/tables';
export { loadForum, mongoDateMillis } from './load/forum';
export { loadCourseStructure, blockHash } from './load/course-structure';
export { loadCourseContent } from './load/course-content';
export { parseXml, textOf } from './load/olx';
export { loadEvents } from './load/events/events-parser';
export { startCourseRun, type CourseRunLoading, type LoadedTables } from './load/course-run';
export { cutEventFiles, CUT_SEPARATOR, type CutSegment } from './load/events/cut';
export { LineScanner } from './load/events/line-scanner';
export { readLedger, type LedgerEntry } from './load/event-store/ledger';
export { createStoreEventsView } from './load/event-store/events-view';
export { STORE_COLUMNS } from './load/event-store/partitions';

// aggregates: each family, their lanes and write order, the shared temporary tables
export { FAMILY_LANES, WRITE_ORDER } from './aggregates/families';
export type { TableFamily, OutputColumn, BuildContext, SharedExtract } from './aggregates/table';
export { computeSamcedTables, familiesWithNeeds } from './aggregates/compute';
export { standardTablesFamily } from './aggregates/standard-tables';
export { forumFamily } from './aggregates/forum';
export { videoFamily, VIDEO_EVENTS } from './aggregates/video';
export { videoWatchFamily, completionParameters, type CompletionParameters } from './aggregates/video-watch';
export { problemsFamily, LATEST_PROBLEM_CHECKS, problemTableName } from './aggregates/problems';
export { surveysFamily } from './aggregates/surveys';
export { textbookFamily } from './aggregates/textbook';
export { pagesFamily } from './aggregates/pages';
export { personCourseFamily, PERSON_COURSE_COLUMNS } from './aggregates/person-course';

// output: the build's writers, manifest, dictionary, pseudonymisation
export { openWriters } from './output/build';
export { feedSinks, type TableSink, type SinkColumn } from './output/sink';
export { sqliteSink, rowsPerInsert } from './output/sqlite';
export { csvSink, csvLine, csvField } from './output/csv';
export { tableBatches, sqliteType, type CellValue } from './output/table-rows';
export { tableColumns } from './duck/rows';
export { dataDictionary } from './output/dictionary';
export { sha256File, listFileEntries, type FileEntry } from './output/manifest';
export { infoTxt } from './output/info-txt';
export { pseudonymiseTables, pseudonym, USER_ID_COLUMNS, FREE_TEXT_MARK, columnPrivacy } from './output/pseudonymise';

// display: what the display functions are built on
export { memorySink, consoleSink, type DisplaySink } from './display/display-sink';
export { resetChartSession } from './display/charts';
export { figuresInHtml } from './display/chart-spec';
export { tableText, tableHtml, formatCount, formatNumber } from './display/table-format';
export { sliceTable, type ResultReaderLike } from './display/table-source';
export type { QueryConnectionLike } from './display/display';

// runner: the notebook runner, the kernel client and spec, parameters, reports
export {
  runNotebook,
  runNotebooks,
  projectNotebooks,
  type RunNotebookOptions,
  type NotebookRunResult
} from './runner/run';
export { KernelClient, KernelDiedError, KernelTimeoutError } from './runner/kernel-client';
export {
  ensureKernelInstalled,
  kernelSpec,
  kernelCommand,
  jupyterPrefix,
  kernelSpecDir,
  launcherPath,
  KERNEL_NAME
} from './runner/kernel-spec';
export {
  parseParameterArgs,
  parseParameterValue,
  declaredParameters,
  injectParameters,
  injectedSource,
  prepareParameters,
  splitDeclared,
  isSecretParameter
} from './runner/parameters';
export {
  createMessage,
  encodeMessage,
  decodeMessage,
  signFrames,
  DELIMITER,
  type JupyterMessage
} from './runner/jupyter-message';
export { OutputCollector, describeFailure, stripAnsi, toNbformatBundle } from './runner/cell-outputs';
export {
  readNotebook,
  parseNotebook,
  serializeNotebook,
  type Notebook,
  type CodeCell,
  type Output,
  type StreamOutput
} from './runner/notebook-format';
export { renderReport } from './runner/report';
export {
  chartHtml,
  countChartDivs,
  plotlyBundleScript,
  stripPlotlyBundles,
  PLOTLY_BUNDLE_ATTRIBUTE
} from './display/plotly-html';
export { dropProvenance, summariseDrop, stringDefaults, type DropSummary } from './runner/provenance';
export type { RunRecord } from './runner/run-record';

// cli: the commands and the entry the bin script calls
export { main, commands } from './cli/main';
export type { Command } from './cli/command';
export { courseRunOptions, COURSE_RUN_HELP } from './cli/course-args';
export { sqlPrompt, statementComplete } from './cli/sql-prompt';
export { runSql } from './cli/sql-results';
