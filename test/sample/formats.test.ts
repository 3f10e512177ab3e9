// The low-level writers reproduce the formats edX's Python code produced. Expected strings are
// what CPython 3 prints for the same input (json.dumps, csv.writer), typed by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { Parser } from 'tar';
import { gzipStable, tarArchive } from '../../scripts/sample/archive';
import { csvFile } from '../../scripts/sample/csv';
import { Rng } from '../../scripts/sample/prng';
import { pyDumps, pyDumpsIndented, pyFloat } from '../../scripts/sample/python-json';
import { eventTime, sqlTime, usOf } from '../../scripts/sample/time';
import { escapeTsv, tsvTable } from '../../scripts/sample/tsv';

test('pyDumps writes what json.dumps writes', () => {
  assert.equal(
    pyDumps({ a: 1, b: [pyFloat(1), 'x'], c: null, d: true }),
    '{"a": 1, "b": [1.0, "x"], "c": null, "d": true}'
  );
  assert.equal(pyDumps('Göteborg "q"\n\t\\'), '"G\\u00f6teborg \\"q\\"\\n\\t\\\\"');
  assert.equal(pyDumps('😀'), '"\\ud83d\\ude00"');
  assert.equal(pyDumps({ POST: {}, GET: {} }), '{"POST": {}, "GET": {}}');
  assert.equal(pyDumps([pyFloat(12.3), 0.5, pyFloat(0)]), '[12.3, 0.5, 0.0]');
  assert.equal(pyDumps('a/b'), '"a/b"', 'Python does not escape slashes');
});

test('pyDumpsIndented writes json.dumps(indent=2, sort_keys=True)', () => {
  assert.equal(
    pyDumpsIndented({ b: [], a: { y: 'ä', x: 1 }, c: ['k'] }),
    '{\n  "a": {\n    "x": 1,\n    "y": "\\u00e4"\n  },\n  "b": [],\n  "c": [\n    "k"\n  ]\n}'
  );
});

test('TSV cells are escaped like the exporter', () => {
  assert.equal(escapeTsv('a\\b\tc\nd\re\0f'), 'a\\\\b\\tc\\nd\\ref');
  assert.equal(
    tsvTable(
      ['id', 'v', 'g', 'ok'],
      [
        [1, null, pyFloat(2), true],
        [2, '', pyFloat(0.5), false]
      ]
    ),
    'id\tv\tg\tok\n1\tNULL\t2.0\t1\n2\t\t0.5\t0\n'
  );
  assert.throws(() => tsvTable(['a', 'b'], [[1]]), /1 cells, header 2/);
});

test('CSV quotes only where needed and ends records with CRLF', () => {
  assert.equal(
    csvFile(
      ['a', 'b'],
      [
        ['Okafor, Chidi', 'Anna "Ann"'],
        ['plain', 'two\nlines']
      ]
    ),
    'a,b\r\n"Okafor, Chidi","Anna ""Ann"""\r\nplain,"two\nlines"\r\n'
  );
});

test('event times are written in the four styles edX used', () => {
  const us = usOf('2026-01-05T10:00:00.123456');
  assert.equal(eventTime(us), '2026-01-05T10:00:00.123456+00:00');
  assert.equal(eventTime(us, 'seconds'), '2026-01-05T10:00:00+00:00');
  assert.equal(eventTime(us, 'zulu'), '2026-01-05T10:00:00.123Z');
  assert.equal(eventTime(us, 'naive'), '2026-01-05T10:00:00.123456');
  assert.equal(eventTime(usOf('2025-12-31T23:59:59.000001')), '2025-12-31T23:59:59.000001+00:00');
  assert.equal(sqlTime(us), '2026-01-05 10:00:00');
  assert.equal(sqlTime(us, true), '2026-01-05 10:00:00.123456');
});

test('gzip output is stable: mtime 0, OS byte 3 (Unix), same bytes every time', () => {
  const a = gzipStable('hello\n');
  const b = gzipStable('hello\n');
  assert.ok(a.equals(b));
  assert.deepEqual([...a.subarray(0, 10)], [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3]);
  assert.equal(gunzipSync(a).toString(), 'hello\n');
});

test('tar archives list, in order, with fixed mtime and owner', async () => {
  const bytes = tarArchive([{ path: 'course/' }, { path: 'course/course.xml', content: '<course/>\n' }], {
    mtime: 1_767_225_600
  });
  assert.equal(bytes.length, 512 + 512 + 512 + 1024);
  const seen: Array<[string, string, number, number, string]> = [];
  await new Promise<void>((resolve, reject) => {
    const parser = new Parser({
      onReadEntry: (entry) => {
        let body = '';
        entry.on('data', (d: Buffer) => (body += d.toString()));
        entry.on('end', () => seen.push([entry.path, entry.type, entry.mtime!.getTime() / 1000, entry.uid!, body]));
      }
    });
    parser.on('end', resolve);
    parser.on('error', reject);
    parser.end(bytes);
  });
  assert.deepEqual(seen, [
    ['course/', 'Directory', 1_767_225_600, 1000, ''],
    ['course/course.xml', 'File', 1_767_225_600, 1000, '<course/>\n']
  ]);
});

test('the PRNG is seeded: same labels, same numbers; ints cover both bounds', () => {
  const draw = (r: Rng) => Array.from({ length: 5 }, () => r.float());
  assert.deepEqual(draw(new Rng(7).fork('x')), draw(new Rng(7).fork('x')));
  assert.notDeepEqual(draw(new Rng(7).fork('x')), draw(new Rng(7).fork('y')));
  const r = new Rng(1);
  const seen = new Set<number>();
  for (let i = 0; i < 500; i++) {
    const v = r.int(1, 3);
    assert.ok(v >= 1 && v <= 3);
    seen.add(v);
  }
  assert.deepEqual([...seen].sort(), [1, 2, 3]);
  assert.match(new Rng(3).hex(32), /^[0-9a-f]{32}$/);
});
