import { parseArgs } from 'node:util';
import type { Command } from './command';
import { buildSamced } from '../samced/build';
import { InputError } from '../util/errors';
import { decryptorFromOptions } from './decryption-options';

export const BUILD_HELP = `usage: samced build --data <drop dir> --org <org> --course <course> --run <run>
                    --start YYYY-MM-DD --end YYYY-MM-DD [--out <dir>] [options]

Builds one course run's SAMCED output: <org>-<course>-<run>-SAMCED.db (SQLite), SAMCED-<table>.csv
for every table, info.txt, the copied course files, manifest.json and data-dictionary.md.
Prints the output folder on its last line.

  --data <dir>          the drop: holds course-data/ (snapshots) and edx-course-data/ (daily logs)
  --org <org>           organisation, as in course ids (e.g. SamcedX)
  --course <course>     course number (e.g. DATA101)
  --run <run>           course run (e.g. 1T2026); matched exactly, in both id formats
  --start <date>        first day of events (YYYY-MM-DD or YYYYMMDD), inclusive
  --end <date>          last day of events, inclusive; also picks the snapshot: the first on or
                        after this date, else the latest
  --out <dir>           output folder (must not exist); default
                        <org>-<course>-<run>-<yymmdd>-<yymmdd>-<YYYYmmddHHMMSS> here
  --snapshot <date>     use this snapshot instead
  --site <site>         read only this event site (edx, edge, prod); repeatable; default all
  --skip-bad-lines      skip and count unreadable lines and truncated files instead of failing
  --key <file>          OpenPGP private key for .gpg event files read in place
                        (or $SAMCED_GPG_KEY; passphrase from $SAMCED_GPG_PASSPHRASE or a prompt)
  --survey-match <m>    exact (default: display name equals a name) or contains (all words)
  --pre-survey <name>   pre-survey display name (or word with contains); repeatable;
                        default "Pre-course survey"
  --post-survey <name>  post-survey display name; repeatable; default "Post-survey"
  --no-events           course data only (no tracking logs)
  --threads <n>         DuckDB threads (default: all cores)
`;

export const buildCommand: Command = {
  name: 'build',
  summary: 'build one course run’s SAMCED outputs (SQLite, CSV, info.txt, manifest, data dictionary)',
  help: BUILD_HELP,
  async run(args, effects) {
    const { values } = parseArgs({
      args,
      options: {
        data: { type: 'string' },
        org: { type: 'string' },
        course: { type: 'string' },
        run: { type: 'string' },
        start: { type: 'string' },
        end: { type: 'string' },
        out: { type: 'string' },
        snapshot: { type: 'string' },
        site: { type: 'string', multiple: true },
        'skip-bad-lines': { type: 'boolean' },
        key: { type: 'string' },
        'survey-match': { type: 'string' },
        'pre-survey': { type: 'string', multiple: true },
        'post-survey': { type: 'string', multiple: true },
        'no-events': { type: 'boolean' },
        threads: { type: 'string' }
      }
    });
    for (const required of ['data', 'org', 'course', 'run', 'start', 'end'] as const) {
      if (!values[required]) throw new InputError(`--${required} is required (see samced build --help)`);
    }
    const match = values['survey-match'] ?? 'exact';
    if (match !== 'exact' && match !== 'contains') throw new InputError(`--survey-match must be exact or contains, not '${match}'`);
    const result = await buildSamced(
      {
        data: values.data!,
        org: values.org!,
        course: values.course!,
        run: values.run!,
        start: values.start!,
        end: values.end!,
        out: values.out,
        snapshot: values.snapshot,
        sites: values.site,
        skipBadLines: values['skip-bad-lines'],
        noEvents: values['no-events'],
        threads: values.threads ? Number(values.threads) : undefined,
        decrypt: await decryptorFromOptions({ keyFile: values.key }),
        aggregate: {
          surveys: {
            match,
            pre: values['pre-survey'] ?? (match === 'exact' ? ['Pre-course survey'] : ['pre', 'survey']),
            post: values['post-survey'] ?? (match === 'exact' ? ['Post-survey'] : ['post', 'survey'])
          }
        }
      },
      effects
    );
    for (const t of result.tables) effects.logger.info(`  ${t.name}: ${t.rows} rows`);
    process.stdout.write(result.outDir + '\n');
    return 0;
  }
};
