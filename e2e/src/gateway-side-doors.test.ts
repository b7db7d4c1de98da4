// Issue 12, findings 2 and 3, against the real API server: the ways around deletion protection.
// `POST pods/NAME/eviction` deletes a Pod without calling any DELETE webhook; strict mode's label
// could be taken away through the `status` subresource (Pods, Services, Namespaces) and the object
// then deleted. The control plane has no kubelet, but Pod objects can be created (Pending) and
// evicted, which is all the API server's eviction path needs.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { kubectl, kubectlJson, kubectlOk, type KubectlResult } from './harness/kubectl.ts';
import { freshNamespace } from './harness/namespace.ts';
import { gatewayReady, startGateway, stopGatewayClean, type GatewayProcess } from './harness/gateway-process.ts';
import { installForGateway, tearDownGateway, type GatewayInstall } from './harness/install-for-gateway.ts';
import { waitFor } from './harness/wait.ts';
import { assertDenied, deniedBy, exists } from './harness/admission-outcome.ts';

const KATALOG = 'e2e/fixtures/gateway-side-doors/katalog.yaml';
const LABEL = 'orkestra.io/deletion-protection';
const REMOVE_LABEL = JSON.stringify([{ op: 'remove', path: '/metadata/labels/orkestra.io~1deletion-protection' }]);

const test = suite('ork gate: evictions and status subresources cannot take protection away');
let gateway: GatewayProcess | undefined;
let install: GatewayInstall | undefined;
let ws = '';
let lockedNs = '';

function labelsOf(args: readonly string[]): Record<string, string> {
  return kubectlJson<{ metadata: { labels?: Record<string, string> } }>(['get', ...args]).metadata.labels ?? {};
}

function pod(name: string, labels: Record<string, string>): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
}

function evict(name: string): KubectlResult {
  return kubectl(['create', '--raw', `/api/v1/namespaces/${ws}/pods/${name}/eviction`, '-f', '-'], {
    input: JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: ws } }),
  });
}

/**
 * The reviews the gateway decided about this file's objects, from its debug log (one line per
 * decision). Not its /katalog totals: in a full e2e run another file's namespace may still be
 * ending, and the namespace controller's deletes of its labelled objects reach this gateway too.
 */
function decidedHere(): string[] {
  return gateway!.lines
    .filter((l) => (l['msg'] === 'admission allowed' || l['msg'] === 'admission denied') && (l['namespace'] === ws || l['name'] === lockedNs))
    .map((l) => `${String(l['operation'])} ${String(l['resource'])}/${String(l['subResource'] ?? '')} ${String(l['name'])}: ${String(l['rule'])}`);
}

test.before(async () => {
  install = installForGateway(KATALOG, 'gw-doors');
  ws = freshNamespace('gw-doors-objs');
  lockedNs = freshNamespace('gw-doors-locked');
  // The ServiceAccount admission plugin wants the namespace's default ServiceAccount first.
  await waitFor('the default ServiceAccount', () => (exists(['serviceaccount', 'default', '-n', ws]) ? true : undefined), 30_000, 200);
  kubectlOk(['apply', '-f', '-'], { namespace: ws, input: pod('guarded', { [LABEL]: 'true', app: 'web' }) });
  kubectlOk(['apply', '-f', '-'], { namespace: ws, input: pod('plain', { app: 'web' }) });
  kubectlOk(['apply', '-f', '-'], { namespace: ws, input: pod('status-guarded', { [LABEL]: 'true' }) });
  // A LoadBalancer Service: its status (loadBalancer.ingress) is what a cloud controller writes.
  kubectlOk(['apply', '-f', '-'], {
    namespace: ws,
    input: JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'guarded', labels: { [LABEL]: 'true' } }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }], selector: { app: 'web' } } }),
  });
  kubectlOk(['label', 'namespace', lockedNs, `${LABEL}=true`]);
  gateway = startGateway(KATALOG, { KUBECONFIG: install.kubeconfig, ORK_NAMESPACE: install.namespace, HOUSEKEEPER_SYNC_INTERVAL: '2s', LOG_LEVEL: 'debug' });
  await gatewayReady(gateway);
  await waitFor('the API server to call the deletion-protection webhook', () => (
    deniedBy(kubectl(['delete', 'pod', 'guarded', '--dry-run=server'], { namespace: ws }), 'labels.deletion-protection.orkestra.io') ? true : undefined), 30_000, 200);
});

test.after(async () => {
  const g = gateway;
  gateway = undefined;
  await tearDownGateway(g, () => {
    // Labelled objects must not hold up namespace cleanup once the webhooks are gone.
    kubectl(['label', 'namespace', lockedNs, `${LABEL}-`]);
  });
});

test('evicting a labelled Pod is denied (the Pod stays); an unlabelled one is evicted', async () => {
  await waitFor('the evictions webhook to be called', () => (deniedBy(evict('guarded'), 'evictions.deletion-protection.orkestra.io') ? true : undefined), 20_000, 200);
  const message = assertDenied(evict('guarded'), 'evictions.deletion-protection.orkestra.io');
  assert.is(message, `evicting Pod "guarded" in namespace "${ws}" is denied by deletion protection: it carries the label ${LABEL}: "true". `
    + `To unlock: kubectl label pod guarded -n ${ws} orkestra.io/strict-mode-exempt=true, then kubectl label pod guarded -n ${ws} ${LABEL}-`);
  assert.ok(exists(['pod', 'guarded', '-n', ws]), 'the labelled Pod is still there');
  const plain = evict('plain');
  assert.is(plain.status, 0, plain.stderr);
  await waitFor('the unlabelled Pod gone', () => (exists(['pod', 'plain', '-n', ws]) ? undefined : true), 20_000, 200);
});

test('strict mode: the label cannot be removed through the status subresource of a Pod, a Service or a Namespace', () => {
  const targets: [string, string[], string][] = [
    ['Pod', ['pod', 'status-guarded', '-n', ws], `removing the label ${LABEL} from Pod "status-guarded" in namespace "${ws}" through its status subresource is denied by strict mode`],
    ['Service', ['service', 'guarded', '-n', ws], `removing the label ${LABEL} from Service "guarded" in namespace "${ws}" through its status subresource is denied by strict mode`],
    ['Namespace', ['namespace', lockedNs], `removing the label ${LABEL} from Namespace "${lockedNs}" through its status subresource is denied by strict mode`],
  ];
  for (const [kind, target, want] of targets) {
    const r = kubectl(['patch', ...target, '--subresource=status', '--type=json', '-p', REMOVE_LABEL]);
    const got = assertDenied(r, 'strict-mode.deletion-protection.orkestra.io');
    assert.ok(got.startsWith(want), `${kind}: ${got}`);
    assert.is(labelsOf(target)[LABEL], 'true', `${kind}: the label is still there`);
    // So the door stays shut: the delete that would follow is denied too.
    const del = kubectl(['delete', ...target, '--wait=false']);
    assertDenied(del, 'labels.deletion-protection.orkestra.io');
    assert.ok(exists(target), `${kind} still exists`);
  }
});

test('strict mode: nor through the Namespace finalize subresource', () => {
  const ns = kubectlJson<{ metadata: { labels: Record<string, string> } }>(['get', 'namespace', lockedNs]);
  delete ns.metadata.labels[LABEL];
  const r = kubectl(['replace', '--raw', `/api/v1/namespaces/${lockedNs}/finalize`, '-f', '-'], { input: JSON.stringify(ns) });
  const got = assertDenied(r, 'strict-mode.deletion-protection.orkestra.io');
  assert.ok(got.includes(`from Namespace "${lockedNs}" through its finalize subresource is denied by strict mode`), got);
  assert.is(labelsOf(['namespace', lockedNs])[LABEL], 'true');
});

test('status writes that keep the label never leave the API server (matchConditions), and pass', async () => {
  // The kubectl calls before ran synchronously, so the gateway's lines are still in the pipe: read
  // up to the last decision made so far (the finalize test's), which proves the log names them.
  const before = await waitFor('the finalize decision in the gateway log', () => {
    const seen = decidedHere();
    return seen.some((d) => d.includes('namespaces/finalize')) ? seen.length : undefined;
  }, 10_000, 100);
  for (let i = 0; i < 5; i++) {
    kubectlOk(['patch', 'service', 'guarded', '-n', ws, '--subresource=status', '--type=merge', '-p', JSON.stringify({ status: { loadBalancer: { ingress: [{ ip: `10.9.9.${i + 1}` }] } } })]);
  }
  kubectlOk(['label', 'service', 'guarded', '-n', ws, 'team=web']);
  assert.is(labelsOf(['service', 'guarded', '-n', ws])[LABEL], 'true');
  // Give the gateway's stats a moment; nothing should arrive.
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(decidedHere().slice(before), [], 'the gateway was not called for updates that keep the label');
});

test('the gateway stops cleanly and no request it made (the eviction Pod reads included) was denied by RBAC', async () => {
  const g = gateway!;
  gateway = undefined;
  const stopped = await stopGatewayClean(g);
  assert.ok(Number(stopped['denied']) >= 9, `it denied what the tests saw denied: ${String(stopped['denied'])}`);
});

test.run();
