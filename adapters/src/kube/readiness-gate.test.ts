import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readinessGate, type ProbeAnswer } from './readiness-gate.ts';

const test = suite('readinessGate');

/** A gate whose probe answers from `answers` in turn (the last one repeats) and whose sleeps are recorded. */
function gateWith(answers: ProbeAnswer[]) {
  const sleeps: number[] = [];
  let i = 0;
  const gate = readinessGate({
    probe: async () => answers[Math.min(i++, answers.length - 1)]!,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    intervalMs: 100, maxIntervalMs: 300,
  });
  return { gate, sleeps };
}

test('open from the start: requests pass without a probe', () => {
  const { gate } = gateWith(['ready']);
  assert.ok(gate.isOpen());
  assert.ok(gate.isOpen());
  assert.is(gate.probes(), 0);
});

test('after a lost connection requests are refused until a probe says ready, with doubling capped pauses', async () => {
  const { gate, sleeps } = gateWith(['not-ready', 'not-ready', 'not-ready', 'not-ready', 'ready']);
  gate.lost();
  assert.not.ok(gate.isOpen());
  assert.not.ok(gate.isOpen(), 'still closed while the prober runs');
  await gate.settled();
  assert.ok(gate.isOpen());
  assert.is(gate.probes(), 5, 'one prober, however many refused requests');
  assert.equal(sleeps, [100, 200, 300, 300]);
});

test('a lost connection is noticed only when a request looks: no prober runs while nobody asks', async () => {
  const { gate } = gateWith(['ready']);
  gate.lost();
  await gate.settled();
  assert.is(gate.probes(), 0);
  assert.not.ok(gate.isOpen());
  await gate.settled();
  assert.ok(gate.isOpen());
});

test('denied probes (cold RBAC) keep it closed; ready opens it', async () => {
  const { gate } = gateWith(['denied', 'denied', 'not-ready', 'ready']);
  gate.lost();
  assert.not.ok(gate.isOpen());
  await gate.settled();
  assert.ok(gate.isOpen());
  assert.is(gate.probes(), 4);
  gate.lost();
  assert.not.ok(gate.isOpen(), 'still gating after a ready');
});

test('maxDenied denied probes in a row: /readyz is closed to us, the gate opens for good', async () => {
  const sleeps: number[] = [];
  const gate = readinessGate({ probe: async () => 'denied', sleep: async (ms) => void sleeps.push(ms), maxDenied: 3 });
  gate.lost();
  assert.not.ok(gate.isOpen());
  await gate.settled();
  assert.is(gate.probes(), 3);
  gate.lost();
  assert.ok(gate.isOpen());
});

test('a server that will not answer /readyz (404 from a proxy) disables the gate for good', async () => {
  const { gate } = gateWith(['unknown', 'not-ready']);
  gate.lost();
  assert.not.ok(gate.isOpen());
  await gate.settled();
  gate.lost();
  assert.ok(gate.isOpen());
  assert.is(gate.probes(), 1);
});

test.run();
