import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { main } from '../../kernel-lib/cli/main';
import { memoryLogger, systemClock } from '../../kernel-lib/util/effects';
import { makeMiniDrop, MINI, miniCourseArgs } from '../fixtures/mini-drop';

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesBelow(path) : entry.isFile() ? [path] : [];
  });
}

test('samced build with an encrypted day, the key and its passphrase in the environment and a pseudonymisation secret: none of the three in any output, the manifest, the event store or the log', async () => {
  const unique = randomUUID();
  const passphrase = `passphrase-${unique}`;
  const pseudonymSecret = `pseudonym-secret-${unique}`;
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ email: 'test@example.invalid' }],
    passphrase,
    format: 'armored'
  });
  const drop = makeMiniDrop();
  const day = join(drop, 'edx-course-data', 'minix', 'edx', 'events', '2026', 'minix-edx-events-2026-03-02.log.gz');
  const encrypted = await openpgp.encrypt({
    message: await openpgp.createMessage({ binary: readFileSync(day) }),
    encryptionKeys: await openpgp.readKey({ armoredKey: publicKey }),
    format: 'binary'
  });
  writeFileSync(day + '.gpg', encrypted);
  rmSync(day);
  const dir = mkdtempSync(join(tmpdir(), 'samced-build-secrets-'));
  const out = join(dir, 'out');
  const store = join(dir, 'store');
  const plainOut = join(dir, 'plain-out');
  const variables = {
    SAMCED_GPG_KEY: privateKey,
    SAMCED_GPG_PASSPHRASE: passphrase,
    SAMCED_TEST_PSEUDONYM_SECRET: pseudonymSecret
  };
  const saved = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  const logger = memoryLogger();
  try {
    const args = ['build', ...miniCourseArgs(drop)];
    // the event store (the encrypted day decrypted with the key from the environment) is searched too
    assert.equal(
      await main(['index', '--data', drop, '--org', MINI.org, '--store', store], { logger, clock: systemClock }),
      0,
      logger.lines.join('\n')
    );
    const code = await main(
      [...args, '--out', out, '--store', store, '--pseudonymise-env', 'SAMCED_TEST_PSEUDONYM_SECRET'],
      { logger, clock: systemClock }
    );
    assert.equal(code, 0, logger.lines.join('\n'));
    assert.equal(
      await main([...args, '--out', plainOut, '--no-store'], { logger, clock: systemClock }),
      0,
      logger.lines.join('\n')
    );
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  // the encrypted day was read (decrypted with the key and passphrase) and ids were pseudonymised
  assert.ok(
    manifest.inputs.some((input: { path: string }) => input.path.endsWith('minix-edx-events-2026-03-02.log.gz.gpg'))
  );
  assert.match(manifest.parameters.pseudonymised, /^pseudonymised: .*the first 16 hex digits of HMAC-SHA256/);
  assert.ok(
    readFileSync(join(out, 'SAMCED-video_activity.csv'), 'utf8')
      .split('\n')[1]!
      .match(/^[0-9a-f]{16},/)
  );
  // key material: every line of the armored key's body (the passphrase-protected key packets)
  const keyLines = privateKey.split('\n').filter((line) => /^[A-Za-z0-9+/=]{40,}$/.test(line));
  assert.ok(keyLines.length > 0);
  assert.equal(manifest.events.source, 'store');
  const files = [...filesBelow(out), ...filesBelow(plainOut), ...filesBelow(store)];
  assert.ok(
    files.length > 10 &&
      files.some((file) => file.endsWith('.parquet')) &&
      files.some((file) => file.endsWith('ledger.json')),
    'the outputs and the event store are searched'
  );
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const secret of [passphrase, pseudonymSecret, unique, ...keyLines])
      assert.equal(bytes.indexOf(secret), -1, `${file} holds a secret: ${secret.slice(0, 20)}...`);
  }
  for (const secret of [passphrase, pseudonymSecret, unique, ...keyLines])
    assert.ok(!logger.lines.some((line) => line.includes(secret)), 'the log holds a secret');
  assert.equal(statSync(out).isDirectory(), true);
  rmSync(dir, { recursive: true, force: true });
  rmSync(drop, { recursive: true, force: true });
});

test('samced build --pseudonymise: a short secret is refused without being shown; a file others can read is warned about', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'samced-pseudonym-file-'));
  const drop = makeMiniDrop();
  const args = ['build', ...miniCourseArgs(drop), '--no-store'];
  writeFileSync(join(dir, 'short'), 'short-1234\n', { mode: 0o600 });
  process.env.SAMCED_TEST_SHORT_SECRET = 'short-5678';
  const errors: string[] = [];
  const stderr = process.stderr.write;
  try {
    process.stderr.write = ((text: string) => {
      errors.push(String(text));
      return true;
    }) as typeof process.stderr.write;
    assert.equal(
      await main([...args, '--out', join(dir, 'a'), '--pseudonymise', join(dir, 'short')], {
        logger: memoryLogger(),
        clock: systemClock
      }),
      2
    );
    assert.equal(
      await main([...args, '--out', join(dir, 'b'), '--pseudonymise-env', 'SAMCED_TEST_SHORT_SECRET'], {
        logger: memoryLogger(),
        clock: systemClock
      }),
      2
    );
  } finally {
    process.stderr.write = stderr;
    delete process.env.SAMCED_TEST_SHORT_SECRET;
  }
  const printed = errors.join('');
  assert.match(printed, /short: the pseudonymisation secret must be at least 16 bytes/);
  assert.match(printed, /the pseudonymisation secret in \$SAMCED_TEST_SHORT_SECRET must be at least 16 bytes/);
  assert.ok(!printed.includes('short-1234') && !printed.includes('short-5678'), printed);
  writeFileSync(join(dir, 'open'), 'a secret of 24 characters\n', { mode: 0o644 });
  const logger = memoryLogger();
  assert.equal(
    await main([...args, '--out', join(dir, 'c'), '--pseudonymise', join(dir, 'open')], { logger, clock: systemClock }),
    0
  );
  assert.ok(
    logger.lines.includes(
      `warn: ${join(dir, 'open')}: the pseudonymisation secret is readable by others than its owner (chmod 600 it)`
    ),
    logger.lines.join('\n')
  );
  rmSync(dir, { recursive: true, force: true });
  rmSync(drop, { recursive: true, force: true });
});
