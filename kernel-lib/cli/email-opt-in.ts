import type { Command } from './command';
import { InputError } from '../util/errors';

export const emailOptInCommand: Command = {
  name: 'email-opt-in',
  summary: 'export the email opt-in list (PERSONAL DATA, only when asked for)',
  help: 'usage: samced email-opt-in (not implemented yet)',
  async run() {
    throw new InputError('samced email-opt-in is not implemented yet');
  }
};
