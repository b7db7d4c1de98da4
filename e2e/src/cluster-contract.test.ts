// The real Kubernetes adapter passes the same Cluster contract as the in-memory fake, against a
// real API server (tools/kube); the informer loop follows it and survives an API server restart.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createInformer, loadKubeConfig, kubeCluster } from '@orkestra/adapters/kube';
import { systemClock, systemEntropy } from '@orkestra/adapters/system';
import { clusterContract } from '@orkestra/lib/testing';
import { controlPlane, REPO } from './harness/control-plane.ts';
import { kubectlOk, tokenKubeconfig } from './harness/kubectl.ts';
import { cleanupNamespaces, freshNamespace } from './harness/namespace.ts';
import { waitFor } from './harness/wait.ts';

const WIDGETS_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.contract.orkspace.io' },
  spec: {
    group: 'contract.orkspace.io', scope: 'Namespaced',
    names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
    versions: [{
      name: 'v1', served: true, storage: true, subresources: { status: {} },
      schema: { openAPIV3Schema: { type: 'object', properties: {
        spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      } } },
    }],
  },
};

clusterContract({ suite, assert }, 'kube adapter against a real API server', async () => {
  const kubeconfig = controlPlane().kubeconfig;
  kubectlOk(['apply', '--server-side', '--field-manager', 'e2e', '-f', '-'], { input: JSON.stringify(WIDGETS_CRD) });
  kubectlOk(['wait', '--for', 'condition=Established', '--timeout', '60s', `crd/${WIDGETS_CRD.metadata.name}`]);
  const cluster = kubeCluster(loadKubeConfig(kubeconfig));
  return {
    cluster,
    namespace: freshNamespace('contract'),
    statusResource: { group: 'contract.orkspace.io', version: 'v1', resource: 'widgets', namespaced: true },
    statusKind: 'Widget',
    // The watch cache of a CRD installed after start begins at that moment's revision, so "1" has
    // expired for widgets; built-in kinds would replay from 1, as their caches filled on an empty etcd.
    staleResourceVersion: async () => '1',
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    cleanup: () => cleanupNamespaces(),
  };
});

const informerTest = suite('informer against a real API server');
informerTest.after(() => cleanupNamespaces());

informerTest('sees adds, updates and deletes of ConfigMaps, and recovers after an API server restart', async () => {
  const cp = controlPlane();
  assert.ok(cp.stateDir, 'needs a control plane started by the harness (not ORK_E2E_KUBECONFIG) to restart it');
  const ns = freshNamespace('informer');
  const cluster = kubeCluster(loadKubeConfig(cp.kubeconfig));
  const events: string[] = [];
  const errors: string[] = [];
  const informer = createInformer({
    cluster, resource: { group: '', version: 'v1', resource: 'configmaps', namespaced: true }, namespace: ns, labelSelector: 'e2e=informer',
    clock: systemClock, entropy: systemEntropy,
    onEvent: (e) => events.push(e.type === 'synced' ? 'synced' : `${e.type} ${e.object.metadata.name}`),
    onError: (e) => errors.push(`${e.type}: ${e.message}`),
  });
  const ac = new AbortController();
  const running = informer.run(ac.signal);
  try {
    kubectlOk(['create', 'configmap', 'before', '--from-literal=a=1'], { namespace: ns });
    kubectlOk(['label', 'configmap', 'before', 'e2e=informer'], { namespace: ns });
    await waitFor('the informer to sync and see "before"', () => (events.includes('add before') && events.includes('synced') ? true : undefined), 30_000, 50);
    kubectlOk(['patch', 'configmap', 'before', '--type=merge', '-p', '{"data":{"a":"2"}}'], { namespace: ns });
    await waitFor('an update of "before"', () => (events.includes('update before') ? true : undefined), 30_000, 50);
    assert.equal(informer.get(ns, 'before')?.['data'], { a: '2' });
    assert.is(informer.get(ns, 'before')?.metadata.managedFields, undefined);
    kubectlOk(['delete', 'configmap', 'before'], { namespace: ns });
    await waitFor('a delete of "before"', () => (events.includes('delete before') ? true : undefined), 30_000, 50);

    // Keep the API server down for 2 s so retries meet refused connections, not just a closed stream.
    await run(join(REPO, 'tools/kube/restart-apiserver'), [cp.stateDir!, '2']);
    kubectlOk(['create', 'configmap', 'after', '--from-literal=b=1'], { namespace: ns });
    kubectlOk(['label', 'configmap', 'after', 'e2e=informer'], { namespace: ns });
    await waitFor('the informer to see "after" once the API server is back', () => (events.includes('add after') ? true : undefined), 90_000, 100);
    assert.ok(informer.stats().reconnects >= 1, `reconnects ${informer.stats().reconnects}`);
    assert.ok(errors.length >= 1, 'the outage was reported');
    assert.is(cluster.metrics.forbidden(), 0);
    assert.equal(events.filter((e) => e !== 'synced').slice(0, 3), ['add before', 'update before', 'delete before']);
  } finally {
    ac.abort();
    await running;
  }
});

informerTest('a ServiceAccount without rights gets 403s: counted, reported as degraded, and the informer keeps trying', async () => {
  const cp = controlPlane();
  const ns = freshNamespace('forbidden');
  kubectlOk(['create', 'serviceaccount', 'nobody'], { namespace: ns });
  const token = kubectlOk(['create', 'token', 'nobody', '--duration', '10m'], { namespace: ns }).trim();
  const cluster = kubeCluster(loadKubeConfig(tokenKubeconfig(cp.kubeconfig, token)));
  const configMaps = { group: '', version: 'v1', resource: 'configmaps', namespaced: true } as const;
  const denied = await cluster.list(configMaps, { namespace: ns });
  assert.is(denied.ok ? 'ok' : denied.error.type, 'forbidden');
  assert.is(cluster.metrics.forbidden(), 1);
  const health: string[] = [];
  const informer = createInformer({
    cluster, resource: configMaps, namespace: ns, clock: systemClock, entropy: { float: () => 0 },
    backoff: { initialMs: 50, maxMs: 100, factor: 2, jitter: 0, resetAfterMs: 60_000 },
    onEvent: () => {}, onHealth: (h) => health.push(h.type),
  });
  const ac = new AbortController();
  const running = informer.run(ac.signal);
  try {
    await waitFor('three lists denied to the informer', () => (cluster.metrics.forbidden() >= 4 ? true : undefined), 30_000, 20);
    assert.equal(health, ['degraded'], 'reported once, not per retry');
    assert.is(informer.stats().degraded?.status, 403);
    assert.ok(informer.stats().errors >= 3);
    assert.ok(cluster.metrics.counts().some((c) => c.method === 'GET' && c.code === '403' && c.count >= 4));
  } finally {
    ac.abort();
    await running;
  }
});

informerTest.run();

function run(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 120_000 }, (error, _stdout, stderr) => (error ? reject(new Error(`${file} failed: ${stderr}`)) : resolve()));
  });
}
