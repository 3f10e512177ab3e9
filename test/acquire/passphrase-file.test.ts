import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { loadDecryptionKey } from '../../kernel-lib/acquire/decryption-key';

test('the key passphrase from the file named by $SAMCED_GPG_PASSPHRASE_FILE (one trailing newline dropped); $SAMCED_GPG_PASSPHRASE first', async () => {
  const passphrase = 'file passphrase 1.50';
  const { privateKey } = await openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ email: 'file@example.invalid' }], passphrase, format: 'armored' });
  const dir = mkdtempSync(join(tmpdir(), 'samced-passphrase-file-'));
  try {
    const file = join(dir, 'passphrase');
    writeFileSync(file, passphrase + '\n', { mode: 0o600 });
    const key = await loadDecryptionKey({ armoredKey: privateKey, env: { SAMCED_GPG_PASSPHRASE_FILE: file }, prompt: undefined });
    assert.equal(key.keys.every((k) => k.isDecrypted()), true);
    await assert.rejects(
      loadDecryptionKey({ armoredKey: privateKey, env: { SAMCED_GPG_PASSPHRASE: 'wrong', SAMCED_GPG_PASSPHRASE_FILE: file }, prompt: undefined }),
      /Incorrect key passphrase/,
      'the variable comes before the file'
    );
    await assert.rejects(
      loadDecryptionKey({ armoredKey: privateKey, env: { SAMCED_GPG_PASSPHRASE_FILE: join(dir, 'missing') }, prompt: undefined }),
      new RegExp(`^InputError: ${join(dir, 'missing')}: cannot read the key passphrase: ENOENT`.replace(/\//g, '\\/'))
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
