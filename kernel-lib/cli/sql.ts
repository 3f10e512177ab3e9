import { parseArgs } from 'node:util';
import type { Command } from './command';
import { openCourseRun } from '../load/course-run';
import { InputError } from '../util/errors';
import { EXPLORE_ARGS, EXPLORE_HELP, exploreCourseRunOptions } from './course-args';
import { historyFile, sqlPrompt } from './sql-prompt';
import { runSql, type SqlOutputState } from './sql-results';

export { historyFile, sqlPrompt, statementComplete, type PromptStreams } from './sql-prompt';
export { runSql, type SqlFormat, type SqlOutputState } from './sql-results';

export const SQL_HELP = `usage: samced sql (--sample | --data <drop dir> --org <org> --course <course> --run <run>
                  --start YYYY-MM-DD --end YYYY-MM-DD) [-c "<query>"] [--csv | --json] [options]

Opens one course run in DuckDB (the tables of openCourseRun, see docs/exploring.md: in schema main
the .sql exports by table name, forum, course_structure, course_content, events; in schema personal,
named in queries, personal.auth_user, personal.user_id_map, the whole exports behind auth_userprofile,
certificates_generatedcertificate and wiki_articlerevision, and personal.event_lines when the logs
were read rather than the event store) and runs SQL on it: the
query of -c, else the statements read from the prompt (a terminal: line editing, history in
<project>/.cache/sql-history; a statement ends with ';' at the end of a line and may span lines)
or from standard input. Results go to standard output; messages to standard error.

${EXPLORE_HELP}
  -c, --command <sql>   run these statements and exit (status 1 when one fails)
  --csv                 results as CSV (header line, RFC 4180 quoting, NULL as an empty field)
  --json                results as a JSON array of row objects per statement (integers as
                        numbers up to 2^53, else strings; timestamps as text)
  --max-rows <n>        aligned tables show at most n rows (default 40; 0: all)

At the prompt: .tables [schema], .schema <table>, .mode table|csv|json, .maxrows <n>, .help, .quit
The course run's personal data (personal.auth_user, personal.event_lines, usernames in events) is
queryable here by name as in the drop; nothing is written except the prompt history.
`;

export const sqlCommand: Command = {
  name: 'sql',
  summary: 'a DuckDB SQL prompt (or one query with -c) on an opened course run',
  help: SQL_HELP,
  async run(args, effects) {
    const { values } = parseArgs({
      args,
      options: {
        ...EXPLORE_ARGS,
        command: { type: 'string', short: 'c' },
        csv: { type: 'boolean' },
        json: { type: 'boolean' },
        'max-rows': { type: 'string' }
      }
    });
    if (values.csv && values.json) throw new InputError('give --csv or --json, not both');
    const maxRows = values['max-rows'] === undefined ? 40 : Number(values['max-rows']);
    if (!Number.isInteger(maxRows) || maxRows < 0)
      throw new InputError(`--max-rows must be a whole number, not '${values['max-rows']}'`);
    const state: SqlOutputState = { format: values.csv ? 'csv' : values.json ? 'json' : 'table', maxRows };
    const options = await exploreCourseRunOptions(values, 'sql', effects.logger);
    const run = await openCourseRun(options, effects);
    try {
      if (values.command !== undefined) {
        try {
          await runSql(run.duck, values.command, state, process.stdout);
          return 0;
        } catch (error) {
          process.stderr.write(`samced sql: ${(error as Error).message}\n`);
          return 1;
        }
      }
      const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
      if (interactive) {
        const events = run.events ? `${run.events.events} events` : 'no events';
        process.stderr.write(
          `${run.course.org}/${run.course.course}/${run.course.run}, ${run.start} to ${run.end}, ${events}. .tables lists the tables, .help the rest, .quit leaves.\n`
        );
      }
      return await sqlPrompt(run.duck, state, {
        input: process.stdin,
        output: process.stdout,
        errors: process.stderr,
        interactive,
        history: historyFile()
      });
    } finally {
      await run.close();
    }
  }
};
