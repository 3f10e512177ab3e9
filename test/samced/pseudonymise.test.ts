import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../kernel-lib/cli/main';
import { USER_ID_COLUMNS } from '../../kernel-lib/samced/pseudonymise';
import { memoryLogger, systemClock } from '../../kernel-lib/util/effects';
import { makeMiniDrop, MINI } from '../fixtures/mini-drop';

const hash = (secret: string, id: string) => createHmac('sha256', secret).update('user:' + id).digest('hex').slice(0, 16);

test('--pseudonymise: ids are keyed hashes, stable across tables and runs; no raw id, name, email or IP reaches any output', async () => {
  const drop = makeMiniDrop();
  const dir = mkdtempSync(join(tmpdir(), 'samced-pseudo-'));
  const secret = 'correct horse battery staple';
  writeFileSync(join(dir, 'secret'), secret + '\n');
  const outs = [join(dir, 'a'), join(dir, 'b')];
  for (const out of outs) {
    const code = await main(['build', '--data', drop, '--org', MINI.org, '--course', MINI.course, '--run', MINI.run, '--start', MINI.start, '--end', MINI.end, '--out', out, '--pseudonymise', join(dir, 'secret')], { logger: memoryLogger(), clock: systemClock });
    assert.equal(code, 0);
  }
  const csv = (out: string, t: string) => readFileSync(join(out, `SAMCED-${t}.csv`), 'utf8');
  const u11 = hash(secret, '11');
  const u12 = hash(secret, '12');
  assert.equal(csv(outs[0]!, 'video_activity').split('\n')[1], `${u11},1,2,1,1,1,1,,1,,`);
  assert.match(csv(outs[0]!, 'discussion_forum_activity_ng'), new RegExp(`\\n1,${u11},1,,CommentThread,`));
  assert.match(csv(outs[0]!, 'student_courseenrollment'), new RegExp(`\\n2,${u12},course-v1:MiniX\\+M101\\+2026T1,`));
  assert.doesNotMatch(csv(outs[0]!, 'auth_userprofile'), /Göteborg|west/);
  for (const name of readdirSync(outs[0]!)) {
    if (name === 'manifest.json') continue;
    assert.equal(readFileSync(join(outs[0]!, name)).toString('latin1'), readFileSync(join(outs[1]!, name)).toString('latin1'), `${name} differs between two runs`);
  }
  for (const name of readdirSync(outs[0]!)) {
    const text = readFileSync(join(outs[0]!, name)).toString('latin1');
    for (const secretText of ['anna', 'Anna', 'Svensson', 'bo@example', 'Berg', '203.0.113.9', '192.0.2.1', 'user11', 'user12', 'Hi\r\nthere']) {
      assert.ok(!text.includes(secretText), `${name} contains ${secretText}`);
    }
    if (name.endsWith('.csv')) {
      const [header, ...rows] = text.trim().split('\n');
      const idColumns = header!.split(',').map((c, i) => (USER_ID_COLUMNS.includes(c) || (name === 'SAMCED-auth_userprofile.csv' && c === 'id') ? i : -1)).filter((i) => i >= 0);
      for (const row of rows) {
        const fields = row.split(',');
        for (const i of idColumns) assert.match(fields[i]!, /^([0-9a-f]{16})?$/, `${name}: ${header!.split(',')[i]} is not a pseudonym in ${row}`);
      }
    }
  }
  assert.ok(!readdirSync(outs[0]!).some((n) => n.endsWith('.sql') || n.endsWith('.json') && n !== 'manifest.json'), 'raw course files are not copied');
});
