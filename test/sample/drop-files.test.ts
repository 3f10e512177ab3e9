// Every daily file is well-formed (gzip of stripped JSON lines, one per line), the encrypted day
// decrypts with the demo key, the edge files repeat exactly 3 edx lines, and the snapshot tables
// have the shapes the storyline brief promises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { projectRoot } from '../../kernel-lib/util/paths';

const root = projectRoot();
const drop = join(root, 'data', 'sample-drop');
const events = join(drop, 'edx-course-data/samcedx');

function files(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function assertJsonLines(text: string, where: string): number {
  assert.ok(text.endsWith('\n'), `${where} ends with a newline`);
  const lines = text.slice(0, -1).split('\n');
  lines.forEach((line, i) => {
    assert.equal(line, line.trim(), `${where}:${i + 1} is stripped`);
    const value = JSON.parse(line);
    assert.equal(typeof value, 'object', `${where}:${i + 1} is an object`);
    assert.ok('event_type' in value && 'time' in value && 'context' in value, `${where}:${i + 1} has an envelope`);
  });
  return lines.length;
}

test('one gzipped JSON-lines file per day, 2025-11-24 .. 2026-02-15, across both year folders', () => {
  const plain = files(join(events, 'edx/events'), '.log.gz').map((f) => f.slice(-17, -7));
  const encrypted = files(join(events, 'edx/events'), '.log.gz.gpg').map((f) => f.slice(-21, -11));
  assert.deepEqual(encrypted, ['2026-01-20']);
  assert.equal(plain.includes('2026-01-20'), false, 'the encrypted day has no plaintext twin');
  const all = [...plain, ...encrypted].sort();
  assert.equal(all.length, 84, '84 days from 2025-11-24 to 2026-02-15');
  assert.equal(all[0], '2025-11-24');
  assert.equal(all[all.length - 1], '2026-02-15');
  assert.ok(existsSync(join(events, 'edx/events/2025/samcedx-edx-events-2025-12-31.log.gz')));
  assert.ok(existsSync(join(events, 'edx/events/2026/samcedx-edx-events-2026-01-01.log.gz')));
  let total = 0;
  for (const file of files(join(events, 'edx/events'), '.log.gz')) {
    const bytes = readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0x1f, 0x8b, 8], `${file} is gzip`);
    total += assertJsonLines(gunzipSync(bytes).toString('utf8'), file);
  }
  assert.ok(total > 20_000 && total < 40_000, `about 25k lines in the plaintext edx files, got ${total}`);
});

test('the encrypted day decrypts with the demo key to a gzip of JSON lines', async () => {
  const keys = join(root, 'data', 'keys');
  const armored = readFileSync(join(keys, 'DEMO-ONLY-secret-key.asc'), 'utf8');
  const privateKey = await openpgp.decryptKey({
    privateKey: await openpgp.readPrivateKey({ armoredKey: armored }),
    passphrase: 'samced-demo-passphrase'
  });
  assert.deepEqual(privateKey.getUserIDs(), ['samced DEMO KEY - NOT SECRET <demo@example.invalid>']);
  const encrypted = readFileSync(join(events, 'edx/events/2026/samcedx-edx-events-2026-01-20.log.gz.gpg'));
  assert.notEqual(encrypted[0], '-'.charCodeAt(0), 'binary, not armored');
  const message = await openpgp.readMessage({ binaryMessage: new Uint8Array(encrypted) });
  const { data } = await openpgp.decrypt({ message, decryptionKeys: privateKey, format: 'binary' });
  const n = assertJsonLines(gunzipSync(Buffer.from(data)).toString('utf8'), 'decrypted 2026-01-20');
  assert.ok(n > 100, `a normal weekday, got ${n} lines`);
  assert.match(readFileSync(join(keys, 'README.md'), 'utf8'), /PUBLIC DEMO KEY FOR THE EMBEDDED SAMPLE ONLY/);
});

test('each edge file repeats exactly 3 lines of the same day, byte for byte', () => {
  const edge = files(join(events, 'edge/events'), '.log.gz');
  assert.deepEqual(
    edge.map((f) => f.slice(-17, -7)),
    ['2026-01-05', '2026-01-06', '2026-01-07']
  );
  for (const file of edge) {
    const day = file.slice(-17, -7);
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    assertJsonLines(text, file);
    const edx = new Set(
      gunzipSync(readFileSync(join(events, `edx/events/2026/samcedx-edx-events-${day}.log.gz`)))
        .toString('utf8')
        .split('\n')
    );
    const lines = text.slice(0, -1).split('\n');
    const repeated = lines.filter((l) => edx.has(l));
    assert.equal(repeated.length, 3, day);
    for (const line of lines) if (!edx.has(line)) assert.equal(JSON.parse(line).host, 'edge.edx.org');
    if (day === '2026-01-05')
      assert.ok(repeated.some((l) => l.includes('"user_id": 1001') && l.includes('"load_video"')));
  }
});

/** Parses a TSV table into header and rows of raw cells. */
function table(snapshot: string, file: string): { header: string[]; rows: string[][] } {
  const text = readFileSync(join(drop, 'course-data', `samcedx-${snapshot}`, file), 'utf8');
  const [head, ...rest] = text.slice(0, -1).split('\n');
  return { header: head!.split('\t'), rows: rest.map((r) => r.split('\t')) };
}

test('enrolments grow over the three snapshots as planned', () => {
  const users = (snapshot: string, prefix: string) => {
    const t = table(snapshot, `${prefix}-student_courseenrollment-prod-analytics.sql`);
    assert.deepEqual(t.header, ['id', 'user_id', 'course_id', 'created', 'is_active', 'mode']);
    return t.rows.map((r) => Number(r[1])).sort((a, b) => a - b);
  };
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  assert.deepEqual(users('2025-12-07', 'SamcedX-DATA101-1T2026'), [7, ...range(1001, 1020)]);
  assert.deepEqual(users('2025-12-07', 'SamcedX-HIST.201x-2025_Fall'), range(1031, 1050));
  assert.deepEqual(users('2026-01-11', 'SamcedX-DATA101-1T2026'), [7, ...range(1001, 1040)]);
  assert.deepEqual(users('2026-01-11', 'SamcedX-HIST.201x-2025_Fall'), range(1031, 1060));
  assert.deepEqual(users('2026-02-15', 'SamcedX-DATA101-1T2026'), [7, ...range(1001, 1050)]);
  assert.deepEqual(users('2026-02-15', 'SamcedX-DATA101-1T2026B'), range(1061, 1065));
  const last = table('2026-02-15', 'SamcedX-DATA101-1T2026-student_courseenrollment-prod-analytics.sql');
  assert.equal(last.rows.filter((r) => r[4] === '0').length, 3);
  assert.deepEqual([...new Set(last.rows.map((r) => r[5]))].sort(), ['audit', 'honor', 'verified']);
  assert.equal(
    existsSync(
      join(drop, 'course-data/samcedx-2025-12-07/SamcedX-DATA101-1T2026B-student_courseenrollment-prod-analytics.sql')
    ),
    false
  );
});

test('auth_userprofile switches column order in the 2026-02-15 snapshot; awkward values are escaped', () => {
  const old = table('2026-01-11', 'SamcedX-DATA101-1T2026-auth_userprofile-prod-analytics.sql');
  const now = table('2026-02-15', 'SamcedX-DATA101-1T2026-auth_userprofile-prod-analytics.sql');
  assert.ok(old.header.includes('allow_certificate') && !old.header.includes('state'));
  assert.ok(!now.header.includes('allow_certificate') && now.header[now.header.length - 1] === 'state');
  for (const t of [old, now]) for (const row of t.rows) assert.equal(row.length, t.header.length);
  const col = (t: typeof now, name: string, userId: number) =>
    t.rows.find((r) => r[1] === String(userId))![t.header.indexOf(name)];
  assert.equal(col(now, 'goals', 1002), 'Learn SQL\\tand R');
  assert.equal(col(now, 'location', 1002), 'Between "Lund" and Malmö? Mostly Lund');
  assert.equal(col(now, 'year_of_birth', 1002), 'NULL');
  assert.equal(col(now, 'mailing_address', 1001), 'Vasagatan 3\\nGöteborg');
  assert.equal(col(now, 'goals', 1003), 'Keep notes in C:\\\\data\\\\notes');
  assert.equal(col(now, 'meta', 1003), '{"old_names": []}');
  assert.equal(
    col(now, 'meta', 1006),
    '{"old_names": [["Anna \\\\"Annie\\\\" Moreau", "typo", "2025-10-02T09:14:03.118204+00:00"]]}'
  );
  const raw = readFileSync(
    join(drop, 'course-data/samcedx-2026-02-15/SamcedX-DATA101-1T2026-auth_userprofile-prod-analytics.sql'),
    'utf8'
  );
  assert.ok(
    raw.split('\n').some((l) => l.endsWith('\t')),
    'some rows end in empty fields'
  );
  assert.equal(table('2026-02-15', 'SamcedX-DATA101-1T2026-auth_user-prod-analytics.sql').header.length, 22);
});

test('certificates exist only in the last snapshot; course structure and OLX are present', () => {
  assert.equal(
    existsSync(
      join(
        drop,
        'course-data/samcedx-2026-01-11/SamcedX-DATA101-1T2026-certificates_generatedcertificate-prod-analytics.sql'
      )
    ),
    false
  );
  const certs = table('2026-02-15', 'SamcedX-DATA101-1T2026-certificates_generatedcertificate-prod-analytics.sql');
  assert.equal(certs.header[10], 'name');
  for (const row of certs.rows) assert.match(row[3]!, /^[01]\.\d{1,2}$/);
  assert.ok(certs.rows.some((r) => r[7] === 'downloadable') && certs.rows.some((r) => r[7] === 'notpassing'));
  const structure = JSON.parse(
    readFileSync(
      join(drop, 'course-data/samcedx-2026-02-15/SamcedX-DATA101-1T2026-course_structure-prod-analytics.json'),
      'utf8'
    )
  );
  const v1 = structure['block-v1:SamcedX+DATA101+1T2026+type@video+block@d1a7e5c0c2b14f5f9a3e6b1c0f2e4a11'];
  const v2 = structure['block-v1:SamcedX+DATA101+1T2026+type@video+block@e2b8f6d1d3c25060ab4f7c2d1a3f5b22'];
  assert.equal(v1.metadata.duration, 120);
  assert.equal('duration' in v2.metadata, false);
  const names = (Object.values(structure) as { category: string; metadata: { display_name: string } }[])
    .filter((b) => b.category === 'problem')
    .map((b) => b.metadata.display_name);
  assert.ok(names.includes('Pre-course survey') && names.includes('Post-survey'));
  const tgz = readFileSync(
    join(drop, 'course-data/samcedx-2026-02-15/SamcedX-DATA101-1T2026-course-prod-analytics.xml.tar.gz')
  );
  const tar = gunzipSync(tgz);
  assert.equal(tar.subarray(0, 7).toString(), 'course/');
  assert.ok(tar.includes(Buffer.from('course/course.xml\0')));
});

test('the email opt-in CSV is CRLF csv with quoting where needed', () => {
  const text = readFileSync(
    join(drop, 'course-data/samcedx-2026-02-15/SamcedX-email_opt_in-prod-analytics.csv'),
    'utf8'
  );
  assert.ok(
    text.startsWith('user_id,username,email,full_name,course_id,is_opted_in_for_email,preference_set_datetime\r\n')
  );
  assert.ok(text.includes(',"Okafor, Chidi",'));
  assert.ok(text.includes(',"Anna ""Ann"" Moreau",'));
  assert.equal(
    text
      .split('\r\n')
      .filter((l) => l.startsWith('1012,'))
      .every((l) => l.includes(',False,2025-12-02 08:30:12+00:00')),
    true
  );
  assert.equal(text.split('\n').length, text.split('\r\n').length);
});

test('studentmodule: JSON state with doubled backslashes, float grades on problems only', () => {
  const t = table('2026-02-15', 'SamcedX-DATA101-1T2026-courseware_studentmodule-prod-analytics.sql');
  assert.deepEqual(t.header, [
    'id',
    'module_type',
    'module_id',
    'student_id',
    'state',
    'grade',
    'created',
    'modified',
    'max_grade',
    'done',
    'course_id'
  ]);
  const types = new Set(t.rows.map((r) => r[1]));
  for (const type of ['course', 'chapter', 'sequential', 'video', 'problem']) assert.ok(types.has(type), type);
  for (const row of t.rows) {
    if (row[1] === 'problem') assert.match(row[8]!, /^\d+\.\d+$/, 'max_grade is a float');
    else assert.deepEqual([row[5], row[8]], ['NULL', 'NULL'], `${row[1]} has no grade`);
    const json = row[4]!.replace(/\\\\/g, '\\');
    assert.equal(typeof JSON.parse(json), 'object');
  }
  assert.ok(
    t.rows.some((r) => r[4]!.includes('\\\\"')),
    'some state has a quote escaped as \\\\"'
  );
  const essay = (snapshot: string) =>
    table(snapshot, 'SamcedX-DATA101-1T2026-courseware_studentmodule-prod-analytics.sql').rows.find(
      (r) => r[3] === '1002' && r[2] === 'block-v1:SamcedX+DATA101+1T2026+type@problem+block@p2essay'
    )!;
  assert.equal(essay('2026-01-11')[5], 'NULL', 'not yet graded by staff');
  assert.equal(essay('2026-02-15')[5], '4.0');
});
