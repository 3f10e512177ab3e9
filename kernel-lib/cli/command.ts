import type { Effects } from '../util/effects';

/** One `samced <name>` sub-command. Each lives in its own file under kernel-lib/cli/. */
export interface Command {
  name: string;
  /** One line for `samced --help`. */
  summary: string;
  /** The full text of `samced <name> --help`: usage line and every option. */
  help: string;
  /** Runs the command; returns the exit status. Bad input is thrown as InputError. */
  run(args: string[], effects: Effects): Promise<number>;
}
