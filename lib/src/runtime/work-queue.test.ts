import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { WorkQueue } from './work-queue.ts';

const test = suite('work-queue');

function readyKey(q: WorkQueue, nowMs: number): string | undefined {
  const n = q.next(nowMs);
  return n.type === 'ready' ? n.key : undefined;
}

test('keys are de-duplicated and handed out in FIFO order', () => {
  const q = new WorkQueue();
  q.add('a', 0);
  q.add('b', 0);
  q.add('a', 1);
  assert.is(q.stats(0).depth, 2);
  assert.is(q.stats(0).addsTotal, 2);
  assert.is(readyKey(q, 2), 'a');
  assert.is(readyKey(q, 2), 'b');
  assert.equal(q.next(2), { type: 'idle' });
});

test('a key re-added while processing is queued once more after done, never handed out twice at once', () => {
  const q = new WorkQueue();
  q.add('a', 0);
  assert.is(readyKey(q, 0), 'a');
  q.add('a', 1);
  q.add('a', 2);
  assert.equal(q.next(3), { type: 'idle' });
  assert.is(q.done('a', 10), 10);
  assert.equal(q.next(11), { type: 'ready', key: 'a', queuedMs: 10 });
  q.done('a', 12);
  assert.equal(q.next(13), { type: 'idle' });
});

test('queue duration runs from add to start', () => {
  const q = new WorkQueue();
  q.add('a', 100);
  assert.equal(q.next(250), { type: 'ready', key: 'a', queuedMs: 150 });
});

const backoffTable: [failures: number, delayMs: number][] = [
  [0, 5], [1, 10], [2, 20], [10, 5120], [17, 655_360], [18, 1_000_000], [200, 1_000_000], [2000, 1_000_000],
];
for (const [failures, delayMs] of backoffTable) {
  test(`backoff after ${failures} failures is ${delayMs} ms`, () => {
    const q = new WorkQueue();
    for (let i = 0; i < failures; i++) q.addRateLimited('a', 0);
    assert.is(q.backoffFor('a'), delayMs);
  });
}

test('addRateLimited waits out the backoff, counts retries, and forget resets it', () => {
  const q = new WorkQueue();
  assert.is(q.addRateLimited('a', 1000), 5);
  assert.equal(q.next(1000), { type: 'wait', afterMs: 5 });
  assert.equal(q.next(1005), { type: 'ready', key: 'a', queuedMs: 0 });
  q.done('a', 1006);
  assert.is(q.addRateLimited('a', 1006), 10);
  assert.is(q.numRequeues('a'), 2);
  assert.is(q.stats(1006).retriesTotal, 2);
  q.forget('a');
  assert.is(q.numRequeues('a'), 0);
  assert.is(q.backoffFor('a'), 5);
});

test('addAfter keeps the earliest time and an immediate add supersedes the wait', () => {
  const q = new WorkQueue();
  q.addAfter('a', 500);
  q.addAfter('a', 300);
  q.addAfter('a', 900);
  assert.equal(q.next(100), { type: 'wait', afterMs: 200 });
  q.add('a', 150);
  assert.is(q.stats(150).waiting, 0);
  assert.is(readyKey(q, 160), 'a');
});

test('a delayed add of a key in processing runs it again after done, once due', () => {
  const q = new WorkQueue();
  q.add('a', 0);
  q.next(0);
  q.addAfter('a', 50);
  assert.equal(q.next(60), { type: 'idle' });
  q.done('a', 70);
  assert.equal(q.next(70), { type: 'ready', key: 'a', queuedMs: 20 });
});

test('delayed keys become ready in due order', () => {
  const q = new WorkQueue();
  q.addAfter('late', 20);
  q.addAfter('early', 10);
  assert.is(readyKey(q, 30), 'early');
  assert.is(readyKey(q, 30), 'late');
});

test('maxDepth drops new keys and counts them, but never a key already held', () => {
  const q = new WorkQueue({ maxDepth: 2 });
  assert.ok(q.add('a', 0));
  assert.ok(q.addAfter('b', 50));
  assert.not.ok(q.add('c', 0));
  assert.not.ok(q.addAfter('d', 10));
  assert.ok(q.add('a', 1));
  assert.ok(q.add('b', 1));
  const s = q.stats(1);
  assert.is(s.droppedTotal, 2);
  assert.is(s.depth, 2);
  assert.is(s.addsTotal, 2);
});

test('a key in processing does not count against maxDepth, and its re-add or retry is never dropped', () => {
  const q = new WorkQueue({ maxDepth: 1 });
  q.add('a', 0);
  q.next(0);
  assert.ok(q.add('b', 1));
  assert.ok(q.add('a', 2));
  assert.ok(q.addAfter('a', 10));
  assert.is(q.stats(2).droppedTotal, 0);
  q.done('a', 3);
  assert.is(q.stats(3).depth, 2);
});

test('work duration and unfinished work come from start times', () => {
  const q = new WorkQueue();
  q.add('a', 0);
  q.add('b', 0);
  q.next(10);
  q.next(40);
  const s = q.stats(100);
  assert.is(s.processing, 2);
  assert.is(s.unfinishedWorkMs, 90 + 60);
  assert.is(s.longestRunningMs, 90);
  assert.is(q.done('a', 100), 90);
  assert.is(q.done('a', 200), 0);
});

test('remove forgets a deleted object', () => {
  const q = new WorkQueue();
  q.add('a', 0);
  q.addRateLimited('b', 0);
  q.remove('a');
  q.remove('b');
  assert.equal(q.next(1000), { type: 'idle' });
  assert.is(q.numRequeues('b'), 0);
});

test.run();
