import type { CourseRunOptions } from '../load/course-run';
import { projectRoot } from '../util/paths';
import { silentLogger, type Logger } from '../util/effects';
import { InputError } from '../util/errors';
import { sampleCourseRun } from '../drop/sample';

/** parseArgs options shared by the commands that open one course run. */
export const COURSE_RUN_ARGS = {
  data: { type: 'string' },
  org: { type: 'string' },
  course: { type: 'string' },
  run: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  snapshot: { type: 'string' },
  site: { type: 'string', multiple: true },
  'skip-bad-lines': { type: 'boolean' },
  key: { type: 'string' },
  threads: { type: 'string' },
  store: { type: 'string' },
  'no-store': { type: 'boolean' },
  // deprecated no-ops (the event store replaced the events cache): accepted for one release, with a warning
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
  'memory-limit': { type: 'string' },
  'max-line-mb': { type: 'string' },
  'allow-empty': { type: 'boolean' }
} as const;

/** Help lines for COURSE_RUN_ARGS. */
export const COURSE_RUN_HELP = `  --data <dir>          the drop: holds course-data/ (snapshots) and edx-course-data/ (daily logs)
  --org <org>           organisation, as in course ids (e.g. SamcedX)
  --course <course>     course number (e.g. DATA101)
  --run <run>           course run (e.g. 1T2026); matched exactly, in both id formats
  --start <date>        first day of events (YYYY-MM-DD or YYYYMMDD), inclusive
  --end <date>          last day of events, inclusive; also picks the snapshot: the first on or
                        after this date, else the latest
  --snapshot <date>     use this snapshot instead
  --site <site>         read only this event site (edx, edge, prod); repeatable; default all
  --skip-bad-lines      skip and count unreadable lines and truncated files instead of failing
  --max-line-mb <n>     an event line of the course longer than n MB is a bad line (default 32)
  --allow-empty         build even when no daily event file lies in the window (else an error)
  --key <file>          OpenPGP private key for .gpg event files read in place (or the armored
                        key in $SAMCED_GPG_KEY); passphrase from $SAMCED_GPG_PASSPHRASE, else the
                        file named by $SAMCED_GPG_PASSPHRASE_FILE, else a prompt. Key material and
                        passphrase are never written to an output, the manifest or the log
  --threads <n>         DuckDB threads (default: all cores)
  --memory-limit <size> DuckDB memory limit, e.g. 2GB (default 1GB; it spills to disk beyond it)
  --store <dir>         the event store to read the course's events from (see samced index),
                        when it holds every daily file of the window as it is now; else the
                        logs are read, with a warning (default: <data>/event-store/<org in lower
                        case> when it exists). The store is only read, never written
  --no-store            read the logs even when a store holds them
  --cache-dir, --no-cache  deprecated, do nothing (the event store replaced the events cache)`;

type CourseRunValues = {
  [K in keyof typeof COURSE_RUN_ARGS]?: (typeof COURSE_RUN_ARGS)[K] extends { multiple: true }
    ? string[]
    : (typeof COURSE_RUN_ARGS)[K]['type'] extends 'boolean'
      ? boolean
      : string;
};

/** `--threads`, `--memory-limit` and `--max-line-mb`, checked: how DuckDB and the cut read the logs (build, sql, open, index). */
export function readingOptions(values: { threads?: string; 'memory-limit'?: string; 'max-line-mb'?: string }): {
  threads?: number;
  memoryLimit?: string;
  maxLineBytes?: number;
} {
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads > 0))
    throw new InputError(`--threads must be a positive integer, not '${values.threads}'`);
  const memoryLimit = values['memory-limit'];
  if (memoryLimit !== undefined && !/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(memoryLimit)) {
    throw new InputError(`--memory-limit must be a size such as 512MB or 2GB, not '${memoryLimit}'`);
  }
  const maxLineMb = values['max-line-mb'] === undefined ? undefined : Number(values['max-line-mb']);
  if (maxLineMb !== undefined && !(maxLineMb > 0 && maxLineMb <= 1024))
    throw new InputError(
      `--max-line-mb must be a number of megabytes above 0 and at most 1024, not '${values['max-line-mb']}'`
    );
  return {
    threads,
    memoryLimit,
    maxLineBytes: maxLineMb === undefined ? undefined : Math.round(maxLineMb * (1 << 20))
  };
}

/** Checks the required options and turns parsed values into CourseRunOptions (warning of deprecated ones). */
export async function courseRunOptions(
  values: CourseRunValues,
  command: string,
  logger: Logger = silentLogger
): Promise<CourseRunOptions> {
  if (values['cache-dir'] !== undefined || values['no-cache'])
    logger.warn(
      '--cache-dir and --no-cache are deprecated and do nothing: the event store (samced index, --store, --no-store) replaced the events cache'
    );
  if (values.store !== undefined && values['no-store']) throw new InputError('give --store or --no-store, not both');
  for (const required of ['data', 'org', 'course', 'run', 'start', 'end'] as const) {
    if (!values[required]) throw new InputError(`--${required} is required (see samced ${command} --help)`);
  }
  return {
    data: values.data!,
    org: values.org!,
    course: values.course!,
    run: values.run!,
    start: values.start!,
    end: values.end!,
    snapshot: values.snapshot,
    sites: values.site,
    skipBadLines: values['skip-bad-lines'],
    ...readingOptions(values),
    allowEmpty: values['allow-empty'],
    keyFile: values.key,
    store: values['no-store'] ? false : values.store
  };
}

/** parseArgs options of the commands that open a course run for exploring (`sql`, `open`): COURSE_RUN_ARGS and `--sample`. */
export const EXPLORE_ARGS = {
  ...COURSE_RUN_ARGS,
  sample: { type: 'boolean' }
} as const;

/** Help lines for EXPLORE_ARGS. */
export const EXPLORE_HELP = `  --sample              the embedded sample course run (SamcedX/DATA101/1T2026, 2025-12-15 to
                        2026-02-08, its encrypted day read with the committed DEMO key); the
                        options below override its values
${COURSE_RUN_HELP}`;

/**
 * CourseRunOptions from EXPLORE_ARGS values: with `--sample`, the sample course run fills in the
 * options not given (and its DEMO key reads the encrypted day unless `--key` names another).
 */
export async function exploreCourseRunOptions(
  values: CourseRunValues & { sample?: boolean },
  command: string,
  logger: Logger = silentLogger
): Promise<CourseRunOptions> {
  if (!values.sample) return courseRunOptions(values, command, logger);
  const sample = sampleCourseRun(projectRoot());
  const filled = {
    ...values,
    data: values.data ?? sample.data,
    org: values.org ?? sample.org,
    course: values.course ?? sample.course,
    run: values.run ?? sample.run,
    start: values.start ?? sample.start,
    end: values.end ?? sample.end
  };
  const options = await courseRunOptions(filled, command, logger);
  return values.key ? options : { ...options, keyFile: sample.keyFile };
}
