/**
 * Optional conformance test against the public edX-format fixtures of edx-analytics-pipeline
 * (AGPL data, read in place from ../shared/samples; never copied here). Skips when absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openDuck } from '../../kernel-lib/duck/connection';
import { createMacros } from '../../kernel-lib/duck/macros';
import { loadTsvTable } from '../../kernel-lib/load/tables';
import { loadForum } from '../../kernel-lib/load/forum';
import { loadCourseStructure } from '../../kernel-lib/load/course-structure';
import { loadEvents } from '../../kernel-lib/load/events/events-parser';
import { parseExportFileName } from '../../kernel-lib/drop/file-names';
import { parseCourseKey, formatCourseKey } from '../../kernel-lib/drop/course-key';
import { listEventFiles } from '../../kernel-lib/drop/event-files';

const SAMPLES = resolve(process.cwd(), '..', 'shared', 'samples', 'edx-analytics-pipeline');
const skip = existsSync(SAMPLES) ? false : `public samples not found at ${SAMPLES}`;

test('every .sql export, the forum dump and the course structure of the pipeline fixture load', { skip }, async () => {
  const dir = join(SAMPLES, 'state');
  const duck = await openDuck();
  await createMacros(duck);
  for (const name of readdirSync(dir).sort()) {
    const info = parseExportFileName(name);
    assert.ok(info, `${name} is recognised`);
    const path = join(dir, name);
    if (info.kind === 'table') {
      const lines = readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l !== '');
      const report = await loadTsvTable(duck, info.table, path);
      assert.equal(report.rows, lines.length - 1, `${name}: every data line is a row`);
    } else if (info.kind === 'forum') {
      const docs = readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l.trim()).length;
      assert.equal((await loadForum(duck, path)).rows, docs);
    } else if (info.kind === 'course_structure') {
      const blocks = Object.keys(JSON.parse(readFileSync(path, 'utf8'))).length;
      assert.equal((await loadCourseStructure(duck, path)).rows, blocks);
    }
  }
  const profile = await duck.json('SELECT count(*)::INTEGER AS n FROM auth_userprofile WHERE user_id IS NOT NULL');
  assert.ok((profile[0]!.n as number) > 0);
  duck.close();
});

test('every JSON line of the pipeline tracking logs lands in its course’s events (comment lines reported)', {
  skip
}, async () => {
  const logs = join(SAMPLES, 'events', 'raw_tracking_logs');
  for (const name of readdirSync(logs).sort()) {
    const text = readFileSync(join(logs, name), 'utf8');
    const lines = text.split('\n');
    const expected = new Map<string, Set<string>>();
    lines.forEach((line) => {
      const s = line.trim();
      if (!s || s.startsWith('#')) return;
      const key = parseCourseKey(JSON.parse(s).context?.course_id);
      if (!key) return;
      const id = formatCourseKey(key);
      if (!expected.has(id)) expected.set(id, new Set());
      expected.get(id)!.add(line);
    });
    const drop = mkdtempSync(join(tmpdir(), 'samced-conf-'));
    const eventsDir = join(drop, 'edx-course-data', 'x', 'edx', 'events', '2015');
    mkdirSync(eventsDir, { recursive: true });
    writeFileSync(join(eventsDir, 'x-edx-events-2015-01-01.log.gz'), gzipSync(text));
    const files = listEventFiles(drop, { org: 'x', start: '2015-01-01', end: '2015-01-01' });
    for (const [id, set] of expected) {
      const course = parseCourseKey(id)!;
      const duck = await openDuck();
      const report = await loadEvents(duck, { course, files, skipBadLines: true });
      assert.equal(report.events, set.size, `${name}: events of ${id}`);
      for (const p of report.problems)
        assert.match(lines[p.line - 1]!, /^\s*#/, `${name}:${p.line} only comment lines may be skipped`);
      duck.close();
    }
  }
});
