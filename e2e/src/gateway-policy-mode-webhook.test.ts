// Policy mode (issue 15, spec/gateway.md §8) WITH the gateway running under its bundle's token:
// the gateway registers only the admission configurations (never the protection ones), fills the
// mutation rule's default, and denies the validation rules CEL cannot express with their message,
// while the API server's ValidatingAdmissionPolicies enforce the compiled rules and all protection.
// Stopping the gateway leaves protection in place. Then the RBAC the policy-mode bundle grants the
// gateway: the exact atoms, and the ablation (DESIGN §4 (b)) over exactly those atoms with scenario
// G in its policy-mode form (harness/gateway-scenario.ts): removing any one breaks a step.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { canI } from './harness/access-review.ts';
import { kubectl, kubectlJson, kubectlOk, type KubectlResult } from './harness/kubectl.ts';
import { freshNamespace } from './harness/namespace.ts';
import { waitFor } from './harness/wait.ts';
import { assertDenied, assertDeniedByPolicy, deniedBy, deniedByPolicy, exists } from './harness/admission-outcome.ts';
import { gatewayReady, linesOf, reportSetupFailure, startGateway, stopGatewayClean, type GatewayProcess } from './harness/gateway-process.ts';
import {
  ADMISSION_POLICY_LABEL, GATEWAY_MUTATING_CONFIG, installForGateway, removeAdmissionPolicies, tearDownGateway, type GatewayInstall,
} from './harness/install-for-gateway.ts';
import { atomsOf, describeAtom, rolesBoundTo, type BundleRole, type RoleAtom } from './harness/role-ablation.ts';
import { PROTECTION_LABEL, runGatewayScenario, type GatewayCall } from './harness/gateway-scenario.ts';
import { assertEveryAtomNeeded, assertScenarioClean, deniedAtoms, type GatewayAblation } from './harness/gateway-ablation.ts';

const KATALOG = 'e2e/fixtures/gateway-policy-mode-webhook/katalog.yaml';
// Fully qualified, and a group of its own: other files' CRDs share the short names.
const SHOPS = 'shops.polwh.e2e.orkestra.io';
const RULES_POLICY = `orkestra-rules.${SHOPS}`;
const VALIDATE = 'validate.orkestra.orkspace.io';
const VALIDATION_CONFIG = 'orkestra-admission-validation';
const PROTECTION_CONFIGS = ['orkestra-deletion-protection', 'orkestra-namespace-protection'];
const SYNC_MS = 2000;
/** In the fixture's restrictedNamespaces; created and removed by this file. */
const RESTRICTED = 'e2e-polwh-restricted';

const test = suite('policy mode with the gateway: it serves only the rules left on its webhooks; protection stays with the API server');
let gateway: GatewayProcess | undefined;
let install: GatewayInstall | undefined;
let ws = '';
let token = '';
let roles: BundleRole[] = [];
let atoms: RoleAtom[] = [];

interface Shop { metadata: { name: string }; spec: Record<string, unknown> }

function shop(name: string, spec: Record<string, unknown>): string {
  return JSON.stringify({ apiVersion: 'polwh.e2e.orkestra.io/v1', kind: 'Shop', metadata: { name, namespace: ws }, spec });
}

function create(name: string, spec: Record<string, unknown>, dryRun = false): KubectlResult {
  return kubectl(['create', ...(dryRun ? ['--dry-run=server', '-o', 'json'] : []), '-f', '-'], { input: shop(name, spec) });
}

/**
 * What only a called gateway answers: the mutation rule's default filled, and a rule CEL cannot
 * express (valueType int) denied by /validate. Server-side dry runs: nothing is stored. Also the
 * policy-mode calls of scenario G in the ablation.
 */
const GATEWAY_CALLS: readonly GatewayCall[] = [{
  what: 'a Shop\'s spec.replicas defaulted to 2 by the gateway\'s mutating webhook',
  check: () => {
    const r = create('probe-default', { image: 'nginx' }, true);
    return r.status === 0 && (JSON.parse(r.stdout) as Shop).spec['replicas'] === 2;
  },
}, {
  what: 'a Shop on port 80 denied by the gateway\'s /validate (a valueType: int rule, kept on the webhook)',
  check: () => deniedBy(create('probe-port', { image: 'nginx', port: '80' }, true), VALIDATE)?.includes('the port must be 1024 or above') === true,
}];

/** A labelled ConfigMap's delete is refused by the deletion-protection policy (the API server itself). */
function deleteGuarded(dryRun: boolean): KubectlResult {
  return kubectl(['delete', 'configmap', 'guarded', ...(dryRun ? ['--dry-run=server'] : [])], { namespace: ws });
}

test.before(async () => {
  try {
    install = installForGateway(KATALOG, 'gw-polwh');
    token = kubectlOk(['create', 'token', 'orkestra-gateway', '--duration', '1h'], { namespace: install.namespace }).trim();
    roles = rolesBoundTo(install.bundle, 'orkestra-gateway', install.namespace);
    atoms = atomsOf(roles);
    ws = freshNamespace('gw-polwh-objs');
    if (!exists(['namespace', RESTRICTED])) kubectlOk(['create', 'namespace', RESTRICTED]);
    kubectlOk(['apply', '-f', '-'], {
      namespace: ws,
      input: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'guarded', labels: { [PROTECTION_LABEL]: 'true' } } }),
    });
    await waitFor('the API server to enforce the deletion-protection policy',
      () => (deniedByPolicy(deleteGuarded(true), 'orkestra-deletion-protection-labels') ? true : undefined), 30_000, 200);
    gateway = startGateway(KATALOG, { KUBECONFIG: install.kubeconfig, ORK_NAMESPACE: install.namespace, HOUSEKEEPER_SYNC_INTERVAL: `${SYNC_MS / 1000}s` });
    // Generous: on a loaded machine loading the gateway's modules alone has taken 27 s.
    await gatewayReady(gateway, 120_000);
    // The API server picks new configurations up from its informer: wait until it calls both.
    for (const call of GATEWAY_CALLS) await waitFor(call.what, () => (call.check() ? true : undefined), 60_000, 200);
  } catch (err) {
    reportSetupFailure(gateway, err);
  }
});

test.after(async () => {
  const g = gateway;
  gateway = undefined;
  try {
    // Policies before anything else: they would refuse deleting the CRD, the labelled ConfigMap's
    // namespace and the restricted one, here and in every later file.
    removeAdmissionPolicies();
    if (ws) {
      await waitFor('the API server to drop the policies', () => (deniedByPolicy(deleteGuarded(true), 'orkestra-deletion-protection-labels') === undefined ? true : undefined), 30_000, 200)
        .catch(() => undefined);
    }
  } finally {
    await tearDownGateway(g, () => {
      kubectl(['delete', 'namespace', '--wait=false', '--ignore-not-found', RESTRICTED]);
      if (install) for (const crd of install.crds) kubectl(['delete', 'crd', '--wait=false', '--ignore-not-found', crd]);
    });
  }
});

test('the gateway registers the admission configurations and neither protection configuration; protection is the bundle\'s policies', () => {
  assert.ok(exists(['validatingwebhookconfiguration', VALIDATION_CONFIG]), `${VALIDATION_CONFIG} registered`);
  assert.ok(exists(['mutatingwebhookconfiguration', GATEWAY_MUTATING_CONFIG]), `${GATEWAY_MUTATING_CONFIG} registered`);
  for (const name of PROTECTION_CONFIGS) assert.not.ok(exists(['validatingwebhookconfiguration', name]), `${name} must not exist in policy mode`);
  const created = linesOf(gateway!, 'webhook configuration created').map((l) => String(l['name'])).sort();
  assert.equal(created, [GATEWAY_MUTATING_CONFIG, VALIDATION_CONFIG]);
  // Only the Shop CRD is sent to /validate, and the configuration names no protection webhook.
  const vwc = kubectlJson<{ webhooks: { name: string; rules: { apiGroups: string[]; resources: string[] }[] }[] }>(['get', 'validatingwebhookconfiguration', VALIDATION_CONFIG]);
  assert.equal(vwc.webhooks.map((w) => w.name), [VALIDATE]);
  assert.equal(vwc.webhooks[0]!.rules.flatMap((r) => r.apiGroups.flatMap((g) => r.resources.map((res) => `${res}.${g}`))), [SHOPS]);
  const policies = kubectlJson<{ items: { metadata: { name: string } }[] }>(['get', 'validatingadmissionpolicies', '-l', ADMISSION_POLICY_LABEL]).items.map((p) => p.metadata.name).sort();
  assert.equal(policies, [
    'orkestra-deletion-protection-crds', 'orkestra-deletion-protection-evictions', 'orkestra-deletion-protection-labels',
    'orkestra-namespace-protection-namespaces', 'orkestra-namespace-protection-placement', RULES_POLICY,
  ]);
});

test('the mutation rule\'s default is filled by the gateway and stored', () => {
  const r = create('filled', { image: 'nginx:1.27' });
  assert.is(r.status, 0, r.stderr);
  const stored = kubectlJson<Shop>(['get', SHOPS, 'filled', '-n', ws]);
  assert.is(stored.spec['replicas'], 2, 'the default was stored');
});

test('rules CEL cannot express are denied by the gateway\'s /validate with their message; compiled rules by their policy', async () => {
  const low = assertDenied(create('low', { image: 'nginx', port: '80' }), VALIDATE);
  assert.is(low, `Shop "low" in namespace "${ws}" is refused by a validation rule of the Katalog: field spec.port: the port must be 1024 or above (got: "80")`);
  const owner = assertDenied(create('theirs', { image: 'nginx', owner: 'someone-else' }), VALIDATE);
  assert.is(owner, `Shop "theirs" in namespace "${ws}" is refused by a validation rule of the Katalog: field spec.owner: the owner must be the Shop's namespace (got: "someone-else")`);
  // valueType int: "08080" is the number 8080, which a text comparison in CEL would not say.
  const padded = create('padded', { image: 'nginx', port: '08080', owner: ws });
  assert.is(padded.status, 0, padded.stderr);
  const noImage = create('no-image', { replicas: 3 });
  assert.is(assertDeniedByPolicy(noImage, RULES_POLICY), `Shop "no-image" in namespace "${ws}" is refused by a validation rule of the Katalog: field spec.image: an image is required`);
  assert.not.match(noImage.stderr, 'admission webhook');
  assert.match(assertDeniedByPolicy(create('many', { image: 'nginx', replicas: 20 }), RULES_POLICY), 'field spec.replicas: at most 10 replicas');
  // Broken for both: the API server runs policies before validating webhooks, so the policy answers.
  assert.match(assertDeniedByPolicy(create('both', { port: '80' }), RULES_POLICY), 'field spec.image: an image is required');
  for (const name of ['low', 'theirs', 'no-image', 'many', 'both']) assert.not.ok(exists([SHOPS, name, '-n', ws]), `${name} must not be stored`);
  // The compiled rules were the API server's alone: the gateway never denied those Shops. (Its log
  // lines arrive when the event loop turns: kubectl ran synchronously.)
  const deniedByGateway = () => linesOf(gateway!, 'admission denied').map((l) => String(l['name']));
  await waitFor('the gateway\'s "admission denied" lines for low and theirs', () => (['low', 'theirs'].every((n) => deniedByGateway().includes(n)) ? true : undefined), 10_000, 100);
  assert.not.ok(['no-image', 'many', 'both'].some((n) => deniedByGateway().includes(n)), JSON.stringify(deniedByGateway()));
});

test('protection comes from the policies: a labelled ConfigMap\'s delete is denied by the API server, not by a webhook', () => {
  const r = deleteGuarded(false);
  const message = assertDeniedByPolicy(r, 'orkestra-deletion-protection-labels');
  assert.match(message, `deleting ConfigMap "guarded" in namespace "${ws}" is denied by deletion protection`);
  assert.not.match(r.stderr, 'admission webhook');
  assert.ok(exists(['configmap', 'guarded', '-n', ws]));
  assert.match(assertDeniedByPolicy(kubectl(['delete', 'namespace', RESTRICTED, '--dry-run=server']), 'orkestra-namespace-protection-namespaces'),
    `deleting Namespace "${RESTRICTED}" is denied by namespace protection: it is a restricted namespace (security.namespaceProtection.restrictedNamespaces of Katalog "e2e-policy-webhook")`);
});

test('the gateway stops with 0 forbidden requests; its configurations go (cleanupOnShutdown) and protection and compiled rules stay', async () => {
  const g = gateway!;
  gateway = undefined;
  const stopped = await stopGatewayClean(g);
  assert.is(stopped['forbidden'], 0);
  const deleted = linesOf(g, 'webhook configuration deleted').map((l) => String(l['name'])).sort();
  assert.equal(deleted, [GATEWAY_MUTATING_CONFIG, VALIDATION_CONFIG]);
  assert.not.ok(exists(['validatingwebhookconfiguration', VALIDATION_CONFIG]));
  assert.not.ok(exists(['mutatingwebhookconfiguration', GATEWAY_MUTATING_CONFIG]));
  assertDeniedByPolicy(deleteGuarded(false), 'orkestra-deletion-protection-labels');
  assert.ok(exists(['configmap', 'guarded', '-n', ws]));
  assertDeniedByPolicy(kubectl(['delete', 'crd', SHOPS, '--dry-run=server']), 'orkestra-deletion-protection-crds');
  assertDeniedByPolicy(kubectl(['delete', 'namespace', RESTRICTED, '--dry-run=server']), 'orkestra-namespace-protection-namespaces');
  assert.match(assertDeniedByPolicy(create('still-no-image', { port: '80' }), RULES_POLICY), 'field spec.image: an image is required');
  // What only the gateway served is gone with it, as §8 says: the API server no longer calls it.
  await waitFor('the API server to stop calling the removed webhooks', () => {
    const r = create('unserved', { image: 'nginx', port: '80' }, true);
    return r.status === 0 && (JSON.parse(r.stdout) as Shop).spec['replicas'] === undefined ? true : undefined;
  }, 30_000, 200);
});

/** Scenario G in its policy-mode form: the two admission configurations, the admission calls in place of the protection ones. */
function ablation(): GatewayAblation {
  return {
    install: install!, token, atoms, scenario: 'G (policy mode)',
    run: () => runGatewayScenario({
      katalog: KATALOG, kubeconfig: install!.kubeconfig, installNamespace: install!.namespace, guardedNamespace: ws,
      validatingConfigs: [VALIDATION_CONFIG], calls: GATEWAY_CALLS,
    }),
  };
}

test('the policy-mode bundle grants the gateway only its two admission configurations and its TLS Secret, every atom allowed', () => {
  assert.equal(roles.map((r) => `${r.kind}/${r.name}`), ['ClusterRole/orkestra-gateway', 'Role/orkestra-gateway-tls']);
  // No protection configuration, no `get pods` (evictions are the policies'): webhook mode's
  // list (gateway-rbac-ablation.test.ts) minus those.
  const admission = 'admissionregistration.k8s.io';
  const tls = `(Role ${install!.namespace}/orkestra-gateway-tls)`;
  assert.equal(atoms.map(describeAtom), [
    // Each configuration: create (cannot be limited by name), then get, update and delete by name.
    ...[['mutatingwebhookconfigurations', GATEWAY_MUTATING_CONFIG], ['validatingwebhookconfigurations', VALIDATION_CONFIG]].flatMap(([resource, name]) => [
      `${admission} ${resource} create`, ...['get', 'update', 'delete'].map((verb) => `${admission} ${resource} ${verb} [${name}]`),
    ]),
    `core secrets create ${tls}`, `core secrets get [orkestra-gateway-tls] ${tls}`, `core secrets update [orkestra-gateway-tls] ${tls}`,
  ]);
  assert.equal(deniedAtoms(ablation()), [], 'atoms the API server denies with the whole bundle applied');
  // And nothing of what policy mode took away: the protection configurations, any Pod.
  assert.not.ok(canI(token, { group: '', resource: 'pods', verb: 'get' }, ws), 'get pods');
  for (const name of PROTECTION_CONFIGS) {
    assert.not.ok(canI(token, { group: 'admissionregistration.k8s.io', resource: 'validatingwebhookconfigurations', verb: 'get', name }, ws), `get ${name}`);
  }
});

test('scenario G in policy mode with the whole bundle: every step happens, no forbidden request', () => assertScenarioClean(ablation()));

test('removing any single atom of the policy-mode gateway breaks scenario G', () => assertEveryAtomNeeded(ablation()));

test.run();
