// Issue 12, finding 8: 150 status patches by someone else made the runtime write status back 150
// times and record 150 "Reconciled" Events. An Event must mean something changed, and a status
// nobody of ours changed is not rewritten: the runtime does not reconcile a CR for a status-only
// update (spec/runtime.md §2.5), and when it does reconcile (a spec change, the resync) it
// restores its own conditions without an Event. Run against a real API server under the bundle's
// ServiceAccount, with a long resync so only watch events drive it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { kubectlJsonOrUndefined, kubectlOk } from './harness/kubectl.ts';
import { installForRuntime } from './harness/install-for-runtime.ts';
import { httpBase, startRuntime, stopRuntime, tearDownRuntime, type RuntimeProcess } from './harness/runtime-process.ts';
import { runtimeWrites } from './harness/runtime-writes.ts';
import { waitFor } from './harness/wait.ts';

const KATALOG = 'examples/starter/katalog.yaml';
const PATCHES = 150;

interface Obj { metadata: { uid: string; generation?: number }; status?: { observedGeneration?: number; conditions?: { type: string; status: string }[] } }
interface EventList { items: { reason: string; regarding: { uid?: string } }[] }

const test = suite('ork run: status written by someone else is not a change');
let runtime: RuntimeProcess | undefined;
let ns = '';
let base = '';

const getJson = <T>(args: string[]): T | undefined => kubectlJsonOrUndefined<T>(args, { namespace: ns });
const eventsOf = (uid: string) => (getJson<EventList>(['get', 'events.events.k8s.io'])?.items ?? []).filter((e) => e.regarding.uid === uid);
// Applied=True; a runtime from before issue 14 has no Applied and says the same with Ready=True
// (so this test also runs against such a runtime and shows the finding there).
const applied = (o: Obj | undefined): boolean => {
  const c = o?.status?.conditions ?? [];
  const a = c.find((x) => x.type === 'Applied');
  return a ? a.status === 'True' : c.some((x) => x.type === 'Ready' && x.status === 'True');
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test.before(async () => {
  const install = installForRuntime(KATALOG, 'noise');
  ns = install.namespace;
  runtime = startRuntime(KATALOG, {
    KUBECONFIG: install.kubeconfig, ORK_NAMESPACE: ns, DEFAULT_RESYNC: '10m', LEASE_DURATION: '4', RENEW_DEADLINE: '3', RETRY_PERIOD: '1',
  });
  // A loaded machine can take more than the default 20 s to start a runtime.
  base = await httpBase(runtime, 90_000);
});

test.after(async () => {
  const r = runtime;
  runtime = undefined;
  await tearDownRuntime(r);
});

test(`${PATCHES} status patches by someone else: no status write and no Event from the runtime`, async () => {
  kubectlOk(['apply', '-f', '-'], { namespace: ns, input: JSON.stringify({ apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website', metadata: { name: 'site' }, spec: { replicas: 1 } }) });
  const site = await waitFor('the Website Applied', () => {
    const o = getJson<Obj>(['get', 'website', 'site']);
    return applied(o) && o!.status!.observedGeneration === o!.metadata.generation ? o : undefined;
  }, 60_000);
  await sleep(3_000);
  const eventsBefore = eventsOf(site.metadata.uid).length;
  const before = await runtimeWrites(base);
  for (let i = 0; i < PATCHES; i++) {
    // A merge patch of status.conditions replaces the whole list: our Ready and Applied go with it.
    kubectlOk(['patch', 'website', 'site', '--subresource', 'status', '--type', 'merge', '-p',
      JSON.stringify({ status: { note: `external ${i}`, conditions: [{ type: 'Audited', status: 'True', reason: 'Checked', message: `round ${i}`, lastTransitionTime: '2026-01-01T00:00:00Z' }] } })], { namespace: ns });
  }
  await sleep(5_000);
  const after = await runtimeWrites(base);
  assert.is(after.writes - before.writes, 0, 'status writes (or any write) answering the patches');
  assert.is(eventsOf(site.metadata.uid).length, eventsBefore, 'Events recorded for status someone else wrote');
});

test('the next real change restores our conditions (one status write) and keeps theirs, still without an Event about status', async () => {
  const site = getJson<Obj>(['get', 'website', 'site'])!;
  const count = (reason: string) => eventsOf(site.metadata.uid).filter((e) => e.reason === reason).length;
  const before = { reconciled: count('Reconciled'), total: eventsOf(site.metadata.uid).length };
  kubectlOk(['patch', 'website', 'site', '--type', 'merge', '-p', '{"spec":{"replicas":2}}'], { namespace: ns });
  const restored = await waitFor('Applied back for generation 2', () => {
    const o = getJson<Obj>(['get', 'website', 'site']);
    return o?.status?.conditions?.some((c) => c.type === 'Applied' && c.status === 'True') && o.status.observedGeneration === 2 ? o : undefined;
  }, 30_000);
  assert.equal(restored.status?.conditions?.map((c) => c.type), ['Audited', 'Ready', 'Applied']);
  await sleep(2_000);
  // The Deployment changed (2 replicas), so one Reconciled Event, and nothing about Ready, which
  // this process last wrote False and still is False.
  assert.is(count('Reconciled'), before.reconciled + 1, 'one Reconciled Event for the Deployment change');
  assert.is(eventsOf(site.metadata.uid).length, before.total + 1, 'no other Event');
});

test('the runtime made no forbidden request', async () => {
  const r = runtime!;
  runtime = undefined;
  assert.is(await stopRuntime(r), 0);
  assert.is(r.lines.find((l) => l['msg'] === 'runtime stopped')?.['forbidden'], 0);
});

test.run();
