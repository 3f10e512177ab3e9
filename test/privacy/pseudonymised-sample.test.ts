import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Database from 'libsql';
import { buildSamced } from '../../kernel-lib/output/build';
import { sampleCourseRun } from '../../kernel-lib/drop/sample';
import { DEMO_KEY_PASSPHRASE } from '../../kernel-lib/acquire/demo-key';
import { lazyDecryptor } from '../../kernel-lib/acquire/lazy-decryptor';
import { fixedClock, memoryLogger } from '../../kernel-lib/util/effects';
import { dropIdentifiers, encodedForms, NOT_FREE_TEXT } from './sample-identifiers';

// The embedded sample built with --pseudonymise: every byte of every
// output file and of a SQL dump of the SQLite file is searched for every
// personal value of the drop (collected from the drop's files by dropIdentifiers), in the byte forms
// the writers give text (as is, CSV-quoted, JSON-escaped, SQL-quoted); a value of several lines is
// searched whole and line by line (lines of 6 characters or more with a letter). Values shorter than 4
// characters (a free-text answer `x`) and numeric ids are too common to search byte by byte: they are
// checked by column instead (every user, profile and per-learner row id column holds 16 hex digits;
// every survey answer is a choice id, a number, empty or the free-text mark). A value that samced's own
// source uses (location `home`: "the course Info (home/updates) page") is not searched in
// data-dictionary.md, whose text is that source's column documentation.

const SECRET = 'privacy-test secret, 32 bytes ok';

/** Every file under a folder (recursively). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** A plain-text dump of every table of a SQLite file: schema, then every row as JSON (values as stored). */
function sqliteDump(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const lines: string[] = [];
    for (const { name, sql } of db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as { name: string; sql: string }[]) {
      lines.push(sql);
      for (const row of db
        .prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`)
        .raw(true)
        .all() as unknown[][])
        lines.push(JSON.stringify(row));
    }
    return lines.join('\n');
  } finally {
    db.close();
  }
}

/** Values searched whole, and each line of at least 6 characters with a letter of a value of several lines. */
function searchedForms(value: string): string[] {
  const lines = value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length >= 6 && /\p{L}/u.test(l));
  return [value, ...(lines.length > 1 ? lines : [])];
}

test('pseudonymised sample: no username, email, IP, session, name, certificate uuid or key, free text or secret in any output byte', async () => {
  const sample = sampleCourseRun();
  const dir = mkdtempSync(join(tmpdir(), 'samced-privacy-'));
  try {
    const out = join(dir, 'out');
    await buildSamced(
      {
        ...sample,
        out,
        pseudonymiseSecret: Buffer.from(SECRET),
        decrypt: lazyDecryptor({ keyFile: sample.keyFile })
      },
      { logger: memoryLogger(), clock: fixedClock('2026-02-16T00:00:00Z') }
    );
    const ids = await dropIdentifiers(sample.data, sample);
    // the drop does hold what is searched for (a collector that finds nothing would pass any output)
    for (const kind of [
      'auth_user.username',
      'auth_user.email',
      'auth_userprofile.name',
      'auth_userprofile.location',
      'auth_userprofile.city',
      'certificates.verify_uuid',
      'certificates.download_uuid',
      'certificates.key',
      'events.ip',
      'events.session',
      'events.free-text answer',
      'courseware_studentmodule.state answer',
      'wiki_articlerevision.content'
    ]) {
      assert.ok((ids.byKind.get(kind)?.size ?? 0) > 0, `the sample drop has no ${kind}`);
    }
    const searched: { name: string; bytes: Buffer }[] = filesUnder(out).map((path) => ({
      name: relative(dir, path),
      bytes: readFileSync(path)
    }));
    const db = filesUnder(out).find((f) => f.endsWith('-SAMCED.db'));
    assert.ok(db, 'no SQLite file');
    searched.push({ name: 'SQL dump of the SQLite file', bytes: Buffer.from(sqliteDump(db)) });
    assert.ok(searched.length > 20, `only ${searched.length} files searched`);

    const source = filesUnder(join(process.cwd(), 'kernel-lib'))
      .filter((f) => /\.(ts|sql)$/.test(f))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const hits: string[] = [];
    const look = (kind: string, value: string) => {
      if (value.length < 4) return;
      const inSource = source.includes(value);
      for (const form of new Set(
        searchedForms(value)
          .flatMap(encodedForms)
          .map((b) => b.toString('utf8'))
      )) {
        const needle = Buffer.from(form, 'utf8');
        for (const f of searched) {
          if (inSource && f.name.endsWith('data-dictionary.md')) continue;
          if (f.bytes.includes(needle)) hits.push(`${f.name}: ${kind} ${JSON.stringify(form)}`);
        }
      }
    };
    const course = sample.course;
    for (const [kind, values] of ids.byKind) {
      for (const value of values) {
        // a wiki title that is the course number itself (`DATA101`) is in every file name and course id
        if (kind === 'wiki_articlerevision.title' && course.includes(value)) continue;
        look(kind, value);
      }
    }
    look('pseudonymisation secret', SECRET);
    look('sample passphrase', DEMO_KEY_PASSPHRASE);
    assert.deepEqual(hits, []);

    // numeric ids, by column: every user, profile and per-learner row id is a keyed hash
    const hashed: Record<string, string[]> = {
      auth_userprofile: ['id', 'user_id'],
      student_languageproficiency: ['id', 'user_profile_id'],
      certificates_generatedcertificate: ['id', 'user_id'],
      courseware_studentmodule: ['id', 'student_id'],
      student_courseenrollment: ['id', 'user_id'],
      user_api_usercoursetag: ['id', 'user_id'],
      person_course: ['user_id'],
      video_activity: ['user_id'],
      pre_survey_answers: ['user_id'],
      discussion_forum_activity_ng: ['poster']
    };
    for (const table of ['pre_survey_answers', 'post_survey_answers']) {
      const db = new Database(filesUnder(out).find((f) => f.endsWith('-SAMCED.db'))!, { readonly: true });
      try {
        const rows = db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
        assert.ok(rows.length > 0, `${table} is empty`);
        for (const row of rows) {
          for (const [column, value] of Object.entries(row)) {
            if (!/^problem_\d+_\d+$/.test(column) || value === null) continue;
            assert.match(
              String(value),
              new RegExp(`${NOT_FREE_TEXT.source}|^\\[free text\\]$`),
              `${table}.${column}: ${String(value)}`
            );
          }
        }
        assert.ok(
          rows.some((r) => Object.values(r).includes('[free text]')),
          `${table}: no answer was marked as free text`
        );
      } finally {
        db.close();
      }
    }
    for (const [table, columns] of Object.entries(hashed)) {
      const [header, ...rows] = readFileSync(join(out, `SAMCED-${table}.csv`), 'utf8')
        .trim()
        .split('\n');
      const names = header!.split(',');
      assert.ok(rows.length > 0, `${table} is empty`);
      for (const column of columns) {
        const at = names.indexOf(column);
        assert.ok(at >= 0, `${table} has no column ${column}`);
        for (const row of rows)
          assert.match(row.split(',')[at]!, /^([0-9a-f]{16})?$/, `${table}.${column} is not a keyed hash in ${row}`);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
