import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { Command } from './command';
import { openDuck } from '../duck/connection';
import { buildEmailOptIn } from '../exports/email-opt-in';
import { listSnapshots } from '../drop/snapshots';
import { parseDate } from '../drop/dates';
import { writeQueryFile } from '../output/query-csv';
import { InputError } from '../util/errors';

export const emailOptInCommand: Command = {
  name: 'email-opt-in',
  summary: 'export the email opt-in list (PERSONAL DATA, only when asked for)',
  help: `usage: samced email-opt-in --data <drop dir> --org <org> [--course <course> --run <run>]
                           [--snapshot YYYY-MM-DD] [--out <file>]

Writes email_opt_in.csv: user_id, email, name, gender, year_of_birth, country and when the
preference was set, for every learner whose latest email preference is True: for the given course
run only, or (without --course/--run) for any course of the organisation. THE FILE IS PERSONAL DATA
(emails and full names): keep it safe and delete it when done.

  --data <dir>          the drop
  --org <org>           organisation
  --course, --run       restrict to this course run (its id in either format)
  --snapshot <date>     snapshot to read (default: the latest, as the original)
  --out <file>          output file (default: ./email_opt_in.csv)
`,
  async run(args, effects) {
    const { values } = parseArgs({
      args,
      options: {
        data: { type: 'string' },
        org: { type: 'string' },
        course: { type: 'string' },
        run: { type: 'string' },
        snapshot: { type: 'string' },
        out: { type: 'string' }
      }
    });
    if (!values.data || !values.org)
      throw new InputError('--data and --org are required (see samced email-opt-in --help)');
    if (Boolean(values.course) !== Boolean(values.run))
      throw new InputError('give both --course and --run, or neither');
    const snapshots = listSnapshots(values.data, values.org);
    const wanted = values.snapshot ? parseDate(values.snapshot, 'snapshot date') : undefined;
    const snapshot = wanted ? snapshots.find((s) => s.date === wanted) : snapshots[snapshots.length - 1];
    if (!snapshot)
      throw new InputError(wanted ? `no snapshot dated ${wanted}` : `no snapshot folders for ${values.org}`, {
        file: values.data
      });
    const out = resolve(values.out ?? 'email_opt_in.csv');
    const duck = await openDuck();
    try {
      const course = values.course ? { org: values.org, course: values.course, run: values.run! } : undefined;
      const rows = await buildEmailOptIn(duck, snapshot, values.org, course);
      await writeQueryFile(duck, 'SELECT * FROM personal.email_opt_in', out);
      effects.logger.warn(`${out} holds ${rows} email addresses and names: PERSONAL DATA, keep it safe`);
      process.stdout.write(out + '\n');
      return 0;
    } finally {
      duck.close();
    }
  }
};
