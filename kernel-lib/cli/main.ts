import { InputError } from '../util/errors';
import { defaultEffects, type Effects } from '../util/effects';
import type { Command } from './command';
import { buildCommand } from './build';
import { startCommand } from './start';
import { syncCommand } from './sync';
import { decryptCommand } from './decrypt';
import { runCommand } from './run';
import { eventsForUserCommand } from './events-for-user';
import { emailOptInCommand } from './email-opt-in';

/** Every sub-command, in the order `samced --help` lists them. */
export const commands: Command[] = [
  startCommand,
  buildCommand,
  runCommand,
  syncCommand,
  decryptCommand,
  eventsForUserCommand,
  emailOptInCommand
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

/** Runs the CLI; returns the exit status. Input errors print one clear line, no stack trace. */
export async function main(argv: string[], effects: Effects = defaultEffects): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`samced: unknown command '${name}'\n\n` + usage() + '\n');
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help.trimEnd() + '\n');
    return 0;
  }
  try {
    return await command.run(rest, effects);
  } catch (error) {
    if (error instanceof InputError || (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`samced ${name}: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}
