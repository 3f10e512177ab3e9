import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  declaredParameters,
  injectedSource,
  injectParameters,
  isSecretParameter,
  parseParameterArgs,
  parseParameterValue,
  prepareParameters,
  splitDeclared
} from '../../kernel-lib/runner/parameters';
import type { Notebook } from '../../kernel-lib/runner/notebook-format';
import { InputError } from '../../kernel-lib/util/errors';

test('parameter values are JSON numbers, booleans and strings; other text is a string', () => {
  assert.equal(parseParameterValue('5'), 5);
  assert.equal(parseParameterValue('-2.5e1'), -25);
  assert.equal(parseParameterValue('true'), true);
  assert.equal(parseParameterValue('"5"'), '5');
  assert.equal(parseParameterValue('ChalmersX/ChM001/1T2024'), 'ChalmersX/ChM001/1T2024');
  assert.equal(parseParameterValue(''), '');
  assert.throws(() => parseParameterValue('null'), InputError);
  assert.throws(() => parseParameterValue('[1,2]'), InputError);
});

test('--param pairs split at the first =, last one wins, names must be identifiers', () => {
  assert.deepEqual(parseParameterArgs(['a=1', 'url=x=y', 'a=2']), { a: 2, url: 'x=y' });
  assert.throws(() => parseParameterArgs(['novalue']), /name=value/);
  assert.throws(() => parseParameterArgs(['1abc=2']), /identifier/);
});

test('declaredParameters finds let/const lines with the type of their default', () => {
  const found = declaredParameters(
    [
      'let course = "demo";',
      "let label = 'x'; // comment",
      'let minutes = 5;',
      'let strict: boolean = true',
      'let start: string | null = null;',
      'const fixed = 3;',
      'console.log(1);'
    ].join('\n')
  );
  assert.deepEqual([...found.keys()], ['course', 'label', 'minutes', 'strict', 'start', 'fixed']);
  assert.equal(found.get('course')?.type, 'string');
  assert.equal(found.get('label')?.type, 'string');
  assert.equal(found.get('minutes')?.type, 'number');
  assert.equal(found.get('minutes')?.line, 3);
  assert.equal(found.get('strict')?.type, 'boolean');
  assert.equal(found.get('start')?.type, undefined);
  assert.equal(found.get('fixed')?.keyword, 'const');
});

function notebook(): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { cell_type: 'markdown', id: 'a', metadata: {}, source: '# Title' },
      {
        cell_type: 'code',
        id: 'b',
        metadata: { tags: ['parameters'] },
        source: ['let course = "demo";\n', 'let minutes = 5;\n', 'const fixed = 1;'],
        outputs: [],
        execution_count: null
      },
      {
        cell_type: 'code',
        id: 'old',
        metadata: { tags: ['injected-parameters'] },
        source: 'course = "stale";',
        outputs: [],
        execution_count: 3
      },
      { cell_type: 'code', id: 'c', metadata: {}, source: 'course', outputs: [], execution_count: null }
    ]
  };
}

test('injectParameters inserts one tagged cell after the parameters cell and drops a stale one', () => {
  const input = notebook();
  const result = injectParameters(input, { course: 2024, minutes: 10 }, 'nb.ipynb');
  assert.deepEqual(
    result.cells.map((cell) => cell.id),
    ['a', 'b', 'injected-parameters', 'c']
  );
  const injected = result.cells[2];
  assert.deepEqual(injected.metadata.tags, ['injected-parameters']);
  // course is declared as a string, so the number 2024 becomes the string "2024"
  assert.equal(
    (injected.source as string[]).join(''),
    '// Parameters injected by `samced run`\n{\n  course = "2024";\n  minutes = 10;\n}\n'
  );
  assert.equal(result.cells[1], input.cells[1], 'other cells are kept as they are');
  assert.equal(input.cells.length, 4, 'the input notebook is not changed');
});

test('injectParameters without parameters only drops the stale cell', () => {
  const result = injectParameters(notebook(), {}, 'nb.ipynb');
  assert.deepEqual(
    result.cells.map((cell) => cell.id),
    ['a', 'b', 'c']
  );
});

test('injectParameters refuses unknown names, const parameters, wrong types and missing parameters cells', () => {
  assert.throws(
    () => injectParameters(notebook(), { nope: 1 }, 'nb.ipynb'),
    /nb\.ipynb: parameter nope is not declared in the parameters cell \(cell 2; declared: course, minutes, fixed\)/
  );
  assert.throws(() => injectParameters(notebook(), { fixed: 2 }, 'nb.ipynb'), /declared with const in cell 2/);
  assert.throws(
    () => injectParameters(notebook(), { minutes: 'ten' }, 'nb.ipynb'),
    /parameter minutes is a number but got "ten"/
  );
  const plain = notebook();
  plain.cells[1].metadata = {};
  assert.throws(() => injectParameters(plain, { course: 'x' }, 'nb.ipynb'), /no code cell tagged 'parameters'/);
});

test('an nbformat 4.4 notebook gets an injected cell without id', () => {
  const old = { ...notebook(), nbformat_minor: 4 };
  const result = injectParameters(old, { minutes: 1 }, 'nb.ipynb');
  assert.equal(result.cells[2].id, undefined);
});

test('injectedSource writes JSON literals so quotes and backslashes survive', () => {
  assert.equal(
    injectedSource({ s: 'a "b" \\ c' }),
    '// Parameters injected by `samced run`\n{\n  s = "a \\"b\\" \\\\ c";\n}\n'
  );
});

test('splitDeclared keeps what the parameters cell declares', () => {
  assert.deepEqual(splitDeclared(notebook(), { course: 'x', other: 1, minutes: 2 }), {
    declared: { course: 'x', minutes: 2 },
    ignored: ['other']
  });
  const none = notebook();
  none.cells[1].metadata = {};
  assert.deepEqual(splitDeclared(none, { course: 'x' }), { declared: {}, ignored: ['course'] });
});

test('secret parameters by name: passphrases, passwords, secrets, tokens, credentials, key material; not a key file', () => {
  for (const name of [
    'passphrase',
    'gpgPassphrase',
    'PASSWORD',
    'pseudonymSecret',
    'awsSecretAccessKey',
    'apiToken',
    'credentials',
    'privateKey',
    'armoredKey'
  ]) {
    assert.equal(isSecretParameter(name), true, name);
  }
  for (const name of ['keyFile', 'key', 'course', 'data', 'outDir']) assert.equal(isSecretParameter(name), false, name);
  assert.equal(isSecretParameter('label', ['label']), true, 'a name given as secret');
});

test('a secret --param value is taken verbatim, and errors about it never show it', () => {
  assert.deepEqual(parseParameterArgs(['passphrase=1.50', 'minutes=1.50', 'token="q"']), {
    passphrase: '1.50',
    minutes: 1.5,
    token: '"q"'
  });
  assert.throws(
    () => parseParameterArgs(['1passphrase=hunter2']),
    (error: Error) => /'1passphrase'/.test(error.message) && !error.message.includes('hunter2')
  );
  const nb = notebook();
  nb.cells[1].source = ['let pin = 5;\n', 'let minutes = 5;'];
  assert.throws(
    () => prepareParameters(nb, { pin: 'hunter2' }, 'nb.ipynb', ['pin']),
    (error: Error) =>
      /parameter pin is a number but got a string/.test(error.message) && !error.message.includes('hunter2')
  );
  assert.throws(
    () => prepareParameters(nb, { minutes: 'ten' }, 'nb.ipynb', ['pin']),
    /parameter minutes is a number but got "ten"/
  );
});

test('prepareParameters passes secrets in environment variables, reads them in the injected cell and records them as <redacted>', () => {
  const nb = notebook();
  nb.cells[1].source = ['let course = "demo";\n', 'let passphrase = "";\n', 'let label = "";\n', 'let apiToken = "";'];
  const {
    notebook: result,
    environment,
    recorded
  } = prepareParameters(nb, { course: 'C1', passphrase: 'a "b" 1', label: 'from a file', apiToken: '' }, 'nb.ipynb', [
    'label'
  ]);
  // JSON text, so quotes survive; an empty secret hides nothing and is injected as it is
  assert.deepEqual(environment, { SAMCED_PARAM_passphrase: '"a \\"b\\" 1"', SAMCED_PARAM_label: '"from a file"' });
  assert.deepEqual(recorded, { course: 'C1', passphrase: '<redacted>', label: '<redacted>', apiToken: '' });
  const source = (result.cells[2].source as string[]).join('');
  assert.ok(!source.includes('a \\"b') && !source.includes('from a file'), source);
  assert.match(
    source,
    /\n {2}course = "C1";\n {2}passphrase = __samcedSecret\("passphrase"\); \/\/ <redacted>: from \$SAMCED_PARAM_passphrase\n {2}label = __samcedSecret\("label"\);.*\n {2}apiToken = "";\n\}\n$/
  );
  assert.match(
    source,
    /const text = process\.env\["SAMCED_PARAM_" \+ name\];\n {4}delete process\.env\["SAMCED_PARAM_" \+ name\];/
  );
  const plain = [injectParameters(nb, { passphrase: 'x1y2' }, 'nb.ipynb').cells[2].source].flat().join('');
  assert.ok(
    plain.includes('passphrase = __samcedSecret("passphrase")') && !plain.includes('x1y2'),
    'injectParameters never writes a secret either'
  );
});
