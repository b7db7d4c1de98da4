// `ork gate` against a real API server that calls it over TLS (issue 5, proofs 1, 2, 3, 6):
// deletion protection in strict mode, namespace protection, the housekeeper restoring its
// configuration, and a gateway that met no RBAC denial under its bundle's ServiceAccount.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { kubectl, kubectlJson, kubectlOk } from './harness/kubectl.ts';
import { freshNamespace } from './harness/namespace.ts';
import { gatewayReady, linesOf, startGateway, stopGateway, stoppedLine, type GatewayProcess } from './harness/gateway-process.ts';
import { installForGateway, tearDownGateway, type GatewayInstall } from './harness/install-for-gateway.ts';
import { waitFor } from './harness/wait.ts';
import { controllerManagerLogTail } from './harness/control-plane.ts';
import { assertDenied, deniedBy, exists } from './harness/admission-outcome.ts';

const KATALOG = 'e2e/fixtures/gateway-protection/katalog.yaml';
const LABEL = 'orkestra.io/deletion-protection';
const EXEMPT = 'orkestra.io/strict-mode-exempt';
/** In the fixture's restrictedNamespaces; created and removed by this file. */
const RESTRICTED = 'e2e-gw-restricted';
const SYNC_MS = 2000;

const test = suite('ork gate: deletion and namespace protection through the API server');
let gateway: GatewayProcess | undefined;
let install: GatewayInstall | undefined;
let ws = '';
let locked = '';
let open = '';

function labelled(kind: string, name: string, namespace?: string): string {
  return JSON.stringify({ apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1', kind, metadata: { name, ...(namespace ? { namespace } : {}), labels: { [LABEL]: 'true' } } });
}

function deployment(name: string, labels: Record<string, string>): string {
  return JSON.stringify({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, labels },
    spec: { replicas: 0, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
  });
}

test.before(async () => {
  install = installForGateway(KATALOG, 'gw-prot');
  ws = freshNamespace('gw-objs');
  locked = freshNamespace('gw-locked');
  open = freshNamespace('gw-open');
  if (!exists(['namespace', RESTRICTED])) kubectlOk(['create', 'namespace', RESTRICTED]);
  kubectlOk(['apply', '-f', '-'], { namespace: ws, input: labelled('ConfigMap', 'guarded') });
  kubectlOk(['create', 'configmap', 'plain'], { namespace: ws });
  kubectlOk(['apply', '-f', '-'], { namespace: ws, input: deployment('guarded', { [LABEL]: 'true' }) });
  kubectlOk(['apply', '-f', '-'], { namespace: ws, input: deployment('plain', {}) });
  kubectlOk(['label', 'namespace', locked, `${LABEL}=true`]);
  gateway = startGateway(KATALOG, { KUBECONFIG: install.kubeconfig, ORK_NAMESPACE: install.namespace, HOUSEKEEPER_SYNC_INTERVAL: `${SYNC_MS / 1000}s` });
  await gatewayReady(gateway);
  // The API server picks new webhook configurations up from its own informer: wait until it calls us.
  await waitFor('the API server to call the deletion-protection webhook', () => {
    const r = kubectl(['delete', 'configmap', 'guarded', '--dry-run=server'], { namespace: ws });
    return deniedBy(r, 'labels.deletion-protection.orkestra.io') ? true : undefined;
  }, 30_000, 200);
});

test.after(async () => {
  const g = gateway;
  gateway = undefined;
  await tearDownGateway(g, () => {
    // Cluster-wide and shared with every later e2e file: never leave them behind.
    kubectl(['delete', 'namespace', '--wait=false', '--ignore-not-found', RESTRICTED]);
    if (install) for (const crd of install.crds) kubectl(['delete', 'crd', '--wait=false', '--ignore-not-found', crd]);
  });
});

test('kubectl delete of a labelled ConfigMap, Deployment and Namespace is denied, naming the rule and the unlock', async () => {
  const cm = assertDenied(kubectl(['delete', 'configmap', 'guarded'], { namespace: ws }), 'labels.deletion-protection.orkestra.io');
  assert.is(cm, `deleting ConfigMap "guarded" in namespace "${ws}" is denied by deletion protection: it carries the label ${LABEL}: "true". `
    + `To unlock: kubectl label configmaps guarded -n ${ws} ${EXEMPT}=true, then kubectl label configmaps guarded -n ${ws} ${LABEL}-`);
  const dep = assertDenied(kubectl(['delete', 'deployment', 'guarded'], { namespace: ws }), 'labels.deletion-protection.orkestra.io');
  assert.match(dep, `deleting Deployment "guarded" in namespace "${ws}" is denied by deletion protection: it carries the label ${LABEL}: "true".`);
  assert.match(dep, `kubectl label deployments.apps guarded -n ${ws} ${EXEMPT}=true`);
  const ns = assertDenied(kubectl(['delete', 'namespace', locked]), 'labels.deletion-protection.orkestra.io');
  assert.match(ns, `deleting Namespace "${locked}"`);
  assert.match(ns, `is denied by deletion protection: it carries the label ${LABEL}: "true".`);
  assert.match(ns, `kubectl label namespaces ${locked}`);
  // Denied means still there, not merely an error printed.
  assert.ok(exists(['configmap', 'guarded', '-n', ws]));
  assert.ok(exists(['deployment', 'guarded', '-n', ws]));
  const nsObj = kubectlJson<{ metadata: { deletionTimestamp?: string } }>(['get', 'namespace', locked]);
  assert.is(nsObj.metadata.deletionTimestamp, undefined, 'the labelled namespace is not Terminating');
  // kubectl runs synchronously: the gateway's stdout is read once the event loop turns again.
  for (const resource of ['configmaps', 'deployments.apps', 'namespaces']) {
    await waitFor(`the gateway's "admission denied" line for ${resource}`, () => (linesOf(gateway!, 'admission denied')
      .some((l) => l['rule'] === 'protection-label' && l['resource'] === resource && l['dryRun'] === false) ? true : undefined), 5000, 50);
  }
});

test('unlabelled ConfigMap, Deployment and Namespace delete fine', async () => {
  kubectlOk(['delete', 'configmap', 'plain'], { namespace: ws });
  kubectlOk(['delete', 'deployment', 'plain'], { namespace: ws });
  kubectlOk(['delete', 'namespace', open, '--wait=false']);
  assert.not.ok(exists(['configmap', 'plain', '-n', ws]));
  assert.not.ok(exists(['deployment', 'plain', '-n', ws]));
  await waitFor(`namespace ${open} gone`, () => (exists(['namespace', open]) ? undefined : true), 60_000, 500).catch((err: Error) => {
    // Say what holds it: the namespace controller writes why into the namespace's conditions.
    const held = kubectl(['get', 'namespace', open, '-o', 'jsonpath={.status.conditions}']).stdout;
    throw new Error(`${err.message}; its conditions: ${held}\ncontroller-manager: ${controllerManagerLogTail(15)}`);
  });
});

test('strict mode: taking the label away is denied; the two-step unlock works and then the delete goes through', () => {
  const removed = assertDenied(kubectl(['label', 'configmap', 'guarded', `${LABEL}-`], { namespace: ws }), 'strict-mode.deletion-protection.orkestra.io');
  assert.is(removed, `removing the label ${LABEL} from ConfigMap "guarded" in namespace "${ws}" is denied by strict mode: taking protection away counts as a deletion attempt. `
    + `To unlock, first mark the object exempt: kubectl label configmaps guarded -n ${ws} ${EXEMPT}=true, then remove the protection label.`);
  const changed = assertDenied(kubectl(['label', '--overwrite', 'configmap', 'guarded', `${LABEL}=false`], { namespace: ws }), 'strict-mode.deletion-protection.orkestra.io');
  assert.match(changed, `changing the label ${LABEL} of ConfigMap "guarded" in namespace "${ws}" to "false" is denied by strict mode`);
  // The exemption must already be on the old object: both in one update is still a removal.
  const oneStep = kubectl(['patch', 'configmap', 'guarded', '--type', 'merge', '-p', JSON.stringify({ metadata: { labels: { [EXEMPT]: 'true', [LABEL]: null } } })], { namespace: ws });
  assertDenied(oneStep, 'strict-mode.deletion-protection.orkestra.io');
  const labels = kubectlJson<{ metadata: { labels?: Record<string, string> } }>(['get', 'configmap', 'guarded', '-n', ws]).metadata.labels ?? {};
  assert.equal(labels, { [LABEL]: 'true' }, 'no denied change reached the object');

  kubectlOk(['label', 'configmap', 'guarded', `${EXEMPT}=true`], { namespace: ws });
  const unlock = kubectl(['label', 'configmap', 'guarded', `${LABEL}-`], { namespace: ws });
  assert.is(unlock.status, 0, unlock.stderr);
  assert.match(unlock.stderr, `Warning: deletion protection of ConfigMap "guarded" in namespace "${ws}" was removed`);
  kubectlOk(['delete', 'configmap', 'guarded'], { namespace: ws });
  assert.not.ok(exists(['configmap', 'guarded', '-n', ws]));
});

test('restricted namespaces cannot be deleted: the API server refuses its immortal ones, our webhook the rest', () => {
  // The webhook matches each restricted Namespace by the immutable kubernetes.io/metadata.name label.
  const config = kubectlJson<{ webhooks: { name: string; failurePolicy: string; namespaceSelector?: { matchExpressions?: { key: string; operator: string; values: string[] }[] } }[] }>(
    ['get', 'validatingwebhookconfiguration', 'orkestra-namespace-protection']);
  const hook = config.webhooks.find((w) => w.name === 'namespaces.namespace-protection.orkestra.io');
  assert.ok(hook, 'the namespaces webhook is registered');
  assert.is(hook!.failurePolicy, 'Fail');
  const expr = hook!.namespaceSelector?.matchExpressions?.find((e) => e.key === 'kubernetes.io/metadata.name');
  assert.is(expr?.operator, 'In');
  assert.equal([...(expr?.values ?? [])].sort(), ['e2e-gw-restricted', 'kube-node-lease', 'kube-public', 'kube-system']);

  const answeredBy: Record<string, string> = {};
  // Built-in ones only as dry runs: validating webhooks are still called, nothing is deleted if a check is wrong.
  for (const name of ['kube-system', 'kube-public', 'kube-node-lease']) {
    const r = kubectl(['delete', 'namespace', name, '--dry-run=server']);
    assert.is.not(r.status, 0, `deleting ${name} must be refused: ${r.stdout}`);
    const ours = deniedBy(r, 'namespaces.namespace-protection.orkestra.io');
    if (ours !== undefined) {
      assert.is(ours, `deleting Namespace "${name}" is denied by namespace protection: it is a restricted namespace (built in: always restricted). It cannot be unlocked.`);
      answeredBy[name] = 'webhook';
    } else {
      // NamespaceLifecycle runs before the webhooks and refuses the immortal namespaces itself.
      assert.match(r.stderr, /this namespace may not be deleted/, `${name}: ${r.stderr}`);
      answeredBy[name] = 'apiserver';
    }
    assert.ok(exists(['namespace', name]));
  }
  process.stderr.write(`  restricted built-in namespaces refused by: ${JSON.stringify(answeredBy)}\n`);

  // One the API server would delete: only our webhook stands in the way (a real delete, not a dry run).
  const restricted = assertDenied(kubectl(['delete', 'namespace', RESTRICTED]), 'namespaces.namespace-protection.orkestra.io');
  assert.match(restricted, `deleting Namespace "${RESTRICTED}" is denied by namespace protection: it is a restricted namespace`);
  assert.match(restricted, `To unlock, remove "${RESTRICTED}" from security.namespaceProtection.restrictedNamespaces of Katalog "gateway-protection"`);
  const ns = kubectlJson<{ metadata: { deletionTimestamp?: string } }>(['get', 'namespace', RESTRICTED]);
  assert.is(ns.metadata.deletionTimestamp, undefined);
});

test('a Katalog CR cannot be created in a restricted namespace; elsewhere it can; the CRD itself is protected', () => {
  const gadget = (name: string): string => JSON.stringify({ apiVersion: 'gwe2e.orkestra.io/v1alpha1', kind: 'Gadget', metadata: { name }, spec: { size: 1 } });
  const inRestricted = assertDenied(kubectl(['create', '-f', '-'], { namespace: RESTRICTED, input: gadget('g1') }), 'placement.namespace-protection.orkestra.io');
  assert.match(inRestricted, `creating Gadget "g1" in namespace "${RESTRICTED}" is denied by namespace protection: Gadget objects of Katalog "gateway-protection" cannot be created in the restricted namespace "${RESTRICTED}"`);
  assert.not.ok(exists(['gadgets.gwe2e.orkestra.io', 'g1', '-n', RESTRICTED]));
  const inKubeSystem = assertDenied(kubectl(['create', '--dry-run=server', '-f', '-'], { namespace: 'kube-system', input: gadget('g1') }), 'placement.namespace-protection.orkestra.io');
  assert.match(inKubeSystem, 'cannot be created in the restricted namespace "kube-system" (built in: always restricted)');
  kubectlOk(['create', '-f', '-'], { namespace: ws, input: gadget('g1') });
  assert.ok(exists(['gadgets.gwe2e.orkestra.io', 'g1', '-n', ws]));

  const crd = assertDenied(kubectl(['delete', 'crd', 'gadgets.gwe2e.orkestra.io', '--dry-run=server']), 'crds.deletion-protection.orkestra.io');
  assert.match(crd, 'set spec.crds.gadget.deletionProtection.protectCRD: false in the Katalog and restart the gateway');
});

test('a deleted webhook configuration is back within the sync interval; an edited one is repaired', async () => {
  const byName = new Map<string, number>();
  for (const name of ['orkestra-deletion-protection', 'orkestra-namespace-protection']) {
    const uid = kubectlJson<{ metadata: { uid: string } }>(['get', 'validatingwebhookconfiguration', name]).metadata.uid;
    kubectlOk(['delete', 'validatingwebhookconfiguration', name]);
    const deletedMs = Date.now();
    const backUid = await waitFor(`${name} recreated`, () => {
      const r = kubectl(['get', 'validatingwebhookconfiguration', name, '-o', 'jsonpath={.metadata.uid}']);
      return r.status === 0 && r.stdout && r.stdout !== uid ? r.stdout : undefined;
    }, 20_000, 50);
    byName.set(name, Date.now() - deletedMs);
    assert.is.not(backUid, uid);
    await waitFor(`"webhook configuration created" for ${name}`, () => (linesOf(gateway!, 'webhook configuration created').some((l) => l['name'] === name && Date.parse(String(l['time'])) >= deletedMs - 1000) ? true : undefined), 5000, 50);
  }
  process.stderr.write(`  webhook configurations back after (ms, sync interval ${SYNC_MS}): ${JSON.stringify(Object.fromEntries(byName))}\n`);
  for (const [name, ms] of byName) assert.ok(ms <= SYNC_MS + 1000, `${name} came back after ${ms} ms, over the ${SYNC_MS} ms interval (+1 s of kubectl polling)`);
  // And the recreated configuration works: the API server calls the gateway again.
  kubectlOk(['apply', '-f', '-'], { namespace: ws, input: labelled('ConfigMap', 'again') });
  await waitFor('a protected delete denied again', () => (deniedBy(kubectl(['delete', 'configmap', 'again', '--dry-run=server'], { namespace: ws }), 'labels.deletion-protection.orkestra.io') ? true : undefined), 10_000, 200);

  const failurePolicy = (): string => kubectlOk(['get', 'validatingwebhookconfiguration', 'orkestra-deletion-protection', '-o', 'jsonpath={.webhooks[0].failurePolicy}']);
  kubectlOk(['patch', 'validatingwebhookconfiguration', 'orkestra-deletion-protection', '--type', 'json', '-p', JSON.stringify([{ op: 'replace', path: '/webhooks/0/failurePolicy', value: 'Ignore' }])]);
  const editedMs = Date.now();
  await waitFor('failurePolicy restored', () => (failurePolicy() === 'Fail' ? true : undefined), 20_000, 100);
  const repairMs = Date.now() - editedMs;
  process.stderr.write(`  edited configuration repaired after ${repairMs} ms\n`);
  assert.ok(repairMs <= SYNC_MS + 1000, `repaired after ${repairMs} ms`);
  await waitFor('"webhook configuration repaired"', () => (linesOf(gateway!, 'webhook configuration repaired')
    .some((l) => l['name'] === 'orkestra-deletion-protection' && String(l['fields']).includes('failurePolicy')) ? true : undefined), 5000, 50);
});

test('the gateway stops cleanly and no request it made was denied by RBAC', async () => {
  const g = gateway!;
  gateway = undefined;
  assert.is(await stopGateway(g), 0, g.stderr.join(''));
  const stopped = stoppedLine(g);
  assert.ok(stopped, `a "gateway stopped" line: ${g.stderr.join('')}`);
  process.stderr.write(`  gateway stopped: ${JSON.stringify(stopped)}\n`);
  assert.is(stopped!['forbidden'], 0);
  assert.ok(Number(stopped!['requests']) > 0, 'it did talk to the API server');
  assert.ok(Number(stopped!['denied']) >= 8, `it denied what the tests saw denied: ${String(stopped!['denied'])}`);
  assert.ok(Number(stopped!['repairs']) >= 3, 'two recreations and one repair');
  // cleanupOnShutdown: false leaves the configurations behind (test.after removes them).
  assert.ok(exists(['validatingwebhookconfiguration', 'orkestra-deletion-protection']));
});

test.run();
