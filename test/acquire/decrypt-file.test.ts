import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decryptFile } from '../../kernel-lib/acquire/decrypt-file';
import { openDecryptedStream } from '../../kernel-lib/acquire/decrypt-stream';
import { loadDecryptionKey, type DecryptionKey } from '../../kernel-lib/acquire/decryption-key';
import { InputError } from '../../kernel-lib/util/errors';
import { memoryLogger } from '../../kernel-lib/util/effects';
import { createGpgHome, gpgMissing, type GpgHome } from '../fixtures/acquire/gpg';

const skip = gpgMissing();
const quiet = { logger: memoryLogger() };

/** Event-like JSON lines: compressible text, as in real tracking logs. */
function eventText(lines: number): string {
  let text = '';
  for (let i = 0; i < lines; i++) {
    text +=
      JSON.stringify({
        username: 'user' + (i % 97),
        event_type: 'play_video',
        time: `2015-03-01T10:00:${String(i % 60).padStart(2, '0')}.000000+00:00`,
        event: { id: 'v' + (i % 13) }
      }) + '\n';
  }
  return text;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

describe('decryptFile and openDecryptedStream with files made by GnuPG', { skip }, () => {
  let gpg: GpgHome;
  let dir: string;
  let plainPath: string;
  let randomPath: string;
  let rsaKey: DecryptionKey;
  let eccKey: DecryptionKey;
  let strangerKey: DecryptionKey;
  let passphraseArmored: string;

  before(async () => {
    gpg = createGpgHome();
    dir = mkdtempSync(join(tmpdir(), 'samced-decrypt-'));
    gpg.generate('rsa@partner.example', 'rsa3072', 'sign,encr');
    gpg.generate('ecc@partner.example', 'future-default', 'default');
    gpg.generate('master@edx.example', 'future-default', 'default');
    gpg.generate('stranger@example.org', 'future-default', 'default');
    gpg.generate('locked@partner.example', 'future-default', 'default', 'correct horse');
    plainPath = join(dir, 'events.log');
    writeFileSync(plainPath, eventText(3000));
    randomPath = join(dir, 'random.bin');
    writeFileSync(randomPath, randomBytes(300_000));
    const keyFile = (email: string, passphrase?: string): string => {
      const path = join(dir, email + '.asc');
      writeFileSync(path, gpg.exportSecret(email, passphrase));
      return path;
    };
    rsaKey = await loadDecryptionKey({ keyFile: keyFile('rsa@partner.example'), env: {} });
    eccKey = await loadDecryptionKey({ keyFile: keyFile('ecc@partner.example'), env: {} });
    strangerKey = await loadDecryptionKey({ keyFile: keyFile('stranger@example.org'), env: {} });
    passphraseArmored = gpg.exportSecret('locked@partner.example', 'correct horse');
  });

  after(() => {
    gpg?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function leftovers(folder: string): string[] {
    return readdirSync(folder).filter((name) => name.includes('.tmp-'));
  }

  test('a compressed file encrypted to an RSA key, an ECC key and a master key decrypts with either partner key', async () => {
    const encrypted = join(dir, 'three.log.gpg');
    gpg.encrypt(plainPath, encrypted, ['rsa@partner.example', 'ecc@partner.example', 'master@edx.example']);
    // GnuPG compressed it: the text is highly repetitive, so the message is much smaller.
    assert.ok(statSync(encrypted).size < statSync(plainPath).size / 3);
    for (const [name, key] of [
      ['rsa', rsaKey],
      ['ecc', eccKey]
    ] as const) {
      const output = join(dir, `three-${name}.log`);
      const result = await decryptFile(encrypted, output, key, quiet);
      assert.ok(readFileSync(output).equals(readFileSync(plainPath)), name + ' round trip is byte-identical');
      assert.equal(result.bytesOut, statSync(plainPath).size);
      assert.equal(result.bytesIn, statSync(encrypted).size);
    }
    assert.deepEqual(leftovers(dir), []);
  });

  test('ZIP- and bzip2-compressed, uncompressed and ASCII-armored messages', async () => {
    const cases: [string, string, string[]][] = [
      ['zip', plainPath, ['--compress-algo', 'zip']],
      ['bzip2', plainPath, ['--compress-algo', 'bzip2']],
      ['none', randomPath, ['--compress-algo', 'none']],
      ['armor', randomPath, ['--armor']]
    ];
    for (const [label, input, extra] of cases) {
      const encrypted = join(dir, `${label}.gpg`);
      gpg.encrypt(input, encrypted, ['ecc@partner.example'], extra);
      const output = join(dir, `${label}.out`);
      await decryptFile(encrypted, output, eccKey, quiet);
      assert.ok(readFileSync(output).equals(readFileSync(input)), label);
    }
  });

  test('openDecryptedStream streams the plaintext of a file', async () => {
    const encrypted = join(dir, 'stream.log.gpg');
    gpg.encrypt(plainPath, encrypted, ['rsa@partner.example']);
    const plain = await readAll(await openDecryptedStream(encrypted, rsaKey));
    assert.ok(plain.equals(readFileSync(plainPath)));
  });

  test('a key that is not a recipient: InputError naming the file and both key ids, no output', async () => {
    const encrypted = join(dir, 'notmine.log.gpg');
    gpg.encrypt(plainPath, encrypted, ['ecc@partner.example']);
    const output = join(dir, 'notmine.log');
    await assert.rejects(decryptFile(encrypted, output, strangerKey, quiet), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.match(error.message, /notmine\.log\.gpg: wrong key/);
      assert.ok(error.message.includes(strangerKey.keyIds[1]!), 'names the key used');
      assert.equal(error.file, encrypted);
      return true;
    });
    assert.equal(existsSync(output), false);
    await assert.rejects(openDecryptedStream(encrypted, strangerKey), /wrong key/);
    assert.deepEqual(leftovers(dir), []);
  });

  test('a truncated file (incomplete download): InputError, no partial output left', async () => {
    const encrypted = join(dir, 'full.log.gpg');
    gpg.encrypt(randomPath, encrypted, ['ecc@partner.example']);
    const bytes = readFileSync(encrypted);
    const truncated = join(dir, 'truncated.log.gpg');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const output = join(dir, 'truncated.log');
    await assert.rejects(decryptFile(truncated, output, eccKey, quiet), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.match(error.message, /truncated\.log\.gpg: truncated/);
      return true;
    });
    assert.equal(existsSync(output), false);
    assert.deepEqual(leftovers(dir), []);
    // The stream form reports it as an error event after the data it could release.
    const stream = await openDecryptedStream(truncated, eccKey);
    await assert.rejects(
      readAll(stream),
      (error: unknown) => error instanceof InputError && /truncated/.test(error.message)
    );
  });

  test('a tampered file fails the integrity check: InputError, no output', async () => {
    for (const [label, input] of [
      ['random', randomPath],
      ['text', plainPath]
    ]) {
      const encrypted = join(dir, `tamper-${label}.gpg`);
      gpg.encrypt(input!, encrypted, ['ecc@partner.example']);
      const bytes = readFileSync(encrypted);
      const middle = Math.floor(bytes.length / 2);
      bytes[middle] = bytes[middle]! ^ 0xff;
      writeFileSync(encrypted, bytes);
      const output = join(dir, `tamper-${label}.out`);
      await assert.rejects(decryptFile(encrypted, output, eccKey, quiet), (error: unknown) => {
        assert.ok(error instanceof InputError, label);
        assert.match(error.message, /tamper-\w+\.gpg: (integrity check failed|decryption failed)/);
        return true;
      });
      assert.equal(existsSync(output), false, label);
    }
    assert.deepEqual(leftovers(dir), []);
  });

  test('a file that is not OpenPGP, and a missing file, give InputErrors', async () => {
    await assert.rejects(
      decryptFile(plainPath, join(dir, 'x.out'), eccKey, quiet),
      (error: unknown) => error instanceof InputError && error.file === plainPath
    );
    await assert.rejects(
      decryptFile(join(dir, 'absent.gpg'), join(dir, 'y.out'), eccKey, quiet),
      /absent\.gpg: file not found/
    );
    assert.equal(existsSync(join(dir, 'x.out')), false);
  });

  test('a passphrase-protected key: from the environment, from the prompt, or a clear error', async () => {
    const encrypted = join(dir, 'locked.log.gpg');
    gpg.encrypt(plainPath, encrypted, ['locked@partner.example']);
    const fromEnv = await loadDecryptionKey({
      env: { SAMCED_GPG_KEY: passphraseArmored, SAMCED_GPG_PASSPHRASE: 'correct horse' }
    });
    assert.equal(fromEnv.source, '$SAMCED_GPG_KEY');
    await decryptFile(encrypted, join(dir, 'locked-env.log'), fromEnv, quiet);
    assert.ok(readFileSync(join(dir, 'locked-env.log')).equals(readFileSync(plainPath)));

    const questions: string[] = [];
    const prompted = await loadDecryptionKey({
      armoredKey: passphraseArmored,
      env: {},
      prompt: async (question) => {
        questions.push(question);
        return 'correct horse';
      }
    });
    assert.equal(questions.length, 1);
    await decryptFile(encrypted, join(dir, 'locked-prompt.log'), prompted, quiet);

    await assert.rejects(
      loadDecryptionKey({ armoredKey: passphraseArmored, env: {}, passphrase: 'wrong' }),
      /cannot unlock key .*Incorrect key passphrase/
    );
    // No passphrase and no terminal to ask on (tests never run with a TTY prompt).
    await assert.rejects(
      loadDecryptionKey({ armoredKey: passphraseArmored, env: {}, prompt: undefined }),
      (error: unknown) => {
        if (process.stdin.isTTY) return true; // an interactive run would prompt instead
        return error instanceof InputError && /SAMCED_GPG_PASSPHRASE/.test(error.message);
      }
    );
  });

  test('key loading errors: no key at all, a public key, a missing file', async () => {
    await assert.rejects(loadDecryptionKey({ env: {} }), /no decryption key: pass --key FILE or set SAMCED_GPG_KEY/);
    const publicKey = gpg.run(['--armor', '--export', 'ecc@partner.example']).toString('utf8');
    await assert.rejects(loadDecryptionKey({ armoredKey: publicKey, env: {} }), /this is a public key/);
    await assert.rejects(
      loadDecryptionKey({ keyFile: join(dir, 'nope.asc'), env: {} }),
      /nope\.asc: key file not found/
    );
  });

  test('a binary secret key export works as a key file', async () => {
    const binary = join(dir, 'ecc.gpg-key');
    writeFileSync(binary, gpg.run(['--export-secret-keys', 'ecc@partner.example']));
    const key = await loadDecryptionKey({ keyFile: binary, env: {} });
    assert.deepEqual(key.keyIds, eccKey.keyIds);
  });
});
