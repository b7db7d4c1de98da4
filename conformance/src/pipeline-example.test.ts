// examples/pipeline, planned reconcile by reconcile against an in-memory cluster that plays the Job
// controller: every phase in order, one step per finished Job, and the Failed path. The e2e suite
// (e2e/src/runtime-pipeline.test.ts) runs the same Katalog against a real API server.
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseKatalog } from '@orkestra/lib';
import type { CrdEntry } from '@orkestra/lib/katalog';
import { childKey, planReconcile, type CachedCr, type Effect, type ObservedChild } from '@orkestra/lib/runtime';

/** The parsed Katalog, or the diagnostics as the failure. */
function katalogOf(r: ReturnType<typeof parseKatalog>) {
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.katalog;
}

const test = suite('examples/pipeline: the state machine, planned');
const KATALOG = new URL('../../examples/pipeline/katalog.yaml', import.meta.url).pathname;
const crd: CrdEntry = katalogOf(parseKatalog({ file: KATALOG, text: readFileSync(KATALOG, 'utf8') })).crds[0]!;
const JOBS = { group: 'batch', version: 'v1', resource: 'jobs', namespaced: true };

interface World { cr: CachedCr; children: Map<string, ObservedChild>; lastApplied: Map<string, string>; clock: number; history: string[]; events: string[] }

function world(): World {
  return {
    cr: { apiVersion: 'ci.example.com/v1alpha1', kind: 'Pipeline', metadata: { name: 'shop', namespace: 'ci', uid: 'u', generation: 1, resourceVersion: '1' }, spec: { image: 'busybox:1.36', repo: 'r' } },
    children: new Map(), lastApplied: new Map(), clock: 0, history: [], events: [],
  };
}

/** One reconcile, its effects executed the way the API server would (a Job appears with no status). */
function reconcile(w: World): readonly Effect[] {
  w.clock += 1000;
  const plan = planReconcile({ crd, cr: w.cr, observedChildren: w.children, nowMs: Date.UTC(2026, 0, 1) + w.clock, lastApplied: w.lastApplied });
  for (const e of plan.effects) {
    if (e.type === 'addFinalizer') w.cr = { ...w.cr, metadata: { ...w.cr.metadata, finalizers: [...e.finalizers] } };
    if (e.type === 'apply') {
      w.children.set(e.key, { resource: e.resource, apiVersion: 'batch/v1', kind: 'Job', metadata: { ...e.object.metadata, creationTimestamp: `2026-01-01T00:00:${String(w.clock / 1000).padStart(2, '0')}Z`, generation: 1 }, kept: { spec: {} } });
      w.lastApplied.set(e.key, e.fingerprint);
    }
    if (e.type === 'event') w.events.push(`${e.eventType} ${e.reason}`);
    if (e.type === 'patchStatus') {
      w.cr = { ...w.cr, status: { ...(w.cr.status as object), ...e.status } };
      const s = w.cr.status as { phase?: string; step?: string };
      w.history.push(`${s.phase}/${s.step}`);
    }
  }
  return plan.effects;
}

/** Reconciles until nothing is left to do. */
function settle(w: World): void {
  for (let i = 0; i < 10; i++) if (reconcile(w).length === 0) return;
  throw new Error('did not converge');
}

/** Plays the Job controller: the Job of `step` finishes. */
function finish(w: World, step: string, result: 'Complete' | 'Failed'): void {
  const key = childKey(JOBS, 'ci', `shop-${step}`);
  const job = w.children.get(key);
  assert.ok(job, `the ${step} Job exists`);
  w.children.set(key, { ...job!, status: { startTime: 't', [result === 'Complete' ? 'succeeded' : 'failed']: 1, conditions: [{ type: result, status: 'True' }] } });
}

const jobs = (w: World) => [...w.children.values()].map((c) => c.metadata.name).sort();

test('Pending -> Running/build -> test -> notify -> Succeeded/done, one Job per finished step, finished Jobs kept', () => {
  const w = world();
  settle(w);
  assert.equal(jobs(w), ['shop-build']);
  finish(w, 'build', 'Complete');
  settle(w);
  assert.equal(jobs(w), ['shop-build', 'shop-test']);
  finish(w, 'test', 'Complete');
  settle(w);
  assert.equal(jobs(w), ['shop-build', 'shop-notify', 'shop-test']);
  finish(w, 'notify', 'Complete');
  settle(w);
  assert.equal(w.history, ['Pending/build', 'Running/build', 'Running/test', 'Running/notify', 'Succeeded/done']);
  const ready = (w.cr.status as { conditions: { type: string; status: string }[] }).conditions.find((c) => c.type === 'Ready');
  assert.is(ready?.status, 'True');
});

test('a failed step: Failed, the failed step named, no later Job, Ready False (ChildFailed)', () => {
  const w = world();
  settle(w);
  finish(w, 'build', 'Complete');
  settle(w);
  finish(w, 'test', 'Failed');
  settle(w);
  assert.equal(jobs(w), ['shop-build', 'shop-test']);
  const s = w.cr.status as { phase: string; step: string; failedStep: string; conditions: { type: string; status: string; reason: string }[] };
  assert.equal([s.phase, s.step, s.failedStep], ['Failed', 'test', 'test']);
  assert.equal(w.history, ['Pending/build', 'Running/build', 'Running/test', 'Failed/test']);
  const ready = s.conditions.find((c) => c.type === 'Ready');
  assert.equal([ready?.status, ready?.reason], ['False', 'ChildFailed']);
  assert.equal(w.events.filter((e) => e.startsWith('Warning')), ['Warning ChildFailed'], 'one Warning for the failed Job');
});

test.run();
