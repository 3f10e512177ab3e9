import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Database from 'libsql';
import { buildSamced, type BuildOptions } from '../../kernel-lib/output/build';
import { defaultStoreDir, indexEvents } from '../../kernel-lib/load/event-store/index-run';
import { listEventFiles } from '../../kernel-lib/drop/event-files';
import { sampleCourseRun } from '../../kernel-lib/drop/sample';
import { lazyDecryptor } from '../../kernel-lib/acquire/lazy-decryptor';
import { fixedClock, memoryLogger } from '../../kernel-lib/util/effects';

// The embedded sample (two courses, a look-alike run, duplicate lines across sites, an encrypted
// day) built through the event store and through the logs: the same outputs.

const sample = sampleCourseRun();
const clock = fixedClock('2026-02-16T00:00:00Z');

// biome-ignore lint/suspicious/noExplicitAny: the manifest is compared as JSON, fields deleted and rewritten
async function build(options: BuildOptions): Promise<{ out: string; manifest: any; warnings: string[] }> {
  const logger = memoryLogger();
  await buildSamced(options, { logger, clock });
  return {
    out: options.out!,
    manifest: JSON.parse(readFileSync(join(options.out!, 'manifest.json'), 'utf8')),
    warnings: logger.lines.filter((l) => l.startsWith('warn: '))
  };
}

/** Every row of every table of a SQLite file, with each table's definition. */
function sqliteContents(path: string): Record<string, { sql: string; rows: unknown[] }> {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
      sql: string;
    }[];
    return Object.fromEntries(
      tables.map((t) => [t.name, { sql: t.sql, rows: db.prepare(`SELECT * FROM "${t.name}"`).all() }])
    );
  } finally {
    db.close();
  }
}

const listing = (dir: string) => readdirSync(dir).sort();

let dir = '';
let data = '';
let store = '';

// A copy of the sample drop (test 2 overwrites its logs), indexed into the default store beside it.
// The logs' times are whole seconds, so that test 2 can give them back exactly.
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'samced-store-sample-'));
  data = join(dir, 'drop');
  cpSync(sample.data, data, { recursive: true });
  for (const file of listEventFiles(data, { org: sample.org, start: '2000-01-01', end: '2099-12-31' }))
    utimesSync(file.path, 1_767_225_600, 1_767_225_600);
  store = defaultStoreDir(data, sample.org);
  await indexEvents(
    { data, org: sample.org, decrypt: lazyDecryptor({ keyFile: sample.keyFile }) },
    { logger: memoryLogger() }
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the sample through the event store and through the logs: every CSV byte-identical, the SQLite values, the data dictionary and info.txt equal; the manifest equal but for timings, the events source and what only the logs tell', async () => {
  const logs = await build({ ...sample, data, out: join(dir, 'logs'), store: false });
  const fromStore = await build({ ...sample, data, out: join(dir, 'store-out') }); // the default store
  assert.equal(logs.manifest.events.source, 'logs');
  assert.equal(fromStore.manifest.events.source, 'store');
  assert.equal(fromStore.manifest.events.store, relative(data, store));

  const files = listing(logs.out);
  assert.deepEqual(listing(fromStore.out), files);
  const csvs = files.filter((f) => f.endsWith('.csv'));
  assert.ok(csvs.length > 30, `${csvs.length} CSV files`);
  for (const name of [...csvs, 'data-dictionary.md', 'info.txt'])
    assert.equal(readFileSync(join(fromStore.out, name), 'utf8'), readFileSync(join(logs.out, name), 'utf8'), name);
  const db = files.find((f) => f.endsWith('-SAMCED.db'))!;
  const contents = sqliteContents(join(logs.out, db));
  assert.ok(Object.keys(contents).length > 30 && Object.values(contents).some((t) => t.rows.length > 0));
  assert.deepEqual(sqliteContents(join(fromStore.out, db)), contents);

  // the manifest: the same but for the timings, `source` (and the store's folder, relative to the
  // drop), and the counts of lines that only mention the course, which the logs alone tell
  // (the store keeps each course's own events): null from the store
  const { events: logEvents, timings: _t1, ...logRest } = logs.manifest;
  const { events: storeEvents, timings: _t2, ...storeRest } = fromStore.manifest;
  assert.deepEqual(storeRest, logRest);
  assert.ok(
    logEvents.linesMentioningCourse > logEvents.events && logEvents.otherCourseLines > 0,
    'the sample has look-alike lines'
  );
  assert.deepEqual(storeEvents, {
    ...logEvents,
    source: 'store',
    store: relative(data, store),
    linesMentioningCourse: null,
    otherCourseLines: null
  });
  assert.equal(logEvents.duplicatesDropped, 9);
  assert.deepEqual(fromStore.warnings, logs.warnings);
});

test('a second course of the sample built from the same store reads no log file: every log replaced by other bytes of the same size and time, the same outputs', async () => {
  const hist = { ...sample, data, course: 'HIST.201x', run: '2025_Fall', start: '2025-11-24', end: '2026-02-15' };
  const logs = await build({ ...hist, out: join(dir, 'hist-logs'), store: false });
  assert.ok(logs.manifest.events.events > 0);
  const logFiles = listEventFiles(data, { org: sample.org, start: hist.start, end: hist.end });
  assert.ok(logFiles.length > 50 && logFiles.some((f) => f.encrypted));
  for (const file of logFiles) {
    const { size, atime, mtime } = statSync(file.path);
    writeFileSync(file.path, Buffer.alloc(size, 0x78));
    utimesSync(file.path, atime, mtime);
  }
  assert.throws(() => gunzipSync(readFileSync(logFiles[0]!.path)), 'the logs hold no gzip data now: reading one fails');
  const second = await build({ ...hist, out: join(dir, 'hist-store') });
  assert.equal(second.manifest.events.source, 'store');
  assert.equal(second.manifest.events.events, logs.manifest.events.events);
  for (const name of listing(logs.out).filter((f) => f.endsWith('.csv')))
    assert.equal(readFileSync(join(second.out, name), 'utf8'), readFileSync(join(logs.out, name), 'utf8'), name);
});
