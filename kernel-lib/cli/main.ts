import { InputError, OutputError } from '../util/errors';
import { defaultEffects, type Effects } from '../util/effects';
import type { Command } from './command';

/** One sub-command, loaded only when it runs (the AWS SDK, openpgp and zeromq stay out of other commands' start-up). */
interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

/** Every sub-command, in the order `samced --help` lists them. */
export const commands: CommandEntry[] = [
  {
    name: 'start',
    summary: 'run the main job on the embedded sample drop (what `npm start` runs)',
    load: async () => (await import('./start')).startCommand
  },
  {
    name: 'build',
    summary: 'build one course run’s SAMCED outputs (SQLite, CSV, info.txt, manifest, data dictionary)',
    load: async () => (await import('./build')).buildCommand
  },
  {
    name: 'run',
    summary: 'execute notebooks headless and write executed .ipynb + HTML reports',
    load: async () => (await import('./run')).runCommand
  },
  {
    name: 'sql',
    summary: 'a DuckDB SQL prompt (or one query with -c) on an opened course run',
    load: async () => (await import('./sql')).sqlCommand
  },
  {
    name: 'open',
    summary: 'open a course run and list its tables; with --db, write it to a DuckDB file',
    load: async () => (await import('./open')).openCommand
  },
  {
    name: 'sync',
    summary: 'download new edX deliveries from S3 (course-data zips, daily event logs)',
    load: async () => (await import('./sync')).syncCommand
  },
  {
    name: 'index',
    summary: 'index an org’s daily event logs into a partitioned Parquet event store (new files only)',
    load: async () => (await import('./index-store')).indexCommand
  },
  {
    name: 'decrypt',
    summary: 'decrypt OpenPGP files (and unpack database zips) into the drop layout',
    load: async () => (await import('./decrypt')).decryptCommand
  },
  {
    name: 'events-for-user',
    summary: 'export one learner’s events as CSV and JSON lines',
    load: async () => (await import('./events-for-user')).eventsForUserCommand
  },
  {
    name: 'email-opt-in',
    summary: 'export the email opt-in list (PERSONAL DATA, only when asked for)',
    load: async () => (await import('./email-opt-in')).emailOptInCommand
  }
];

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'samced: edX research data to DuckDB views, SAMCED outputs and notebook reports',
    '',
    'usage: samced <command> [options]      (samced <command> --help for its options)',
    '',
    ...commands.map((c) => '  ' + c.name.padEnd(width + 2) + c.summary)
  ].join('\n');
}

/** Runs the CLI; returns the exit status. Input and output errors print one clear line, no stack trace (status 2 and 1). */
export async function main(argv: string[], effects: Effects = defaultEffects): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    process.stderr.write(`samced: unknown command '${name}'\n\n` + usage() + '\n');
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help.trimEnd() + '\n');
    return 0;
  }
  try {
    return await command.run(rest, effects);
  } catch (error) {
    if (
      error instanceof InputError ||
      (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
    ) {
      process.stderr.write(`samced ${name}: ${(error as Error).message}\n`);
      return 2;
    }
    if (error instanceof OutputError) {
      process.stderr.write(`samced ${name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
