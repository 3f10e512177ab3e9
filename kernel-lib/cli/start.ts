import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from './command';
import { buildSamced, defaultOutName } from '../samced/build';
import { projectRoot } from '../paths';
import { sampleCourseRun } from '../sample';
import { decryptorFromOptions } from './decryption-options';

export const startCommand: Command = {
  name: 'start',
  summary: 'run the main job on the embedded sample drop (what `npm start` runs)',
  help: `usage: samced start [--out <dir>]

Builds the SAMCED output of the sample course run course-v1:SamcedX+DATA101+1T2026
(2025-12-15 to 2026-02-08) from the embedded sample drop in data/sample-drop, reading its one
encrypted day with the committed DEMO key, into out/ (or --out). Prints the output folder last.

  --out <dir>   parent folder for the output (default: <project>/out)
`,
  async run(args, effects) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
    const sample = sampleCourseRun();
    const parent = values.out ?? join(projectRoot(), 'out');
    const out = join(parent, defaultOutName(sample, effects.clock.now()));
    effects.logger.info(`building the sample course run ${sample.org}/${sample.course}/${sample.run} from ${sample.data}`);
    const result = await buildSamced(
      { ...sample, out, decrypt: await decryptorFromOptions({ keyFile: sample.keyFile, passphrase: sample.passphrase }) },
      effects
    );
    effects.logger.info(`SAMCED: ${result.tables.length} tables, ${result.tables.reduce((n, t) => n + t.rows, 0)} rows`);
    process.stdout.write(result.outDir + '\n');
    return 0;
  }
};
