import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listFileEntries, sha256File } from '../../kernel-lib/output/manifest';

const SHA_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'; // SHA-256 of "abc" (FIPS 180-2)
const SHA_EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

test('output entries: every file under the folder, sorted, with size and SHA-256; files of several reads; exceptions left out', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'samced-manifest-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'b.txt'), 'abc');
  writeFileSync(join(dir, 'a.txt'), '');
  writeFileSync(join(dir, 'sub', 'c.txt'), 'abc');
  // 2.5 MB of "abc": three reads of the 1 MB buffer, the last one partial
  const big = Buffer.from('abc'.repeat(Math.ceil((2.5 * (1 << 20)) / 3)));
  writeFileSync(join(dir, 'big.bin'), big);
  for (let i = 0; i < 6; i++) writeFileSync(join(dir, `n${i}.txt`), 'abc'); // more files than are hashed at once
  writeFileSync(join(dir, 'skip.me'), 'x');
  const { createHash } = await import('node:crypto');
  const bigSha = createHash('sha256').update(big).digest('hex');
  assert.equal(await sha256File(join(dir, 'big.bin')), bigSha);
  assert.deepEqual(await listFileEntries(dir, ['skip.me']), [
    { path: 'a.txt', bytes: 0, sha256: SHA_EMPTY },
    { path: 'b.txt', bytes: 3, sha256: SHA_ABC },
    { path: 'big.bin', bytes: big.length, sha256: bigSha },
    ...Array.from({ length: 6 }, (_, i) => ({ path: `n${i}.txt`, bytes: 3, sha256: SHA_ABC })),
    { path: join('sub', 'c.txt'), bytes: 3, sha256: SHA_ABC }
  ]);
});
