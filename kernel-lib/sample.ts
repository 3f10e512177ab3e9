import { join } from 'node:path';
import { projectRoot, sampleDataDir } from './paths';
import { DEMO_KEY_PASSPHRASE } from './acquire/demo-key';

/**
 * The embedded sample drop and the course run the main job builds from it. The key is a
 * PUBLIC DEMO KEY committed with the sample: never use it for real data.
 */
export function sampleCourseRun(root: string = projectRoot()) {
  return {
    data: sampleDataDir(root),
    org: 'SamcedX',
    course: 'DATA101',
    run: '1T2026',
    start: '2025-12-15',
    end: '2026-02-08',
    keyFile: join(root, 'data', 'keys', 'DEMO-ONLY-secret-key.asc'),
    passphrase: DEMO_KEY_PASSPHRASE
  };
}
