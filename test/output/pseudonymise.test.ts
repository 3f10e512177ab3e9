import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../kernel-lib/cli/main';
import { FREE_TEXT_MARK, pseudonymiseTables, USER_ID_COLUMNS } from '../../kernel-lib/output/pseudonymise';
import { openDuck, ident, type Duck } from '../../kernel-lib/duck/connection';
import { TABLE_SCHEMAS } from '../../kernel-lib/load/table-schemas';
import { standardTablesFamily } from '../../kernel-lib/aggregates/standard-tables';
import { surveysFamily } from '../../kernel-lib/aggregates/surveys';
import { DEFAULT_AGGREGATE_OPTIONS, type AggregateOptions, type SamcedTable } from '../../kernel-lib/aggregates/table';
import { dataDictionary } from '../../kernel-lib/output/dictionary';
import { memoryLogger, systemClock } from '../../kernel-lib/util/effects';
import { makeMiniDrop, MINI, miniCourseArgs } from '../fixtures/mini-drop';

const hashIn = (secret: string, domain: string, id: string) =>
  createHmac('sha256', secret).update(`${domain}:${id}`).digest('hex').slice(0, 16);
const hash = (secret: string, id: string) => hashIn(secret, 'user', id);

/** Every file below a folder with its size and modification time. */
function filesWithTimes(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .map((f) => `${f} ${statSync(f).size} ${statSync(f).mtimeMs}`)
    .sort();
}

test('--pseudonymise: ids are keyed hashes, stable across tables and runs; no raw id, name, email or IP reaches any output', async () => {
  const drop = makeMiniDrop();
  const dir = mkdtempSync(join(tmpdir(), 'samced-pseudo-'));
  const secret = 'correct horse battery staple';
  writeFileSync(join(dir, 'secret'), secret + '\n');
  // an event store: a pseudonymised build reads it (it is only read) and writes nothing into it
  const store = join(dir, 'store');
  assert.equal(
    await main(['index', '--data', drop, '--org', MINI.org, '--store', store], {
      logger: memoryLogger(),
      clock: systemClock
    }),
    0
  );
  const storeFiles = () => filesWithTimes(store);
  const before = storeFiles();
  const outs = [join(dir, 'a'), join(dir, 'b')];
  for (const out of outs) {
    const code = await main(
      ['build', ...miniCourseArgs(drop), '--out', out, '--pseudonymise', join(dir, 'secret'), '--store', store],
      { logger: memoryLogger(), clock: systemClock }
    );
    assert.equal(code, 0);
    assert.equal(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).events.source, 'store');
  }
  assert.deepEqual(storeFiles(), before, 'a pseudonymised build changed the event store');
  const csv = (out: string, t: string) => readFileSync(join(out, `SAMCED-${t}.csv`), 'utf8');
  const u11 = hash(secret, '11');
  const u12 = hash(secret, '12');
  assert.equal(csv(outs[0]!, 'video_activity').split('\n')[1], `${u11},1,2,1,1,1,1,,1,,`);
  assert.match(csv(outs[0]!, 'discussion_forum_activity_ng'), new RegExp(`\\n1,${u11},1,,CommentThread,`));
  assert.match(
    csv(outs[0]!, 'student_courseenrollment'),
    new RegExp(`\\n${hashIn(secret, 'student_courseenrollment', '2')},${u12},course-v1:MiniX\\+M101\\+2026T1,`)
  );
  assert.doesNotMatch(csv(outs[0]!, 'auth_userprofile'), /Göteborg|west/);
  for (const name of readdirSync(outs[0]!)) {
    if (name === 'manifest.json') continue;
    assert.equal(
      readFileSync(join(outs[0]!, name)).toString('latin1'),
      readFileSync(join(outs[1]!, name)).toString('latin1'),
      `${name} differs between two runs`
    );
  }
  for (const name of readdirSync(outs[0]!)) {
    const text = readFileSync(join(outs[0]!, name)).toString('latin1');
    for (const secretText of [
      'anna',
      'Anna',
      'Svensson',
      'bo@example',
      'Berg',
      '203.0.113.9',
      '192.0.2.1',
      'user11',
      'user12',
      'Hi\r\nthere'
    ]) {
      assert.ok(!text.includes(secretText), `${name} contains ${secretText}`);
    }
    if (name.endsWith('.csv')) {
      const [header, ...rows] = text.trim().split('\n');
      const idColumns = header!
        .split(',')
        .map((c, i) => (USER_ID_COLUMNS.includes(c) || (name === 'SAMCED-auth_userprofile.csv' && c === 'id') ? i : -1))
        .filter((i) => i >= 0);
      for (const row of rows) {
        const fields = row.split(',');
        for (const i of idColumns)
          assert.match(
            fields[i]!,
            /^([0-9a-f]{16})?$/,
            `${name}: ${header!.split(',')[i]} is not a pseudonym in ${row}`
          );
      }
    }
  }
  assert.ok(
    !readdirSync(outs[0]!).some((n) => n.endsWith('.sql') || (n.endsWith('.json') && n !== 'manifest.json')),
    'raw course files are not copied'
  );
});

test('--pseudonymise --free-text: the free text comes back (profile, studentmodule state, wiki text, answers as typed) with a warning; ids stay keyed hashes', async (t) => {
  const drop = makeMiniDrop();
  const dir = mkdtempSync(join(tmpdir(), 'samced-pseudo-free-'));
  writeFileSync(join(dir, 'secret'), 'correct horse battery staple\n');
  const out = join(dir, 'out');
  const logger = memoryLogger();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const code = await main(
    [
      'build',
      ...miniCourseArgs(drop),
      '--out',
      out,
      '--pseudonymise',
      join(dir, 'secret'),
      '--free-text',
      '--no-store'
    ],
    { logger, clock: systemClock }
  );
  assert.equal(code, 0);
  assert.ok(
    logger.lines.some((l) =>
      /^warn: free text is written \(profile language, location and city, survey answers, studentmodule state, wiki text\)/.test(
        l
      )
    ),
    logger.lines.join('\n')
  );
  const csv = (t: string) => readFileSync(join(out, `SAMCED-${t}.csv`), 'utf8');
  const u11 = hash('correct horse battery staple', '11');
  assert.equal(
    csv('auth_userprofile').split('\n')[0],
    'id,user_id,language,location,gender,year_of_birth,level_of_education,allow_certificate,country,city'
  );
  assert.match(
    csv('auth_userprofile'),
    new RegExp(`\\n${hashIn('correct horse battery staple', 'profile', '1')},${u11},en,"Göteborg, ""west""\\? side",f,`)
  );
  assert.match(
    csv('pre_survey_answers'),
    new RegExp(
      `^user_id,time,problem_2_1,problem_3_1,problem_4_1\\n${u11},2026-03-02 10:00:00.000000,no,"a,b","why ""not""\\? ok"\\n$`
    )
  );
  assert.match(csv('wiki_articlerevision'), /,"# Hi\r\nthere",Guide\n/);
  assert.ok(csv('courseware_studentmodule').split('\n')[0]!.split(',').includes('state'));
  assert.match(
    readFileSync(join(out, 'data-dictionary.md'), 'utf8'),
    /\| `location` \| TEXT \| Self-reported location \(free text, mostly empty\)\. \| free text, written because of `--free-text`/
  );
});

// ---- per-column rules, on tables made by hand ----------------------------------------------------------

const SECRET = Buffer.from('unit-test secret of 32 bytes ...');
const secretText = SECRET.toString();

/** A DuckDB with every standard edX table (empty unless `rows` fills it), as a course run loads them. */
async function standardDuck(rows: Record<string, Record<string, string | number | null>[]>): Promise<Duck> {
  const duck = await openDuck({ threads: 1 });
  await duck.run('CREATE SCHEMA samced');
  for (const schema of TABLE_SCHEMAS) {
    await duck.run(
      `CREATE TABLE ${ident(schema.table)} (${schema.columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`
    );
    for (const row of rows[schema.table] ?? []) {
      const names = Object.keys(row);
      await duck.run(
        `INSERT INTO ${ident(schema.table)} (${names.map(ident).join(', ')}) VALUES (${names.map((_, i) => '$' + (i + 1)).join(', ')})`,
        names.map((n) => row[n]!)
      );
    }
  }
  return duck;
}

const options = (extra: Partial<AggregateOptions> = {}): AggregateOptions => ({
  ...DEFAULT_AGGREGATE_OPTIONS,
  ...extra
});
const ctx = (duck: Duck, extra: Partial<AggregateOptions> = {}) => ({
  duck,
  course: MINI,
  start: MINI.start,
  end: MINI.end,
  options: options(extra)
});
const columnsOf = async (duck: Duck, table: string) =>
  (
    (await duck.json(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'samced' AND table_name = '${table}' ORDER BY ordinal_position`
    )) as { column_name: string }[]
  ).map((r) => r.column_name);

const PROFILE = {
  id: 5,
  user_id: 11,
  name: 'Anna Svensson',
  language: 'svenska',
  location: 'near the harbour',
  gender: 'f',
  year_of_birth: 1990,
  country: 'SE',
  city: 'Göteborg'
};
const CERTIFICATE = {
  id: 70,
  user_id: 11,
  download_url: 'https://example.org/downloads/du1/Certificate.pdf',
  grade: 0.9,
  course_id: 'c',
  key: 'vu1',
  distinction: 0,
  status: 'downloadable',
  verify_uuid: 'vu1',
  download_uuid: 'du1',
  name: 'Anna Svensson',
  mode: 'verified'
};

test('certificate verify/download uuids, key and download URL are never written (they open the public page with the full name)', async () => {
  const duck = await standardDuck({ certificates_generatedcertificate: [CERTIFICATE] });
  try {
    const tables = await standardTablesFamily.build(ctx(duck, { freeText: true }));
    const cols = await columnsOf(duck, 'certificates_generatedcertificate');
    for (const c of ['verify_uuid', 'download_uuid', 'key', 'download_url', 'name'])
      assert.ok(!cols.includes(c), `${c} is written`);
    assert.deepEqual(cols, [
      'id',
      'user_id',
      'grade',
      'course_id',
      'distinction',
      'status',
      'created_date',
      'modified_date',
      'error_reason',
      'mode'
    ]);
    assert.match(
      tables.find((t) => t.name === 'certificates_generatedcertificate')!.doc,
      /verify_uuid \(personal data: opens the public certificate page/
    );
  } finally {
    duck.close();
  }
});

test('profile language, location and city (free text) are written only with freeText', async () => {
  const duck = await standardDuck({ auth_userprofile: [PROFILE] });
  try {
    const [profile] = (await standardTablesFamily.build(ctx(duck))).filter((t) => t.name === 'auth_userprofile');
    assert.deepEqual(await columnsOf(duck, 'auth_userprofile'), [
      'id',
      'user_id',
      'gender',
      'year_of_birth',
      'level_of_education',
      'allow_certificate',
      'country'
    ]);
    assert.match(profile!.doc, /written only with the free-text option \(`--free-text`\): language, location, city\./);
    await standardTablesFamily.build(ctx(duck, { freeText: true }));
    assert.deepEqual(await duck.json('SELECT language, location, city FROM samced.auth_userprofile'), [
      { language: 'svenska', location: 'near the harbour', city: 'Göteborg' }
    ]);
  } finally {
    duck.close();
  }
});

test('pseudonymised: profile ids and per-learner row ids are keyed hashes; the same person has the same hash in every table', async () => {
  const duck = await standardDuck({
    auth_userprofile: [PROFILE],
    student_languageproficiency: [{ id: 51, user_profile_id: 5, code: 'sv' }],
    certificates_generatedcertificate: [CERTIFICATE],
    courseware_studentmodule: [
      {
        id: 2400230,
        module_type: 'problem',
        module_id: 'b1',
        student_id: 11,
        state: '{"student_answers": {"b1_2_1": "my essay"}}'
      }
    ],
    student_courseenrollment: [{ id: 1870404, user_id: 11, course_id: 'c', is_active: 1, mode: 'honor' }],
    user_api_usercoursetag: [{ id: 88001, user_id: 11, key: 'partition', course_id: 'c', value: '1' }],
    wiki_article: [{ id: 211, current_revision_id: 3101, owner_id: 11 }]
  });
  try {
    const tables = await standardTablesFamily.build(ctx(duck));
    await pseudonymiseTables(duck, tables, SECRET);
    const one = async (sql: string) => (await duck.json(sql))[0];
    const user = hashIn(secretText, 'user', '11');
    const profile = hashIn(secretText, 'profile', '5');
    assert.deepEqual(await one('SELECT id, user_id FROM samced.auth_userprofile'), { id: profile, user_id: user });
    assert.deepEqual(await one('SELECT id, user_profile_id FROM samced.student_languageproficiency'), {
      id: hashIn(secretText, 'student_languageproficiency', '51'),
      user_profile_id: profile
    });
    assert.deepEqual(await one('SELECT id, user_id FROM samced.certificates_generatedcertificate'), {
      id: hashIn(secretText, 'certificates_generatedcertificate', '70'),
      user_id: user
    });
    assert.deepEqual(await one('SELECT id, student_id FROM samced.courseware_studentmodule'), {
      id: hashIn(secretText, 'courseware_studentmodule', '2400230'),
      student_id: user
    });
    assert.deepEqual(await one('SELECT id, user_id FROM samced.student_courseenrollment'), {
      id: hashIn(secretText, 'student_courseenrollment', '1870404'),
      user_id: user
    });
    assert.deepEqual(await one('SELECT id, user_id FROM samced.user_api_usercoursetag'), {
      id: hashIn(secretText, 'user_api_usercoursetag', '88001'),
      user_id: user
    });
    // wiki article ids are not per learner (the current revision refers to them): kept; the owner is a user id
    assert.deepEqual(await one('SELECT id, owner_id FROM samced.wiki_article'), { id: '211', owner_id: user });
  } finally {
    duck.close();
  }
});

test('pseudonymised: studentmodule state and wiki text are left out unless freeText', async () => {
  const rows = {
    courseware_studentmodule: [
      {
        id: 1,
        module_type: 'problem',
        module_id: 'b1',
        student_id: 11,
        state: '{"student_answers": {"b1_2_1": "my essay"}}'
      }
    ],
    wiki_articlerevision: [
      {
        id: 3101,
        user_id: 11,
        article_id: 211,
        content: 'Hello, I am Anna',
        title: 'Anna page',
        user_message: 'typo',
        automatic_log: 'moved by anna'
      }
    ]
  };
  for (const freeText of [false, true]) {
    const duck = await standardDuck(rows);
    try {
      const tables = await standardTablesFamily.build(ctx(duck, { freeText }));
      await pseudonymiseTables(duck, tables, SECRET, { freeText });
      const module = await columnsOf(duck, 'courseware_studentmodule');
      const wiki = await columnsOf(duck, 'wiki_articlerevision');
      for (const c of ['content', 'title', 'user_message', 'automatic_log'])
        assert.equal(wiki.includes(c), freeText, `wiki_articlerevision.${c} with freeText ${freeText}`);
      assert.equal(module.includes('state'), freeText);
      const doc = tables.find((t) => t.name === 'courseware_studentmodule')!;
      assert.equal(
        doc.columns.some((c) => c.name === 'state'),
        freeText
      );
      if (!freeText)
        assert.match(doc.doc, /Left out of pseudonymised outputs \(free text; `--free-text` keeps them\): state\./);
    } finally {
      duck.close();
    }
  }
});

test('pseudonymised: free-text survey answers become the free-text mark; choices, lists of choices and numbers are kept; freeText keeps them all', async () => {
  for (const freeText of [false, true]) {
    const duck = await openDuck({ threads: 1 });
    try {
      await duck.run(`CREATE SCHEMA samced; CREATE TABLE samced.pre_survey_answers AS
        SELECT * FROM (VALUES (11, 't1', 'choice_2', 'choice_0,choice_3', 'I am Anna from Göteborg', '42'), (12, 't2', NULL, '', '3.5', 'x')) v(user_id, time, problem_2_1, problem_3_1, problem_4_1, problem_5_1)`);
      const table: SamcedTable = { ...(await surveysDoc()), name: 'pre_survey_answers' };
      await pseudonymiseTables(duck, [table], SECRET, { freeText });
      const rows = await duck.json(
        'SELECT user_id, problem_2_1, problem_3_1, problem_4_1, problem_5_1 FROM samced.pre_survey_answers ORDER BY time'
      );
      const mark = (text: string) => (freeText ? text : FREE_TEXT_MARK);
      assert.deepEqual(
        rows.map((r) => Object.values(r)),
        [
          [hashIn(secretText, 'user', '11'), 'choice_2', 'choice_0,choice_3', mark('I am Anna from Göteborg'), '42'],
          [hashIn(secretText, 'user', '12'), null, '', '3.5', mark('x')]
        ]
      );
    } finally {
      duck.close();
    }
  }
});

/** The survey tables' documentation (its answer columns are `answers`), from the family itself on an empty events table. */
async function surveysDoc(): Promise<SamcedTable> {
  const duck = await openDuck({ threads: 1 });
  try {
    await duck.run(`CREATE SCHEMA samced; CREATE TABLE events (user_id BIGINT, time TIMESTAMP, source_file VARCHAR, source_line BIGINT, event VARCHAR,
      event_type VARCHAR, event_source VARCHAR, module_display_name VARCHAR)`);
    return (await surveysFamily.build(ctx(duck)))[0]!;
  } finally {
    duck.close();
  }
}

test('the data dictionary states the privacy rule of every column, for the build it describes', () => {
  const tables: SamcedTable[] = [
    {
      name: 'auth_userprofile',
      family: 'standard',
      doc: 'Profiles.',
      orderBy: ['id'],
      columns: [
        { name: 'id', type: 'TEXT', doc: 'Profile id.', privacy: 'profile-id' },
        { name: 'user_id', type: 'TEXT', doc: 'edX user id.' },
        { name: 'city', type: 'TEXT', doc: 'City.', privacy: 'free-text' },
        { name: 'gender', type: 'TEXT', doc: 'Gender.' }
      ]
    },
    {
      name: 'pre_survey_answers',
      family: 'surveys',
      doc: 'Answers.',
      orderBy: ['user_id'],
      columns: [{ name: 'problem_<n>_<m>', type: 'TEXT', doc: 'Answer.', privacy: 'answers' }]
    }
  ];
  const header = { courseId: 'c', start: 's', end: 'e', snapshot: 'd', version: 'v', copiedFiles: [] };
  const rows = (md: string) => md.split('\n').filter((l) => l.startsWith('| `'));
  assert.deepEqual(rows(dataDictionary({ ...header, pseudonymised: true, freeText: false }, tables, {})), [
    '| `id` | TEXT | Profile id. | keyed hash: the first 16 hex digits of HMAC-SHA256(secret, "profile:" + id) |',
    '| `user_id` | TEXT | edX user id. | keyed hash: the first 16 hex digits of HMAC-SHA256(secret, "user:" + id) |',
    '| `city` | TEXT | City. | free text, written because of `--free-text` (may name or describe a person) |',
    '| `gender` | TEXT | Gender. | kept |',
    '| `problem_<n>_<m>` | TEXT | Answer. | choice ids and numbers kept; any other (free-text) answer is written as `[free text]` |'
  ]);
  assert.deepEqual(
    rows(dataDictionary({ ...header, pseudonymised: false, freeText: false }, tables, {})).map((l) =>
      l.split(' | ').at(-1)
    ),
    [
      'kept; a keyed hash with `--pseudonymise` |',
      'kept; a keyed hash with `--pseudonymise` |',
      'free text, written because of `--free-text` (may name or describe a person) |',
      'kept |',
      'kept verbatim; with `--pseudonymise` free-text answers become `[free text]` unless `--free-text` |'
    ]
  );
});
