import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { mapInParallel } from '../../kernel-lib/util/parallel';

test('mapInParallel: results in the items’ order, never more than width calls in flight', async () => {
  let inFlight = 0;
  let most = 0;
  const started: number[] = [];
  // later items finish first: the order of results must still be the items'
  const results = await mapInParallel([30, 20, 10, 5, 1], 2, async (ms, i) => {
    started.push(i);
    inFlight += 1;
    most = Math.max(most, inFlight);
    await sleep(ms);
    inFlight -= 1;
    return ms * 2;
  });
  assert.deepEqual(results, [60, 40, 20, 10, 2]);
  assert.equal(most, 2);
  assert.deepEqual(started, [0, 1, 2, 3, 4]);
  assert.deepEqual(await mapInParallel([], 2, async () => 1), []);
});

test('mapInParallel: a failure rejects after the calls already started have settled, and starts no more', async () => {
  const settled: number[] = [];
  await assert.rejects(
    mapInParallel([1, 2, 3, 4], 2, async (n) => {
      if (n === 1) throw new Error('one failed');
      await sleep(20);
      settled.push(n);
      return n;
    }),
    /one failed/
  );
  assert.deepEqual(settled, [2]);
});
