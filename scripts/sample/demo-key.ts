/**
 * The public demo OpenPGP key of the sample (ECC curve25519, made once and committed) and the
 * encryption of the one encrypted daily file. Encryption output is random, so an existing
 * `.gpg` is kept when it still decrypts to exactly the new plaintext.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as openpgp from 'openpgp';

export const DEMO_KEY = {
  name: 'samced DEMO KEY - NOT SECRET',
  email: 'demo@example.invalid',
  passphrase: 'samced-demo-passphrase',
  secretFile: 'DEMO-ONLY-secret-key.asc',
  publicFile: 'DEMO-ONLY-public-key.asc'
} as const;

export const KEYS_README = `# Demo OpenPGP key (sample data only)

**THIS IS A PUBLIC DEMO KEY FOR THE EMBEDDED SAMPLE ONLY. IT IS NOT SECRET. NEVER USE IT FOR REAL DATA,
NEVER SEND IT TO EDX, AND NEVER ENCRYPT ANYTHING CONFIDENTIAL TO IT.**

- \`${DEMO_KEY.secretFile}\`: the private key (armored), passphrase \`${DEMO_KEY.passphrase}\`.
- \`${DEMO_KEY.publicFile}\`: the public key.
- User id: \`${DEMO_KEY.name} <${DEMO_KEY.email}>\`; ECC (Ed25519 signing key, Curve25519 encryption subkey).

It exists so that the sample drop (\`data/sample-drop/\`) can contain one encrypted daily event file
(\`edx-course-data/samcedx/edx/events/2026/samcedx-edx-events-2026-01-20.log.gz.gpg\`), encrypted the way edX
encrypts deliveries (binary OpenPGP, public-key encrypted), and so that decryption can be shown and tested
without anyone's real key. \`npm run build:sample\` made it once; later runs reuse it.

Try it with GnuPG:

\`\`\`sh
export GNUPGHOME=$(mktemp -d)
gpg --batch --import data/keys/${DEMO_KEY.secretFile}
gpg --batch --pinentry-mode loopback --passphrase ${DEMO_KEY.passphrase} \\
    -d data/sample-drop/edx-course-data/samcedx/edx/events/2026/samcedx-edx-events-2026-01-20.log.gz.gpg | gunzip | head -2
\`\`\`
`;

/** The armored key pair, created in `dir` on first use (the only non-deterministic step). */
export async function ensureDemoKey(
  dir: string
): Promise<{ armoredSecret: string; armoredPublic: string; created: boolean }> {
  const secretPath = join(dir, DEMO_KEY.secretFile);
  const publicPath = join(dir, DEMO_KEY.publicFile);
  if (existsSync(secretPath) && existsSync(publicPath)) {
    return {
      armoredSecret: await readFile(secretPath, 'utf8'),
      armoredPublic: await readFile(publicPath, 'utf8'),
      created: false
    };
  }
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: DEMO_KEY.name, email: DEMO_KEY.email }],
    passphrase: DEMO_KEY.passphrase,
    date: new Date('2025-11-01T00:00:00Z'),
    format: 'armored'
  });
  await mkdir(dir, { recursive: true });
  await writeFile(secretPath, privateKey);
  await writeFile(publicPath, publicKey);
  return { armoredSecret: privateKey, armoredPublic: publicKey, created: true };
}

/** Binary OpenPGP message of `data`, public-key encrypted to the armored key (no signature). */
export async function encryptTo(armoredPublic: string, data: Uint8Array): Promise<Uint8Array> {
  const encryptionKeys = await openpgp.readKey({ armoredKey: armoredPublic });
  const message = await openpgp.createMessage({ binary: data });
  return openpgp.encrypt({ message, encryptionKeys, format: 'binary' });
}

/** Decrypts a binary OpenPGP message with the armored secret key and its passphrase. */
export async function decryptWith(
  armoredSecret: string,
  passphrase: string,
  encrypted: Uint8Array
): Promise<Uint8Array> {
  const privateKey = await openpgp.decryptKey({
    privateKey: await openpgp.readPrivateKey({ armoredKey: armoredSecret }),
    passphrase
  });
  const message = await openpgp.readMessage({ binaryMessage: encrypted });
  const { data } = await openpgp.decrypt({ message, decryptionKeys: privateKey, format: 'binary' });
  return data;
}

/**
 * Encrypts `plaintext` unless `previous` (an earlier output) already decrypts to the same bytes,
 * in which case `previous` is returned unchanged: re-runs stay byte-identical.
 */
export async function encryptStable(
  keys: { armoredSecret: string; armoredPublic: string },
  plaintext: Uint8Array,
  previous: Uint8Array | null
): Promise<{ bytes: Uint8Array; reused: boolean }> {
  if (previous) {
    try {
      const old = await decryptWith(keys.armoredSecret, DEMO_KEY.passphrase, previous);
      if (Buffer.compare(Buffer.from(old), Buffer.from(plaintext)) === 0) return { bytes: previous, reused: true };
    } catch {
      // Not decryptable with this key (e.g. the key was regenerated): encrypt afresh.
    }
  }
  return { bytes: await encryptTo(keys.armoredPublic, plaintext), reused: false };
}
