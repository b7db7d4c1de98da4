import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpuBudget } from './cpu-budget.ts';

const test = suite('cpu budget');

test('a task within the budget gives its value', () => {
  const run = cpuBudget(1_000);
  const value = { a: [1, 2] };
  const r = run(() => value);
  assert.ok(r.ok);
  if (r.ok) assert.is(r.value, value, 'the very object, not a copy from another realm');
});

test('a busy loop is stopped at the budget and the process goes on', () => {
  const run = cpuBudget(50);
  const started = performance.now();
  const r = run(() => {
    for (;;) { /* a runaway plan */ }
  });
  const ms = performance.now() - started;
  assert.equal(r, { ok: false, budgetMs: 50 });
  // Stopped, not finished: well under the time a never-ending loop takes (the bound is loose for busy machines).
  assert.ok(ms < 5_000, `stopped after ${ms} ms`);
  assert.ok(run(() => 1).ok, 'usable again');
});

test('a backtracking regex (the ReDoS of issue 12) is stopped inside the regex engine', () => {
  const run = cpuBudget(50);
  // 2^40 steps: hours, if nothing stopped it.
  const r = run(() => /^(a+)+$/.test(`${'a'.repeat(40)}!`));
  assert.equal(r, { ok: false, budgetMs: 50 });
});

test("a task's own exception passes through", () => {
  const run = cpuBudget(1_000);
  assert.throws(() => run(() => {
    throw new TypeError('planner bug');
  }), (e: unknown) => e instanceof TypeError && e.message === 'planner bug');
});

test.run();
