import { parseArgs } from 'node:util';
import type { Command } from './command';
import { buildSamced } from '../output/build';
import { InputError } from '../util/errors';
import { exitCleanlyOnSignals } from '../util/private-temp';
import { readSecret, secretFromVariable } from '../output/pseudonymise';
import { COURSE_RUN_ARGS, COURSE_RUN_HELP, courseRunOptions } from './course-args';

export const BUILD_HELP = `usage: samced build --data <drop dir> --org <org> --course <course> --run <run>
                    --start YYYY-MM-DD --end YYYY-MM-DD [--out <dir>] [options]

Builds one course run's SAMCED output: <org>-<course>-<run>-SAMCED.db (SQLite), SAMCED-<table>.csv
for every table, info.txt, the copied course files, manifest.json and data-dictionary.md.
Prints the output folder on its last line. Ctrl-C or SIGTERM removes the partial output and the
temporary files (exit status 130 or 143); after a kill -9 the next build removes them.

${COURSE_RUN_HELP}
  --out <dir>           output folder (must not exist); default
                        <org>-<course>-<run>-<yymmdd>-<yymmdd>-<YYYYmmddHHMMSS> here
  --survey-match <m>    exact (default: display name equals a name) or contains (all words)
  --pre-survey <name>   pre-survey display name (or word with contains); repeatable;
                        default "Pre-course survey" (contains: "pre" "survey")
  --post-survey <name>  post-survey display name; repeatable; default "Post-survey"
                        (contains: "post" "survey")
  --completion-threshold <f>  video_watch: share of a video's seconds watched for 'completed'
                        (default 0.95)
  --end-slack <s>       video_watch: 'reached_end' needs the segment at max(d - s, threshold x d)
                        (default 30 seconds)
  --no-events           course data only: the tracking logs are not read; the tables built
                        from events are written empty (see the manifest's events.note)
  --pseudonymise <file> replace every user, profile and per-learner row id by a keyed hash
                        (HMAC-SHA256 with the secret in <file>, at least 16 bytes, mode 600; stable
                        across tables and runs), leave free text (free-text survey answers,
                        studentmodule state, wiki text) and the raw course files out (the
                        event store may be read; it is never written)
  --pseudonymise-env <variable>
                        the same, with the secret in this environment variable
  --free-text           also write the free text learners typed (profile language, location and
                        city; with --pseudonymise also the above): it may name or describe them

Secrets come from the environment or a file, never from the command line, and are never written
to the outputs, the manifest (it says only whether ids were pseudonymised), the event store or
the log: the key (--key, $SAMCED_GPG_KEY), its passphrase ($SAMCED_GPG_PASSPHRASE,
$SAMCED_GPG_PASSPHRASE_FILE) and the pseudonymisation secret (--pseudonymise, --pseudonymise-env).
`;

export const buildCommand: Command = {
  name: 'build',
  summary: 'build one course run’s SAMCED outputs (SQLite, CSV, info.txt, manifest, data dictionary)',
  help: BUILD_HELP,
  async run(args, effects) {
    const { values } = parseArgs({
      args,
      options: {
        ...COURSE_RUN_ARGS,
        out: { type: 'string' },
        'survey-match': { type: 'string' },
        'pre-survey': { type: 'string', multiple: true },
        'post-survey': { type: 'string', multiple: true },
        'no-events': { type: 'boolean' },
        'completion-threshold': { type: 'string' },
        'end-slack': { type: 'string' },
        pseudonymise: { type: 'string' },
        'pseudonymise-env': { type: 'string' },
        'free-text': { type: 'boolean' }
      }
    });
    exitCleanlyOnSignals(); // Ctrl-C or SIGTERM: the cut files and the partial output folder go
    if (values.pseudonymise !== undefined && values['pseudonymise-env'] !== undefined)
      throw new InputError('give --pseudonymise or --pseudonymise-env, not both');
    const match = values['survey-match'] ?? 'exact';
    if (match !== 'exact' && match !== 'contains')
      throw new InputError(`--survey-match must be exact or contains, not '${match}'`);
    const result = await buildSamced(
      {
        ...(await courseRunOptions(values, 'build', effects.logger)),
        out: values.out,
        noEvents: values['no-events'],
        pseudonymiseSecret: values.pseudonymise
          ? await readSecret(values.pseudonymise, effects.logger)
          : values['pseudonymise-env'] !== undefined
            ? secretFromVariable(values['pseudonymise-env'])
            : undefined,
        aggregate: {
          ...(values['completion-threshold'] !== undefined
            ? { completionThreshold: Number(values['completion-threshold']) }
            : {}),
          ...(values['end-slack'] !== undefined ? { endSlackSeconds: Number(values['end-slack']) } : {}),
          ...(values['free-text'] ? { freeText: true } : {}),
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
