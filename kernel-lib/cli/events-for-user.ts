import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { Command } from './command';
import { openCourseRun } from '../load/course-run';
import { exportUserEvents } from '../output/user-events-export';
import { InputError } from '../util/errors';
import { COURSE_RUN_ARGS, COURSE_RUN_HELP, courseRunOptions } from './course-args';

export const eventsForUserCommand: Command = {
  name: 'events-for-user',
  summary: 'export one learner’s events as CSV and JSON lines',
  help: `usage: samced events-for-user --user <id> --data <drop dir> --org <org> --course <course> --run <run>
                              --start YYYY-MM-DD --end YYYY-MM-DD [--all] [--raw] [--out <dir>]

Writes user-<id>-events-<org>-<course>-<run>-<yymmdd>-<yymmdd>.csv (one row per event: time, type,
video id and positions, payload) and .jsonl (the log lines) into --out (default: here). Video events
only, as the original, unless --all. Prints both paths.

  --user <id>           edX user id (an integer; 0 never matches anonymous events)
  --all                 every event of the learner, not only video events
  --raw                 keep the log lines verbatim in the .jsonl: they hold the username, IP
                        address and user agent (PERSONAL DATA). Default: those fields removed.
  --out <dir>           output folder (default: the working directory)
${COURSE_RUN_HELP}
`,
  async run(args, effects) {
    const { values } = parseArgs({
      args,
      options: {
        ...COURSE_RUN_ARGS,
        user: { type: 'string' },
        all: { type: 'boolean' },
        raw: { type: 'boolean' },
        out: { type: 'string' }
      }
    });
    const user = Number(values.user);
    if (!values.user || !Number.isSafeInteger(user))
      throw new InputError(`--user must be an integer edX user id, not '${values.user ?? ''}'`);
    // the raw lines (for the .jsonl) exist only when the logs are read: never the event store here
    const options = { ...(await courseRunOptions(values, 'events-for-user', effects.logger)), store: false as const };
    const run = await openCourseRun(options, effects);
    try {
      const written = await exportUserEvents(run, user, {
        out: resolve(values.out ?? '.'),
        all: values.all,
        raw: values.raw
      });
      if (values.raw)
        effects.logger.warn(
          `${written.jsonl} holds raw log lines with the learner's username, IP address and user agent: personal data`
        );
      effects.logger.info(`${written.rows} ${values.all ? '' : 'video '}events of user ${user}`);
      process.stdout.write(`${written.csv}\n${written.jsonl}\n`);
      return 0;
    } finally {
      await run.close();
    }
  }
};
