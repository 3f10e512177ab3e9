// Regenerates the whole sample into a temporary folder and compares it byte for byte with the
// committed data/: proves the generator is deterministic and the committed drop is current.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { projectRoot } from '../../kernel-lib/util/paths';
import { generateSample } from '../../scripts/sample/sample-drop';

const dataDir = join(projectRoot(), 'data');
const GPG = 'sample-drop/edx-course-data/samcedx/edx/events/2026/samcedx-edx-events-2026-01-20.log.gz.gpg';

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(dir, join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

test('regenerating the sample gives the committed data/ byte for byte', async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'samced-sample-'));
  try {
    // The demo key is made once and committed; the encrypted file is kept when it still
    // decrypts to the same plaintext. Seed both from the committed copy, as a re-run in place would see them.
    await cp(join(dataDir, 'keys', 'DEMO-ONLY-secret-key.asc'), join(tmp, 'keys', 'DEMO-ONLY-secret-key.asc'));
    await cp(join(dataDir, 'keys', 'DEMO-ONLY-public-key.asc'), join(tmp, 'keys', 'DEMO-ONLY-public-key.asc'));
    await cp(join(dataDir, GPG), join(tmp, GPG));
    const summary = await generateSample({ dataDir: tmp });
    assert.equal(summary.keyCreated, false);
    assert.equal(
      summary.encryptedReused,
      true,
      'the committed .gpg no longer decrypts to the regenerated day: run npm run build:sample'
    );
    const expected = await listFiles(dataDir);
    const actual = await listFiles(tmp);
    assert.deepEqual(actual, expected, 'file lists differ: run npm run build:sample');
    for (const file of expected) {
      const [a, b] = await Promise.all([readFile(join(dataDir, file)), readFile(join(tmp, file))]);
      assert.ok(a.equals(b), `${file} differs from a fresh generation: run npm run build:sample`);
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});
