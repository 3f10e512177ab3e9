import type { Command } from './command';
import { InputError } from '../util/errors';

export const eventsForUserCommand: Command = {
  name: 'events-for-user',
  summary: 'export one learner’s events as CSV and JSON lines',
  help: 'usage: samced events-for-user (not implemented yet)',
  async run() {
    throw new InputError('samced events-for-user is not implemented yet');
  }
};
