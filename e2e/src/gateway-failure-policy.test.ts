// A stopped gateway (issue 5, proof 5): with `failurePolicy: Fail` the API server cannot reach the
// webhook, and only what the objectSelector matches (labelled objects) is blocked; everything else
// deletes and creates as usual, so the cluster is not locked out. With `Ignore`, deletes pass.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { kubectl, kubectlJson, kubectlOk, type KubectlResult } from './harness/kubectl.ts';
import { freshNamespace } from './harness/namespace.ts';
import { gatewayReady, startGateway, stopGatewayClean, type GatewayProcess } from './harness/gateway-process.ts';
import { installForGateway, tearDownGateway, type GatewayInstall } from './harness/install-for-gateway.ts';
import { waitFor } from './harness/wait.ts';
import { deniedBy, exists } from './harness/admission-outcome.ts';

const FAIL_KATALOG = 'e2e/fixtures/gateway-fail-closed/katalog.yaml';
const IGNORE_KATALOG = 'e2e/fixtures/gateway-fail-open/katalog.yaml';
const LABEL = 'orkestra.io/deletion-protection';
const WEBHOOK = 'labels.deletion-protection.orkestra.io';

const test = suite('ork gate: failure policy with the gateway stopped');
let gateway: GatewayProcess | undefined;
let install: GatewayInstall | undefined;
let ws = '';

function deniedByUs(r: KubectlResult): boolean {
  return deniedBy(r, WEBHOOK) !== undefined;
}

function makeLabelled(name: string): void {
  kubectlOk(['create', 'configmap', name], { namespace: ws });
  kubectlOk(['label', 'configmap', name, `${LABEL}=true`], { namespace: ws });
}

function failurePolicy(): string {
  return kubectlOk(['get', 'validatingwebhookconfiguration', 'orkestra-deletion-protection', '-o', `jsonpath={.webhooks[?(@.name=="${WEBHOOK}")].failurePolicy}`]);
}

/** Starts a gateway on `katalog` and waits until the API server calls it. */
async function runGateway(katalog: string, probe: string): Promise<GatewayProcess> {
  const g = startGateway(katalog, { KUBECONFIG: install!.kubeconfig, ORK_NAMESPACE: install!.namespace, HOUSEKEEPER_SYNC_INTERVAL: '2s' });
  gateway = g;
  await gatewayReady(g);
  await waitFor('the API server to call the gateway', () => (deniedByUs(kubectl(['delete', 'configmap', probe, '--dry-run=server'], { namespace: ws })) ? true : undefined), 30_000, 200);
  return g;
}

/** Stops it and checks its summary: exit 0, no RBAC denial. */
async function stopAndCheck(g: GatewayProcess): Promise<void> {
  gateway = undefined;
  await stopGatewayClean(g);
}

test.before(() => {
  install = installForGateway(FAIL_KATALOG, 'gw-fail');
  ws = freshNamespace('gw-fail-objs');
});

test.after(async () => {
  const g = gateway;
  gateway = undefined;
  await tearDownGateway(g);
});

test('Fail, gateway running: labelled deletes are denied; without strict mode the label can be taken away', async () => {
  makeLabelled('guarded');
  makeLabelled('relabel');
  const g = await runGateway(FAIL_KATALOG, 'guarded');
  assert.is(failurePolicy(), 'Fail');
  assert.ok(deniedByUs(kubectl(['delete', 'configmap', 'guarded'], { namespace: ws })));
  const config = kubectlJson<{ webhooks: { name: string }[] }>(['get', 'validatingwebhookconfiguration', 'orkestra-deletion-protection']);
  assert.equal(config.webhooks.map((w) => w.name), [WEBHOOK, 'evictions.deletion-protection.orkestra.io'], 'no strict-mode webhook without strictMode');
  kubectlOk(['label', 'configmap', 'relabel', `${LABEL}-`], { namespace: ws });
  kubectlOk(['delete', 'configmap', 'relabel'], { namespace: ws });
  await stopAndCheck(g);
});

test('Fail, gateway stopped: only labelled objects are blocked, everything else deletes and creates (no lock-out)', async () => {
  // cleanupOnShutdown: false left the configuration in place, still failing closed, pointing at a closed port.
  assert.is(failurePolicy(), 'Fail');
  kubectlOk(['create', 'configmap', 'plain'], { namespace: ws });
  kubectlOk(['apply', '-f', '-'], {
    namespace: ws,
    input: JSON.stringify({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'plain' },
      spec: { replicas: 0, selector: { matchLabels: { app: 'plain' } }, template: { metadata: { labels: { app: 'plain' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
    }),
  });
  const other = freshNamespace('gw-fail-other');

  const blocked = kubectl(['delete', 'configmap', 'guarded'], { namespace: ws });
  assert.is.not(blocked.status, 0, 'a labelled object cannot be deleted while the gateway is down');
  assert.match(blocked.stderr, `failed calling webhook "${WEBHOOK}"`);
  assert.ok(exists(['configmap', 'guarded', '-n', ws]));

  kubectlOk(['delete', 'configmap', 'plain'], { namespace: ws });
  kubectlOk(['delete', 'deployment', 'plain'], { namespace: ws });
  kubectlOk(['delete', 'namespace', other, '--wait=false']);
  assert.not.ok(exists(['configmap', 'plain', '-n', ws]));
  assert.not.ok(exists(['deployment', 'plain', '-n', ws]));
  await waitFor(`namespace ${other} gone`, () => (exists(['namespace', other]) ? undefined : true), 60_000, 500);
  // Writes the webhook does not match are untouched, in any namespace.
  kubectlOk(['create', 'configmap', 'fresh'], { namespace: ws });
  kubectlOk(['create', 'configmap', 'fresh-e2e', '--dry-run=server'], { namespace: 'kube-system' });
});

test('Ignore: with the gateway running deletes are still denied; stopped, a labelled delete passes', async () => {
  // Same install and ServiceAccount; the Katalog now asks for Ignore and the housekeeper re-applies it.
  const g = await runGateway(IGNORE_KATALOG, 'guarded');
  await waitFor('failurePolicy Ignore', () => (failurePolicy() === 'Ignore' ? true : undefined), 10_000, 200);
  assert.ok(deniedByUs(kubectl(['delete', 'configmap', 'guarded'], { namespace: ws })));
  await stopAndCheck(g);
  assert.is(failurePolicy(), 'Ignore');
  const r = kubectl(['delete', 'configmap', 'guarded'], { namespace: ws });
  assert.is(r.status, 0, r.stderr);
  assert.not.ok(exists(['configmap', 'guarded', '-n', ws]));
});

test.run();
