import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { outputFolder } from '../../kernel-lib/util/paths';

test('outputFolder: a given folder made absolute, else a new owner-only temporary folder with the prefix', () => {
  assert.equal(outputFolder('some/out', 'samced-x-'), resolve('some/out'));
  const made = outputFolder(undefined, 'samced-paths-test-');
  const other = outputFolder('', 'samced-paths-test-');
  try {
    assert.equal(dirname(made), tmpdir());
    assert.match(basename(made), /^samced-paths-test-.{6}$/);
    assert.equal(statSync(made).mode & 0o777, 0o700);
    assert.notEqual(other, made, 'each call makes a new folder');
    assert.equal(dirname(join(other, 'x')), other);
  } finally {
    rmSync(made, { recursive: true, force: true });
    rmSync(other, { recursive: true, force: true });
  }
});
