// Policy mode (issue 15, spec/gateway.md §8) against the real API server with NO gateway running:
// the bundle's ValidatingAdmissionPolicies alone keep labelled objects, restricted namespaces and
// the Katalog's CRD from being deleted, refuse strict-mode label removal (also through status and
// evictions), enforce the validation rules CEL can express, and block nothing else.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { kubectl, kubectlJson, kubectlOk, type KubectlResult } from './harness/kubectl.ts';
import { freshNamespace, cleanupNamespaces } from './harness/namespace.ts';
import { installForGateway, uninstallGateway, GATEWAY_WEBHOOK_CONFIGS, type GatewayInstall } from './harness/install-for-gateway.ts';
import { waitFor } from './harness/wait.ts';
import { exists } from './harness/admission-outcome.ts';

const KATALOG = 'e2e/fixtures/gateway-policy-mode/katalog.yaml';
// Fully qualified: other files' CRDs (conversion's sites.conv.e2e.orkestra.io) may share the short name `site`.
const SITES = 'sites.policy.e2e.orkestra.io';
const LABEL = 'orkestra.io/deletion-protection';
const EXEMPT = 'orkestra.io/strict-mode-exempt';
/** In the fixture's restrictedNamespaces; created and removed by this file. */
const RESTRICTED = 'e2e-pol-restricted';
const CRD = 'sites.policy.e2e.orkestra.io';
const POLICY_LABEL = 'app.kubernetes.io/component=admission-policy';

const test = suite('policy mode: protection and rules enforced by the API server, no gateway running');
let install: GatewayInstall | undefined;
let ws = '';
let locked = '';

/** The message a ValidatingAdmissionPolicy gave when the API server refused the request. */
function deniedByPolicy(r: KubectlResult, policy: string): string | undefined {
  const m = new RegExp(`ValidatingAdmissionPolicy '${policy.replace(/\./g, '\\.')}' with binding '[^']+' denied request: (.*)`).exec(r.stderr);
  return r.status !== 0 && m ? m[1]!.trim() : undefined;
}

function assertDeniedBy(r: KubectlResult, policy: string): string {
  const message = deniedByPolicy(r, policy);
  if (message === undefined) throw new Error(`expected a denial by policy ${policy}; exit ${r.status}, stderr: ${r.stderr.trim()}, stdout: ${r.stdout.trim()}`);
  return message;
}

function assertOk(r: KubectlResult, what: string): void {
  assert.is(r.status, 0, `${what} should pass: ${r.stderr.trim()}`);
}

function pod(name: string, labels: Record<string, string>): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
}

function evict(name: string): KubectlResult {
  return kubectl(['create', '--raw', `/api/v1/namespaces/${ws}/pods/${name}/eviction`, '-f', '-'], {
    input: JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: ws } }),
  });
}

function site(name: string, spec: Record<string, unknown>): string {
  return JSON.stringify({ apiVersion: 'policy.e2e.orkestra.io/v1', kind: 'Site', metadata: { name }, spec });
}

function labelsOf(args: readonly string[]): Record<string, string> {
  return kubectlJson<{ metadata: { labels?: Record<string, string> } }>(['get', ...args]).metadata.labels ?? {};
}

test.before(async () => {
  if (!exists(['namespace', RESTRICTED])) kubectlOk(['create', 'namespace', RESTRICTED]);
  install = installForGateway(KATALOG, 'gw-pol');
  ws = freshNamespace('gw-pol-objs');
  locked = freshNamespace('gw-pol-locked');
  await waitFor('the default ServiceAccount', () => (exists(['serviceaccount', 'default', '-n', ws]) ? true : undefined), 30_000, 200);
  kubectlOk(['create', 'configmap', 'guarded'], { namespace: ws });
  kubectlOk(['label', 'configmap', 'guarded', `${LABEL}=true`], { namespace: ws });
  kubectlOk(['create', 'configmap', 'plain'], { namespace: ws });
  kubectlOk(['apply', '-f', '-'], { namespace: ws, input: pod('guarded', { [LABEL]: 'true' }) });
  kubectlOk(['apply', '-f', '-'], { namespace: ws, input: pod('plain', {}) });
  kubectlOk(['label', 'namespace', locked, `${LABEL}=true`]);
  // The API server picks policies (and the Pods they take as parameters) up from its informers.
  await waitFor('the API server to enforce the deletion-protection policy', () => {
    const r = kubectl(['delete', 'configmap', 'guarded', '--dry-run=server'], { namespace: ws });
    return deniedByPolicy(r, 'orkestra-deletion-protection-labels') ? true : undefined;
  }, 30_000, 200);
  await waitFor('the API server to enforce the eviction policy', () => (deniedByPolicy(kubectl(['delete', 'pod', 'guarded', '--dry-run=server'], { namespace: ws }), 'orkestra-deletion-protection-labels')
    && deniedByPolicy(evictDry('guarded'), 'orkestra-deletion-protection-evictions') ? true : undefined), 30_000, 200);
});

// An eviction with dryRun, so waiting for the policy never evicts anything.
function evictDry(name: string): KubectlResult {
  return kubectl(['create', '--raw', `/api/v1/namespaces/${ws}/pods/${name}/eviction?dryRun=All`, '-f', '-'], {
    input: JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: ws }, deleteOptions: { dryRun: ['All'] } }),
  });
}

test.after(async () => {
  // Policies first: until they are gone nothing of this file can be cleaned up, and they would
  // block every later e2e file on the shared control plane.
  kubectl(['delete', 'validatingadmissionpolicybinding', '-l', POLICY_LABEL, '--ignore-not-found']);
  kubectl(['delete', 'validatingadmissionpolicy', '-l', POLICY_LABEL, '--ignore-not-found']);
  if (ws) {
    await waitFor('the API server to drop the policies', () => (kubectl(['delete', 'configmap', 'guarded', '--dry-run=server'], { namespace: ws }).status === 0 ? true : undefined), 30_000, 200)
      .catch(() => undefined);
  }
  kubectl(['delete', 'namespace', '--wait=false', '--ignore-not-found', RESTRICTED]);
  if (install) for (const crd of install.crds) kubectl(['delete', 'crd', '--wait=false', '--ignore-not-found', crd]);
  uninstallGateway();
  cleanupNamespaces();
});

test('the bundle holds the policies, and nothing runs or registers a webhook', () => {
  const names = kubectlJson<{ items: { metadata: { name: string } }[] }>(['get', 'validatingadmissionpolicies', '-l', POLICY_LABEL]).items.map((p) => p.metadata.name).sort();
  assert.equal(names, [
    'orkestra-deletion-protection-crds', 'orkestra-deletion-protection-evictions', 'orkestra-deletion-protection-labels',
    'orkestra-deletion-protection-strict-mode', 'orkestra-deletion-protection-strict-mode-exempt',
    'orkestra-namespace-protection-namespaces', 'orkestra-namespace-protection-placement', 'orkestra-namespace-protection-writes',
    'orkestra-rules-warn.sites.policy.e2e.orkestra.io', 'orkestra-rules.sites.policy.e2e.orkestra.io',
  ]);
  for (const name of GATEWAY_WEBHOOK_CONFIGS) assert.not.ok(exists(['validatingwebhookconfiguration', name]), `${name} must not exist: no gateway runs`);
  // The API server type-checked every expression (validatingadmissionpolicy-status-controller): no warning.
  const policies = kubectlJson<{ items: { metadata: { name: string }; status?: { typeChecking?: { expressionWarnings?: unknown[] } } }[] }>(['get', 'validatingadmissionpolicies', '-l', POLICY_LABEL]).items;
  for (const p of policies) assert.equal(p.status?.typeChecking?.expressionWarnings ?? [], [], `${p.metadata.name}: type-check warnings`);
});

test('labelled objects cannot be deleted; unlabelled ones can', () => {
  const cm = assertDeniedBy(kubectl(['delete', 'configmap', 'guarded'], { namespace: ws }), 'orkestra-deletion-protection-labels');
  assert.is(cm, `deleting ConfigMap "guarded" in namespace "${ws}" is denied by deletion protection: it carries the label ${LABEL}: "true". `
    + `To unlock: kubectl label configmaps guarded -n ${ws} ${EXEMPT}=true, then kubectl label configmaps guarded -n ${ws} ${LABEL}-`);
  assert.ok(exists(['configmap', 'guarded', '-n', ws]));
  const ns = assertDeniedBy(kubectl(['delete', 'namespace', locked, '--wait=false']), 'orkestra-deletion-protection-labels');
  assert.match(ns, `deleting Namespace "${locked}" is denied by deletion protection`);
  assert.ok(exists(['namespace', locked]));
  assertOk(kubectl(['delete', 'configmap', 'plain'], { namespace: ws }), 'deleting an unlabelled ConfigMap');
  assert.not.ok(exists(['configmap', 'plain', '-n', ws]));
});

test('evicting a labelled Pod is denied (its labels are read as the policy\'s parameters); an unlabelled one is evicted', async () => {
  const message = assertDeniedBy(evict('guarded'), 'orkestra-deletion-protection-evictions');
  assert.is(message, `evicting Pod "guarded" in namespace "${ws}" is denied by deletion protection: it carries the label ${LABEL}: "true". `
    + `To unlock: kubectl label pod guarded -n ${ws} ${EXEMPT}=true, then kubectl label pod guarded -n ${ws} ${LABEL}-`);
  assert.ok(exists(['pod', 'guarded', '-n', ws]));
  assertOk(evict('plain'), 'evicting an unlabelled Pod');
  await waitFor('the unlabelled Pod gone', () => (exists(['pod', 'plain', '-n', ws]) ? undefined : true), 20_000, 200);
});

test('strict mode: the label cannot be taken away, directly or through the status subresource; with the exemption it can, with a warning', () => {
  const direct = assertDeniedBy(kubectl(['label', 'configmap', 'guarded', `${LABEL}-`], { namespace: ws }), 'orkestra-deletion-protection-strict-mode');
  assert.ok(direct.startsWith(`taking the label ${LABEL} away from ConfigMap "guarded" in namespace "${ws}" is denied by strict mode`), direct);
  const changed = kubectl(['label', '--overwrite', 'configmap', 'guarded', `${LABEL}=false`], { namespace: ws });
  assertDeniedBy(changed, 'orkestra-deletion-protection-strict-mode');
  const status = kubectl(['patch', 'namespace', locked, '--subresource=status', '--type=json', '-p', JSON.stringify([{ op: 'remove', path: `/metadata/labels/${LABEL.replace('/', '~1')}` }])]);
  const viaStatus = assertDeniedBy(status, 'orkestra-deletion-protection-strict-mode');
  assert.match(viaStatus, `from Namespace "${locked}" through its status subresource is denied by strict mode`);
  assert.is(labelsOf(['namespace', locked])[LABEL], 'true');
  assert.is(labelsOf(['configmap', 'guarded', '-n', ws])[LABEL], 'true');
  // Adding the exemption in the same update is not enough: it must already be on the stored object.
  assertDeniedBy(kubectl(['label', 'configmap', 'guarded', `${LABEL}-`, `${EXEMPT}=true`], { namespace: ws }), 'orkestra-deletion-protection-strict-mode');
  kubectlOk(['label', 'configmap', 'guarded', `${EXEMPT}=true`], { namespace: ws });
  const unlocked = kubectl(['label', 'configmap', 'guarded', `${LABEL}-`], { namespace: ws });
  assertOk(unlocked, 'removing the label from an exempt object');
  assert.match(unlocked.stderr, `Warning: Validation failed for ValidatingAdmissionPolicy 'orkestra-deletion-protection-strict-mode-exempt'`);
  assert.match(unlocked.stderr, `deletion protection of ConfigMap "guarded" in namespace "${ws}" was removed (it carries ${EXEMPT}: "true")`);
  assertOk(kubectl(['delete', 'configmap', 'guarded'], { namespace: ws }), 'deleting the unlocked ConfigMap');
});

test('restricted namespaces cannot be deleted; others can', () => {
  const restricted = assertDeniedBy(kubectl(['delete', 'namespace', RESTRICTED, '--wait=false']), 'orkestra-namespace-protection-namespaces');
  assert.match(restricted, `deleting Namespace "${RESTRICTED}" is denied by namespace protection: it is a restricted namespace (security.namespaceProtection.restrictedNamespaces of Katalog "e2e-policy-mode")`);
  const builtin = assertDeniedBy(kubectl(['delete', 'namespace', 'kube-node-lease', '--dry-run=server']), 'orkestra-namespace-protection-namespaces');
  assert.match(builtin, 'built in: always restricted');
  assert.ok(exists(['namespace', RESTRICTED]));
  const scratch = freshNamespace('gw-pol-free');
  assertOk(kubectl(['delete', 'namespace', scratch, '--wait=false']), 'deleting an unrestricted namespace');
});

test('protectWrites: a person cannot write in a restricted namespace; system identities can', () => {
  // Impersonation keeps RBAC out of the way (system:masters) and sets only the identity the policy reads.
  const asPerson = kubectl(['create', 'configmap', 'by-jane', '-n', RESTRICTED, '--as=jane', '--as-group=system:masters']);
  const message = assertDeniedBy(asPerson, 'orkestra-namespace-protection-writes');
  assert.match(message, `creating ConfigMap "by-jane" in namespace "${RESTRICTED}" as "jane" is denied by namespace protection`);
  assertOk(kubectl(['create', 'configmap', 'by-controller', '-n', RESTRICTED, '--as=system:kube-controller-manager', '--as-group=system:masters']), 'a control-plane component writing');
  assertOk(kubectl(['create', 'configmap', 'by-system-sa', '-n', RESTRICTED, '--as=system:serviceaccount:kube-system:e2e', '--as-group=system:masters']), 'a kube-system ServiceAccount writing');
  assertOk(kubectl(['create', 'configmap', 'by-node', '-n', RESTRICTED, '--as=someone', '--as-group=system:nodes', '--as-group=system:masters']), 'a member of system:nodes writing');
  assertDeniedBy(kubectl(['create', 'configmap', 'by-other-sa', '-n', RESTRICTED, `--as=system:serviceaccount:${ws}:app`, '--as-group=system:masters']), 'orkestra-namespace-protection-writes');
  // Outside restricted namespaces the same person writes freely.
  assertOk(kubectl(['create', 'configmap', 'by-jane', '-n', ws, '--as=jane', '--as-group=system:masters']), 'jane writing in an ordinary namespace');
});

test('the Katalog\'s CRD cannot be deleted, nor its custom resources placed in a restricted namespace', () => {
  const crd = assertDeniedBy(kubectl(['delete', 'crd', CRD, '--dry-run=server']), 'orkestra-deletion-protection-crds');
  assert.match(crd, 'it defines custom resources of Katalog "e2e-policy-mode"');
  const placed = kubectl(['apply', '-f', '-', '-n', RESTRICTED, '--as=system:kube-controller-manager', '--as-group=system:masters'], { input: site('placed', { image: 'nginx' }) });
  assert.match(assertDeniedBy(placed, 'orkestra-namespace-protection-placement'), `creating Site "placed" in namespace "${RESTRICTED}" is denied by namespace protection`);
});

test('validation rules: a bad Site is refused with the rule\'s message, a warn rule warns, a good Site is stored', () => {
  const noImage = kubectl(['apply', '-f', '-', '-n', ws], { input: site('no-image', { replicas: 2 }) });
  assert.is(assertDeniedBy(noImage, 'orkestra-rules.sites.policy.e2e.orkestra.io'),
    `Site "no-image" in namespace "${ws}" is refused by a validation rule of the Katalog: field spec.image: an image is required`);
  const many = kubectl(['apply', '-f', '-', '-n', ws], { input: site('many', { image: 'nginx', replicas: 20 }) });
  assert.match(assertDeniedBy(many, 'orkestra-rules.sites.policy.e2e.orkestra.io'), 'field spec.replicas: at most 10 replicas');
  const tier = kubectl(['apply', '-f', '-', '-n', ws], { input: site('odd-tier', { image: 'nginx', tier: 'gpu' }) });
  assert.match(assertDeniedBy(tier, 'orkestra-rules.sites.policy.e2e.orkestra.io'), 'field spec.tier: tier must be web, api or batch');
  for (const name of ['no-image', 'many', 'odd-tier']) assert.not.ok(exists([SITES, name, '-n', ws]));
  const batch = kubectl(['apply', '-f', '-', '-n', ws], { input: site('batch', { image: 'nginx', tier: 'batch' }) });
  assertOk(batch, 'a Site broken only by a warn rule');
  assert.match(batch.stderr, `Warning: Validation failed for ValidatingAdmissionPolicy 'orkestra-rules-warn.sites.policy.e2e.orkestra.io'`);
  assert.match(batch.stderr, 'field spec.tier: the batch tier moves to the Job CRD in v2');
  const good = kubectl(['apply', '-f', '-', '-n', ws], { input: site('good', { image: 'nginx', replicas: 3, tier: 'web' }) });
  assertOk(good, 'a good Site');
  assert.not.match(good.stderr, 'Warning');
  assert.ok(exists([SITES, 'good', '-n', ws]));
  // UPDATE is checked too, and an unlabelled Site is deleted freely (rules see CREATE and UPDATE only).
  assertDeniedBy(kubectl(['patch', SITES, 'good', '-n', ws, '--type=merge', '-p', '{"spec":{"replicas":11}}']), 'orkestra-rules.sites.policy.e2e.orkestra.io');
  assertOk(kubectl(['delete', SITES, 'good', '-n', ws]), 'deleting a Site');
});

test.run();
