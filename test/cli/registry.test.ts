import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commands } from '../../kernel-lib/cli/main';

test('the lazy command registry matches each command module (name and summary), and every command has help', async () => {
  assert.deepEqual(
    commands.map((c) => c.name),
    ['start', 'build', 'run', 'sql', 'open', 'sync', 'index', 'decrypt', 'events-for-user', 'email-opt-in']
  );
  for (const entry of commands) {
    const command = await entry.load();
    assert.equal(command.name, entry.name);
    assert.equal(command.summary, entry.summary);
    assert.match(command.help, new RegExp(`usage: samced ${entry.name}`));
  }
});
