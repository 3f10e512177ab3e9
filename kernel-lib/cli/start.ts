import type { Command } from './command';
import { InputError } from '../util/errors';

export const startCommand: Command = {
  name: 'start',
  summary: 'run the main job on the embedded sample drop',
  help: 'usage: samced start (not implemented yet)',
  async run() {
    throw new InputError('samced start is not implemented yet');
  }
};
