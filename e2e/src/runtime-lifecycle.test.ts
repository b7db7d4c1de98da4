// Issue 14's runtime, run by `ork run` under the bundle's `orkestra` ServiceAccount against a real
// API server (e2e/fixtures/runtime-lifecycle): `.children` in status; drift that someone else
// made (kubectl scale, kubectl edit, client-side kubectl apply) reverted within seconds while the
// fields we do not manage survive; zero writes while nothing drifts; pruning when a `when` turns
// false or a forEach element goes; observe.watch; onDelete Jobs awaited before the finalizer goes,
// and a deadline that keeps the finalizer with a Warning. No kubelet runs here: where a Job must
// finish, the test plays the Job controller through the status subresource (until issue 17's node).
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FINALIZER } from '@orkestra/lib/runtime';
import { kubectl, kubectlJsonOrUndefined, kubectlOk } from './harness/kubectl.ts';
import { installForRuntime } from './harness/install-for-runtime.ts';
import { httpBase, startRuntime, stopRuntimeClean, tearDownRuntime, type RuntimeProcess } from './harness/runtime-process.ts';
import { runtimeWrites } from './harness/runtime-writes.ts';
import { scratchDir } from './harness/scratch.ts';
import { waitFor } from './harness/wait.ts';

const KATALOG = 'e2e/fixtures/runtime-lifecycle/katalog.yaml';
const API = 'life.example.com/v1alpha1';

interface Condition { type: string; status: string; reason: string; message: string }
interface Obj {
  metadata: { name: string; uid: string; generation?: number; deletionTimestamp?: string; finalizers?: string[]; annotations?: Record<string, string> };
  spec?: { replicas?: number; template?: { spec?: { containers?: { image?: string; env?: { name: string; value?: string }[] }[] } } };
  status?: { replicas?: number; observedGeneration?: number; conditions?: Condition[] };
}

const test = suite('ork run: drift, pruning, observe.watch and onDelete against a real API server');
let runtime: RuntimeProcess | undefined;
let ns = '';
let base = '';

const getJson = <T>(args: string[]): T | undefined => kubectlJsonOrUndefined<T>(args, { namespace: ns });
const condition = (o: Obj | undefined, type: string) => o?.status?.conditions?.find((c) => c.type === type);
const deployment = () => getJson<Obj>(['get', 'deployment', 'shop-deployment']);
const exists = (kind: string, name: string) => kubectl(['get', kind, name], { namespace: ns }).status === 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reconciles of one CR so far, from the runtime's log (one line per reconcile at debug level). */
const reconcilesOf = (name: string) => runtime!.lines.filter((l) => l['name'] === name && ['converged', 'reconciled', 'reconcile failed'].includes(String(l['msg']))).length;

/** Plays the Job controller: the Job finishes successfully. */
function completeJob(name: string): void {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  kubectlOk(['patch', 'job', name, '--subresource', 'status', '--type', 'merge', '-p', JSON.stringify({ status: {
    startTime: now, completionTime: now, succeeded: 1,
    conditions: [{ type: 'SuccessCriteriaMet', status: 'True', lastTransitionTime: now }, { type: 'Complete', status: 'True', lastTransitionTime: now }],
  } })], { namespace: ns });
}

test.before(async () => {
  const install = installForRuntime(KATALOG, 'lifecycle');
  ns = install.namespace;
  runtime = startRuntime(KATALOG, {
    KUBECONFIG: install.kubeconfig, ORK_NAMESPACE: ns, LOG_LEVEL: 'debug',
    // A long resync: everything below happens on watch events, not on a periodic pass.
    DEFAULT_RESYNC: '10m', LEASE_DURATION: '4', RENEW_DEADLINE: '3', RETRY_PERIOD: '1',
  });
  base = await httpBase(runtime);
});

test.after(async () => {
  const r = runtime;
  runtime = undefined;
  await tearDownRuntime(r);
});

test('a Shop gets its Deployment and one ConfigMap per region and for the cache; status reads .children', async () => {
  kubectlOk(['apply', '-f', '-'], { namespace: ns, input: JSON.stringify({ apiVersion: API, kind: 'Shop', metadata: { name: 'shop' }, spec: { replicas: 2, cache: true, regions: ['eu', 'us'] } }) });
  const shop = await waitFor('the Shop Applied, with status.replicas read from .children.deployment', () => {
    const o = getJson<Obj>(['get', 'shop', 'shop']);
    return condition(o, 'Applied')?.status === 'True' && o?.status?.replicas === 2 ? o : undefined;
  }, 60_000);
  assert.ok(shop.metadata.finalizers?.includes(FINALIZER));
  for (const cm of ['shop-eu', 'shop-us', 'shop-cache']) assert.ok(exists('configmap', cm), cm);
  assert.is(deployment()?.spec?.replicas, 2);
  // No kubelet: the Deployment never becomes available, and Ready says so.
  assert.equal([condition(shop, 'Ready')?.status, condition(shop, 'Ready')?.reason], ['False', 'ChildrenNotReady']);
});

test('fields someone else sets that we do not manage survive: an annotation, an extra env var', async () => {
  kubectlOk(['patch', 'deployment', 'shop-deployment', '--type', 'strategic', '-p', JSON.stringify({
    metadata: { annotations: { 'team.example.com/owner': 'payments' } },
    spec: { template: { spec: { containers: [{ name: 'app', env: [{ name: 'EXTRA', value: 'kept' }] }] } } },
  })], { namespace: ns });
  await sleep(3_000);
  const d = deployment()!;
  assert.is(d.metadata.annotations?.['team.example.com/owner'], 'payments');
  assert.equal(d.spec?.template?.spec?.containers?.[0]?.env?.map((e) => e.name).sort(), ['EXTRA', 'MODE']);
});

test('kubectl scale is reverted within seconds', async () => {
  kubectlOk(['scale', 'deployment', 'shop-deployment', '--replicas=5'], { namespace: ns });
  const t0 = Date.now();
  await waitFor('replicas back to 2', () => (deployment()?.spec?.replicas === 2 ? true : undefined), 10_000, 100);
  process.stderr.write(`\n  kubectl scale reverted in ${Date.now() - t0} ms\n`);
  const d = deployment()!;
  assert.is(d.metadata.annotations?.['team.example.com/owner'], 'payments', 'the annotation we do not manage survived the correction');
  assert.ok(d.spec?.template?.spec?.containers?.[0]?.env?.some((e) => e.name === 'EXTRA'), 'the env var we do not manage survived');
  await waitFor('a Reconciled Event naming the drift', () => getJson<{ items: { reason: string; note?: string; regarding: { name: string } }[] }>(['get', 'events.events.k8s.io'])
    ?.items.find((e) => e.reason === 'Reconciled' && e.note?.includes('corrected drift in Deployment') && e.note.includes('spec.replicas')), 10_000);
});

test('kubectl edit of the image is reverted within seconds', async () => {
  const editor = join(scratchDir('editor'), 'edit.sh');
  writeFileSync(editor, '#!/bin/sh\nsed -i "s#image: nginx:1.27#image: nginx:edited#" "$1"\n');
  chmodSync(editor, 0o755);
  const before = process.env['KUBE_EDITOR'];
  process.env['KUBE_EDITOR'] = editor;
  try {
    kubectlOk(['edit', 'deployment', 'shop-deployment'], { namespace: ns });
  } finally {
    if (before === undefined) delete process.env['KUBE_EDITOR'];
    else process.env['KUBE_EDITOR'] = before;
  }
  const t0 = Date.now();
  await waitFor('the image back to nginx:1.27', () => (deployment()?.spec?.template?.spec?.containers?.[0]?.image === 'nginx:1.27' ? true : undefined), 10_000, 100);
  process.stderr.write(`  kubectl edit reverted in ${Date.now() - t0} ms\n`);
});

test('a client-side kubectl apply by someone else is reverted', async () => {
  const d = getJson<Record<string, unknown>>(['get', 'deployment', 'shop-deployment'])!;
  const mine = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'shop-deployment' }, spec: { ...(d['spec'] as object), replicas: 7 } };
  kubectlOk(['apply', '-f', '-'], { namespace: ns, input: JSON.stringify(mine) });
  await waitFor('replicas back to 2', () => (deployment()?.spec?.replicas === 2 ? true : undefined), 10_000, 100);
});

test('nothing drifted: the runtime writes nothing', async () => {
  await sleep(2_000);
  const before = await runtimeWrites(base);
  await sleep(6_000);
  const after = await runtimeWrites(base);
  assert.is(after.writes - before.writes, 0, 'writes while nothing changed');
});

test('a when turning false prunes its ConfigMap; a region removed prunes its ConfigMap', async () => {
  kubectlOk(['patch', 'shop', 'shop', '--type', 'merge', '-p', '{"spec":{"cache":false,"regions":["eu"]}}'], { namespace: ns });
  await waitFor('shop-cache and shop-us pruned', () => (!exists('configmap', 'shop-cache') && !exists('configmap', 'shop-us') ? true : undefined), 20_000);
  assert.ok(exists('configmap', 'shop-eu'), 'the remaining region keeps its ConfigMap');
  assert.ok(exists('deployment', 'shop-deployment'));
});

test('an observe.watch-ed ConfigMap change re-reconciles the Shop its label names; an unlabelled one does not', async () => {
  await sleep(1_000);
  const start = reconcilesOf('shop');
  kubectlOk(['create', 'configmap', 'unrelated', '--from-literal=a=1'], { namespace: ns });
  await sleep(3_000);
  assert.is(reconcilesOf('shop'), start, 'an unlabelled ConfigMap reconciled the Shop');
  kubectlOk(['create', 'configmap', 'settings', '--from-literal=a=1'], { namespace: ns });
  kubectlOk(['label', 'configmap', 'settings', 'life.example.com/shop=shop'], { namespace: ns });
  await waitFor('a reconcile of the Shop', () => (reconcilesOf('shop') > start ? true : undefined), 10_000, 100);
  const after = reconcilesOf('shop');
  kubectlOk(['patch', 'configmap', 'settings', '--type', 'merge', '-p', '{"data":{"a":"2"}}'], { namespace: ns });
  await waitFor('another reconcile after the change', () => (reconcilesOf('shop') > after ? true : undefined), 10_000, 100);
});

test('onDelete: the cleanup Job is created when the Shop is deleted and awaited before the finalizer goes', async () => {
  kubectlOk(['delete', 'shop', 'shop', '--wait=false'], { namespace: ns });
  await waitFor('the cleanup Job', () => (exists('job', 'shop-cleanup') ? true : undefined), 20_000);
  await sleep(3_000);
  const waiting = getJson<Obj>(['get', 'shop', 'shop']);
  assert.ok(waiting?.metadata.deletionTimestamp, 'the Shop is still there, terminating');
  assert.ok(waiting?.metadata.finalizers?.includes(FINALIZER), 'the finalizer stays while the Job runs');
  assert.equal([condition(waiting, 'Ready')?.reason], ['Deleting']);
  completeJob('shop-cleanup');
  await waitFor('the Shop gone', () => (!exists('shop', 'shop') ? true : undefined), 20_000);
});

test('onDelete past its timeout: the finalizer stays, Ready says why, a Warning Event; the Job finishing late lets it go', async () => {
  kubectlOk(['apply', '-f', '-'], { namespace: ns, input: JSON.stringify({ apiVersion: API, kind: 'Vault', metadata: { name: 'vault' }, spec: {} }) });
  await waitFor('the Vault Applied', () => (condition(getJson<Obj>(['get', 'vault', 'vault']), 'Applied')?.status === 'True' ? true : undefined), 30_000);
  kubectlOk(['delete', 'vault', 'vault', '--wait=false'], { namespace: ns });
  await waitFor('the wipe Job', () => (exists('job', 'vault-wipe') ? true : undefined), 20_000);
  const stuck = await waitFor('Ready OnDeleteTimeout', () => {
    const o = getJson<Obj>(['get', 'vault', 'vault']);
    return condition(o, 'Ready')?.reason === 'OnDeleteTimeout' ? o : undefined;
  }, 30_000);
  assert.ok(stuck.metadata.finalizers?.includes(FINALIZER), 'the finalizer stays');
  assert.match(condition(stuck, 'Ready')!.message, /did not finish within 5 s/);
  await waitFor('a Warning OnDeleteTimeout Event', () => getJson<{ items: { reason: string; type: string; regarding: { name: string } }[] }>(['get', 'events.events.k8s.io'])
    ?.items.find((e) => e.reason === 'OnDeleteTimeout' && e.type === 'Warning' && e.regarding.name === 'vault'), 10_000);
  completeJob('vault-wipe');
  await waitFor('the Vault gone', () => (!exists('vault', 'vault') ? true : undefined), 20_000);
});

test('the runtime stops on SIGTERM with exit 0 and made no forbidden request', async () => {
  const r = runtime!;
  runtime = undefined;
  const stopped = await stopRuntimeClean(r);
  assert.is(stopped['forbidden'], 0);
});

test.run();
