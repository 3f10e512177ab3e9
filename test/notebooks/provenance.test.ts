import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropProvenance, stringDefaults, summariseDrop } from '../../kernel-lib/runner/provenance';

// A tiny drop: two files (5 and 3 bytes) plus a dot-file that must be left out, and a notebook next to it.
let root: string;
const hex = (text: string) => createHash('sha256').update(text).digest('hex');

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'samced-provenance-'));
  await mkdir(join(root, 'drop', 'course-data', 'x-2026-01-11'), { recursive: true });
  await mkdir(join(root, 'drop', 'edx-course-data'), { recursive: true });
  await writeFile(join(root, 'drop', 'course-data', 'x-2026-01-11', 'a.sql'), 'hello');
  await writeFile(join(root, 'drop', 'edx-course-data', 'b.log'), 'abc');
  await writeFile(join(root, 'drop', '.samced-sync-state.json'), '{}');
  await mkdir(join(root, 'notebooks'));
  const notebook = {
    cells: [
      { cell_type: 'markdown', id: 'intro', metadata: {}, source: '# x' },
      {
        cell_type: 'code',
        id: 'parameters',
        metadata: { tags: ['parameters'] },
        outputs: [],
        execution_count: null,
        source: 'let data = \'../drop\'; // the drop\nlet dest: string = "../nowhere";\nlet n = 5;\n'
      }
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5
  };
  await writeFile(join(root, 'notebooks', 'n.ipynb'), JSON.stringify(notebook));
});

after(() => rm(root, { recursive: true, force: true }));

test('stringDefaults reads the string literal defaults of let declarations only', () => {
  assert.deepEqual(
    stringDefaults("let a = 'x'; // c\nlet b: string = \"y\";\nconst c = 'z';\nlet d = 5;\nlet e = 'it\\'s';"),
    { a: 'x', b: 'y' }
  );
});

test('summariseDrop counts files and bytes and hashes the sorted listing and contents', async () => {
  const summary = await summariseDrop(join(root, 'drop'), root);
  assert.deepEqual(summary, {
    path: 'drop',
    files: 2,
    bytes: 8,
    listingSha256: hex('course-data/x-2026-01-11/a.sql\t5\nedx-course-data/b.log\t3\n'),
    contentSha256: hex(`course-data/x-2026-01-11/a.sql\t${hex('hello')}\nedx-course-data/b.log\t${hex('abc')}\n`)
  });
  const large = await summariseDrop(join(root, 'drop'), root, 7);
  assert.equal(large.contentSha256, undefined, 'contents are not hashed above maxHashBytes');
});

test('dropProvenance uses the given value, else the default, resolved from the notebook folder; non-drops are left out', async () => {
  const hook = dropProvenance();
  const notebook = join(root, 'notebooks', 'n.ipynb');
  const byDefault = (await hook({ notebook, parameters: {}, root })) as {
    drops: Record<string, { path: string; files: number }>;
  };
  assert.deepEqual(Object.keys(byDefault.drops), ['data'], 'dest points at no drop');
  assert.equal(byDefault.drops.data!.path, 'drop');
  assert.equal(byDefault.drops.data!.files, 2);
  assert.deepEqual(await hook({ notebook, parameters: { data: '../notebooks' }, root }), {});
});
