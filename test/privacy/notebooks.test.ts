import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { projectNotebooks, runNotebook } from '../../kernel-lib/runner/run';
import { dropProvenance } from '../../kernel-lib/runner/provenance';
import { sampleCourseRun } from '../../kernel-lib/drop/sample';
import { DEMO_KEY_PASSPHRASE } from '../../kernel-lib/acquire/demo-key';
import { memoryLogger } from '../../kernel-lib/util/effects';
import { dropIdentifiers, encodedForms } from './sample-identifiers';
import { mapInParallel } from '../../kernel-lib/util/parallel';

// Every notebook runs headless on the sample (as test/notebooks does, two kernels at a time) with the
// sample's passphrase given as a parameter; then every byte of the reports folder (executed .ipynb and
// HTML), of the files the notebooks write (outDir) and of the event store they use is searched for
// the passphrase, and the reports for personal values no notebook shows by design.

const root = resolve('.');
const sample = sampleCourseRun(root);
let work: string;
const failures: string[] = [];

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'samced-privacy-notebooks-'));
  await mapInParallel(await projectNotebooks(root), 2, async (file) => {
    const result = await runNotebook(file, {
      outDir: join(work, 'reports'),
      root,
      parameters: {
        passphrase: DEMO_KEY_PASSPHRASE,
        outDir: join(work, 'outputs'),
        storeDir: join(work, 'event-store')
      },
      skipUndeclared: true,
      // 10-compare-runs' first cell indexes every daily file of the sample into a new event store
      cellTimeoutMs: file.endsWith('10-compare-runs.ipynb') ? 600_000 : 180_000,
      provenance: dropProvenance(),
      effects: { logger: memoryLogger() }
    });
    if (result.status !== 'ok')
      failures.push(`${file}: cell ${String(result.failure?.cell)}: ${result.failure?.message}`);
  });
});

after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** Where any of `values` occurs (in the byte forms the writers give text) in the files under `dirs`. */
function hitsIn(dirs: string[], kind: string, values: Iterable<string>): string[] {
  const files = dirs.flatMap(filesUnder).map((path) => ({ name: relative(work, path), bytes: readFileSync(path) }));
  const hits: string[] = [];
  for (const value of values) {
    if (value.length < 4) continue;
    for (const form of encodedForms(value))
      for (const f of files)
        if (f.bytes.includes(form)) hits.push(`${f.name}: ${kind} ${JSON.stringify(form.toString())}`);
  }
  return hits;
}

test('every notebook ran', () => {
  assert.deepEqual(failures, []);
  assert.ok(
    filesUnder(join(work, 'reports')).some((f) => f.endsWith('.html')),
    'no HTML report'
  );
});

// The notebooks are not pseudonymised: by design they show user ids, survey answers as typed (05) and
// write a default SAMCED build (09), so those are not searched here (the
// pseudonymised build is, in pseudonymised-sample.test.ts). Profile locations are not searched either:
// `home` is a word of the reports' own prose.
test('personal values no notebook shows are in no report: usernames, emails, names, IPs, sessions, certificate uuids and keys, forum text', async () => {
  const ids = await dropIdentifiers(sample.data, sample);
  const hits: string[] = [];
  for (const kind of [
    'auth_user.username',
    'auth_user.email',
    'auth_user.full_name',
    'auth_userprofile.name',
    'auth_userprofile.mailing_address',
    'certificates.name',
    'certificates.verify_uuid',
    'certificates.download_uuid',
    'certificates.key',
    'user_id_map.hash_id',
    'user_id_map.username',
    'email_opt_in.email',
    'email_opt_in.full_name',
    'events.username',
    'events.ip',
    'events.session',
    'events.target_username',
    'events.body',
    'forum.body',
    'forum.author_username'
  ]) {
    hits.push(...hitsIn([join(work, 'reports')], kind, ids.byKind.get(kind) ?? []));
  }
  assert.deepEqual(hits, []);
});

test('the passphrase given as a parameter is in no report, output or event store byte', () => {
  assert.ok(
    existsSync(join(work, 'event-store', 'samcedx', 'ledger.json')),
    '10-compare-runs wrote its store where storeDir says'
  );
  assert.deepEqual(
    hitsIn([join(work, 'reports'), join(work, 'outputs'), join(work, 'event-store')], 'passphrase', [
      DEMO_KEY_PASSPHRASE
    ]),
    []
  );
});
