import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { loadDecryptionKey } from '../../kernel-lib/acquire/decryption-key';

test('the key passphrase from the file named by $SAMCED_GPG_PASSPHRASE_FILE (one trailing newline dropped); $SAMCED_GPG_PASSPHRASE first', async () => {
  const passphrase = 'file passphrase 1.50';
  const { privateKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ email: 'file@example.invalid' }],
    passphrase,
    format: 'armored'
  });
  const dir = mkdtempSync(join(tmpdir(), 'samced-passphrase-file-'));
  try {
    const file = join(dir, 'passphrase');
    writeFileSync(file, passphrase + '\n', { mode: 0o600 });
    const key = await loadDecryptionKey({
      armoredKey: privateKey,
      env: { SAMCED_GPG_PASSPHRASE_FILE: file },
      prompt: undefined
    });
    assert.equal(
      key.keys.every((k) => k.isDecrypted()),
      true
    );
    await assert.rejects(
      loadDecryptionKey({
        armoredKey: privateKey,
        env: { SAMCED_GPG_PASSPHRASE: 'wrong', SAMCED_GPG_PASSPHRASE_FILE: file },
        prompt: undefined
      }),
      /Incorrect key passphrase/,
      'the variable comes before the file'
    );
    await assert.rejects(
      loadDecryptionKey({
        armoredKey: privateKey,
        env: { SAMCED_GPG_PASSPHRASE_FILE: join(dir, 'missing') },
        prompt: undefined
      }),
      new RegExp(`^InputError: ${join(dir, 'missing')}: cannot read the key passphrase: ENOENT`.replace(/\//g, '\\/'))
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the sample's public demo key opens without a passphrase (recognised by fingerprint); any other protected key still needs one", async () => {
  const demo = await loadDecryptionKey({
    keyFile: join('data', 'keys', 'DEMO-ONLY-secret-key.asc'),
    env: {},
    prompt: undefined
  });
  assert.equal(
    demo.keys.every((k) => k.isDecrypted()),
    true
  );
  assert.equal(demo.keys[0]!.getFingerprint(), '9223aca92b6d9f5b10520b18124fc70cf3ea8d8f');
  // another key protected by the demo's very passphrase is not unlocked by it
  const { privateKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ email: 'other@example.invalid' }],
    passphrase: 'samced-demo-passphrase',
    format: 'armored'
  });
  await assert.rejects(
    loadDecryptionKey({ armoredKey: privateKey, env: {}, prompt: undefined }),
    /protected by a passphrase/
  );
});
