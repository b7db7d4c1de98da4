import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { byCreation } from './children-view.ts';
import type { ObservedChild } from './reconcile-types.ts';

const test = suite('children view: which child is "the most recently created"');
const jobs = { group: 'batch', version: 'v1', resource: 'jobs', namespaced: true };
const job = (name: string, creationTimestamp: string, seen?: number): ObservedChild =>
  ({ resource: jobs, metadata: { name, namespace: 'ns', creationTimestamp }, ...(seen !== undefined ? { seen } : {}) });
const order = (children: ObservedChild[]) => [...children].sort(byCreation).map((c) => c.metadata.name);

test('creation time first', () => {
  assert.equal(order([job('shop-test', '2026-12-07T04:52:33Z', 1), job('shop-build', '2026-12-07T04:52:32Z', 2)]), ['shop-build', 'shop-test']);
});

test('created in the same second: the order the runtime saw them in, not the name (notify after test)', () => {
  // The pipeline failure this guards: test and notify created in one second, and by name
  // `shop-test` sorted last, so `.children.job` stayed the finished test step.
  assert.equal(order([job('shop-notify', '2026-12-07T04:52:32Z', 3), job('shop-test', '2026-12-07T04:52:32Z', 2)]), ['shop-test', 'shop-notify']);
});

test('without a seen order (a child not from the index), the name decides a tie', () => {
  assert.equal(order([job('b', '2026-12-07T04:52:32Z'), job('a', '2026-12-07T04:52:32Z', 9)]), ['a', 'b']);
});

test.run();
