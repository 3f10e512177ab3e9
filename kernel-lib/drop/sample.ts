import { join } from 'node:path';
import { projectRoot, sampleDataDir } from '../util/paths';

/**
 * The embedded sample drop and the course run the main job builds from it, as options of
 * `openCourseRun` and `buildSamced`. The key is a PUBLIC DEMO KEY committed with the sample (it
 * opens without a passphrase): never use it for real data.
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * await run.duck.scalar('SELECT count(*) FROM events'); // every event of the window, the encrypted day's too
 * await run.close();
 */
export function sampleCourseRun(root: string = projectRoot()) {
  return {
    data: sampleDataDir(root),
    org: 'SamcedX',
    course: 'DATA101',
    run: '1T2026',
    start: '2025-12-15',
    end: '2026-02-08',
    keyFile: join(root, 'data', 'keys', 'DEMO-ONLY-secret-key.asc')
  };
}
