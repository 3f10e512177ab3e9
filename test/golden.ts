import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const GOLDEN_DIR = join(process.cwd(), 'test', 'golden');

/**
 * Compares text with the golden file test/golden/<name>. Goldens are (re)written only by the
 * explicit command `npm run golden:update` (SAMCED_UPDATE_GOLDEN=1), never on CI. A mismatch
 * writes <name>-changed beside the golden (not on CI) and fails.
 */
export function assertGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  const update = process.env.SAMCED_UPDATE_GOLDEN === '1' && process.env.CI !== 'true';
  if (update) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.ok(existsSync(path), `golden file ${path} is missing: run npm run golden:update and review the diff`);
  const expected = readFileSync(path, 'utf8');
  if (expected !== actual && process.env.CI !== 'true') {
    const dot = path.lastIndexOf('.');
    writeFileSync(
      dot > path.lastIndexOf('/') ? path.slice(0, dot) + '-changed' + path.slice(dot) : path + '-changed',
      actual
    );
  }
  assert.equal(actual, expected, `output differs from golden ${name}`);
}
