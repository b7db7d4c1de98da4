// Issue 14 against a real API server, with only the bundle's RBAC: an `or` condition gates a
// Service, numbers written as strings reach the objects as integers, and the pods, replicaSets,
// persistentVolumes, limitRanges and resourceQuotas kinds are created (none needs a kubelet),
// the cluster-scoped PersistentVolume deleted with its owner, all without a forbidden request.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { OWNER_LABEL } from '@orkestra/lib/children';
import { kubectl, kubectlOk } from './harness/kubectl.ts';
import { cleanupNamespaces } from './harness/namespace.ts';
import { configureControlPlane, controllerManagerLogTail } from './harness/control-plane.ts';
import { waitFor } from './harness/wait.ts';
import { installForRuntime } from './harness/install-for-runtime.ts';
import { startRuntime, stopRuntime, stopRuntimeClean, type RuntimeProcess } from './harness/runtime-process.ts';

const KATALOG = 'examples/conditions/katalog.yaml';

// A deleted PersistentVolume keeps the kubernetes.io/pv-protection finalizer until the
// persistentvolume-protection controller sees it unbound; tools/kube runs no storage controllers
// by default, so the run's control plane adds that one (the real controller, not a stand-in).
configureControlPlane({ controllers: ['persistentvolume-protection-controller'] });

interface Obj {
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
}

const test = suite('ork run: conditions, string numbers and the new kinds against a real API server');
let runtime: RuntimeProcess | undefined;
let ns = '';

function list(kind: string, app: string, clusterWide = false): Obj[] {
  const r = kubectl(['get', kind, '-l', `${OWNER_LABEL}=${app}`, '-o', 'json'], clusterWide ? {} : { namespace: ns });
  return r.status === 0 ? (JSON.parse(r.stdout) as { items: Obj[] }).items : [];
}

function apply(name: string, spec: Record<string, unknown>): void {
  kubectlOk(['apply', '-f', '-'], { namespace: ns, input: JSON.stringify({ apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'App', metadata: { name }, spec }) });
}

test.before(() => {
  const install = installForRuntime(KATALOG, 'conditions');
  ns = install.namespace;
  runtime = startRuntime(KATALOG, { KUBECONFIG: install.kubeconfig, ORK_NAMESPACE: ns, DEFAULT_RESYNC: '2s', LOG_LEVEL: 'debug' });
});

test.after(async () => {
  try {
    const r = runtime;
    runtime = undefined;
    if (r) await stopRuntime(r);
  } finally {
    kubectl(['delete', 'persistentvolumes', '-l', `${OWNER_LABEL}`, '--wait=false'], {});
    cleanupNamespaces();
  }
});

test('a frontend App gets its Service through `or`, and every new kind; ports written as strings are integers', async () => {
  apply('front', { tier: 'frontend', expose: false });
  const [service] = await waitFor('the Service of a frontend', () => (list('services', 'front').length === 1 ? list('services', 'front') : undefined), 60_000);
  const ports = service!.spec!['ports'] as { port: unknown; targetPort: unknown }[];
  assert.is(ports[0]!.port, 80);
  assert.is(ports[0]!.targetPort, 8080);
  const [deployment] = await waitFor('the Deployment', () => (list('deployments', 'front').length === 1 ? list('deployments', 'front') : undefined), 30_000);
  assert.is(deployment!.spec!['replicas'], 2);
  const container = ((deployment!.spec!['template'] as { spec: { containers: { ports: { containerPort: unknown }[] }[] } }).spec.containers[0])!;
  assert.is(container.ports[0]!.containerPort, 8080);
  for (const kind of ['pods', 'replicasets', 'limitranges', 'resourcequotas']) {
    await waitFor(`the ${kind} child`, () => (list(kind, 'front').some((o) => o.metadata.labels?.[OWNER_LABEL] === 'front' && !o.metadata.name.includes('deployment-')) ? true : undefined), 30_000);
  }
  const quota = list('resourcequotas', 'front')[0]!;
  assert.equal((quota.spec!['hard'] as Record<string, string>)['pods'], '20');
  const pv = await waitFor('the PersistentVolume', () => list('persistentvolumes', 'front', true)[0], 30_000);
  assert.is(pv.metadata.name, `${ns}-front-pv`);
});

test('a backend App gets no Service until it is exposed: the `or` is re-evaluated on each reconcile', async () => {
  apply('back', { tier: 'backend', expose: false });
  await waitFor('the backend Deployment', () => (list('deployments', 'back').length === 1 ? true : undefined), 60_000);
  // The Deployment exists, so the reconcile ran; the Service was skipped by the condition.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  assert.equal(list('services', 'back'), []);
  apply('back', { tier: 'backend', expose: true });
  await waitFor('the Service after expose: true', () => (list('services', 'back').length === 1 ? true : undefined), 30_000);
});

test('deleting an App deletes its cluster-scoped PersistentVolume', async () => {
  const deleted = kubectl(['delete', 'app', 'front', '--timeout', '60s'], { namespace: ns });
  if (deleted.status !== 0) {
    // What held it: the App's finalizers and conditions, the PersistentVolume's, the runtime's last words.
    const app = kubectl(['get', 'app', 'front', '-o', 'jsonpath={.metadata.finalizers} {.status.conditions}'], { namespace: ns }).stdout;
    const pv = kubectl(['get', 'persistentvolumes', '-l', `${OWNER_LABEL}=front`, '-o', 'jsonpath={range .items[*]}{.metadata.name} {.metadata.finalizers} {.metadata.deletionTimestamp} {.status.phase}{"\\n"}{end}'], {}).stdout;
    const hooks = kubectl(['get', 'validatingwebhookconfigurations,mutatingwebhookconfigurations', '-o', 'name'], {}).stdout;
    assert.unreachable(`kubectl delete app front: ${deleted.stderr}\napp: ${app}\npv: ${pv}\nwebhooks: ${hooks}\ncontroller-manager: ${controllerManagerLogTail(10)}\nruntime: ${runtime!.lines.slice(-15).map((l) => JSON.stringify(l)).join('\n')}`);
  }
  await waitFor('the PersistentVolume to go', () => (list('persistentvolumes', 'front', true).length === 0 ? true : undefined), 60_000);
});

test('the runtime stops on SIGTERM with exit 0 and made no forbidden request', async () => {
  const r = runtime!;
  runtime = undefined;
  const stopped = await stopRuntimeClean(r);
  assert.is(stopped['forbidden'], 0);
});

test.run();
