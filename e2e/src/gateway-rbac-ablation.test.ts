// DESIGN §4 (b) for the gateway: removing any single rule from the bundle makes some e2e behaviour
// fail. For every atom (one verb on one group/resource, for one name where the rule names objects)
// that the `--for gateway` bundle grants the `orkestra-gateway` ServiceAccount, the role is
// replaced without that atom and a fresh gateway runs scenario G (harness/gateway-scenario.ts). G
// must break each time: a forbidden request naming exactly that atom, or a step that did not
// happen. An atom whose removal breaks nothing is named in the failure: either the planner grants
// too much or G does not exercise it, and either way it is a finding.
// The fixture turns on both protections with cleanupOnShutdown, so the bundle holds every atom the
// planner can grant the gateway (delete on the two names exists only with cleanupOnShutdown).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { canI } from './harness/access-review.ts';
import { kubectl, kubectlOk } from './harness/kubectl.ts';
import { cleanupNamespaces, freshNamespace } from './harness/namespace.ts';
import { waitFor } from './harness/wait.ts';
import { applyBundle } from './harness/install-for-runtime.ts';
import { GATEWAY_WEBHOOK_CONFIGS, installForGateway, uninstallGateway, type GatewayInstall } from './harness/install-for-gateway.ts';
import { ablateEach, atomsOf, describeAtom, rolesBoundTo, type BundleRole, type RoleAtom } from './harness/role-ablation.ts';
import { gatewayDenialOf, PROTECTION_LABEL, resetGatewayState, runGatewayScenario, type GatewayScenarioOutcome } from './harness/gateway-scenario.ts';

const KATALOG = 'e2e/fixtures/gateway-ablation/katalog.yaml';

const test = suite('ork gate: every RBAC atom the bundle grants the gateway is needed by some behaviour');
let install: GatewayInstall | undefined;
let token = '';
let guarded = '';
let roles: BundleRole[] = [];
let atoms: RoleAtom[] = [];

function runG(): Promise<GatewayScenarioOutcome> {
  return runGatewayScenario({ katalog: KATALOG, kubeconfig: install!.kubeconfig, installNamespace: install!.namespace, guardedNamespace: guarded });
}

/** A Role's atoms are asked in its namespace; for the ClusterRole's (cluster-scoped) the namespace is ignored. */
const reviewNamespace = (atom: RoleAtom): string => atom.role.namespace ?? install!.namespace;

test.before(async () => {
  try {
    await setUp();
  } catch (err) {
    // uvu swallows a hook's error: say it before the suite reports its tests failed.
    process.stderr.write(`\n  setting up the ablation failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    throw err;
  }
});

async function setUp(): Promise<void> {
  install = installForGateway(KATALOG, 'gw-abl');
  token = kubectlOk(['create', 'token', 'orkestra-gateway', '--duration', '1h'], { namespace: install.namespace }).trim();
  roles = rolesBoundTo(install.bundle, 'orkestra-gateway', install.namespace);
  atoms = atomsOf(roles);
  guarded = freshNamespace('gw-abl-objs');
  kubectlOk(['apply', '-f', '-'], {
    namespace: guarded,
    input: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'guarded', labels: { [PROTECTION_LABEL]: 'true' } } }),
  });
  // Issue 12: a labelled Pod for G's eviction step (no kubelet: it stays Pending, which eviction does not mind).
  await waitFor('the default ServiceAccount', () => (kubectl(['get', 'serviceaccount', 'default', '-o', 'name'], { namespace: guarded }).status === 0 ? true : undefined), 30_000, 200);
  kubectlOk(['apply', '-f', '-'], {
    namespace: guarded,
    input: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'guarded', labels: { [PROTECTION_LABEL]: 'true' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } }),
  });
}

test.after(() => {
  try {
    // Later files must find no configuration pointing at a dead gateway, and the roles whole.
    if (install) {
      resetGatewayState(install.namespace);
      applyBundle(install.bundle);
    }
  } finally {
    uninstallGateway();
    for (const name of GATEWAY_WEBHOOK_CONFIGS) kubectl(['delete', 'validatingwebhookconfiguration', name, '--ignore-not-found']);
    if (install) for (const crd of install.crds) kubectl(['delete', 'crd', '--wait=false', '--ignore-not-found', crd]);
    if (guarded) kubectl(['label', 'configmap', 'guarded', `${PROTECTION_LABEL}-`], { namespace: guarded });
    if (guarded) kubectl(['label', 'pod', 'guarded', `${PROTECTION_LABEL}-`], { namespace: guarded });
    cleanupNamespaces();
  }
});

test('the gateway ServiceAccount holds the ClusterRole and the TLS Role, every atom allowed', () => {
  assert.equal(roles.map((r) => `${r.kind}/${r.name}`), ['ClusterRole/orkestra-gateway', 'Role/orkestra-gateway-tls']);
  assert.equal(atoms.map(describeAtom), [
    // Issue 12: the Pod an eviction names (G's eviction step).
    'core pods get',
    // Issue 15: the mutating configuration of the rules, and the validating one by its name.
    'admissionregistration.k8s.io mutatingwebhookconfigurations create',
    'admissionregistration.k8s.io mutatingwebhookconfigurations get [orkestra-admission-mutation]',
    'admissionregistration.k8s.io mutatingwebhookconfigurations update [orkestra-admission-mutation]',
    'admissionregistration.k8s.io mutatingwebhookconfigurations delete [orkestra-admission-mutation]',
    'admissionregistration.k8s.io validatingwebhookconfigurations create',
    'admissionregistration.k8s.io validatingwebhookconfigurations get [orkestra-admission-validation]',
    'admissionregistration.k8s.io validatingwebhookconfigurations get [orkestra-deletion-protection]',
    'admissionregistration.k8s.io validatingwebhookconfigurations get [orkestra-namespace-protection]',
    'admissionregistration.k8s.io validatingwebhookconfigurations update [orkestra-admission-validation]',
    'admissionregistration.k8s.io validatingwebhookconfigurations update [orkestra-deletion-protection]',
    'admissionregistration.k8s.io validatingwebhookconfigurations update [orkestra-namespace-protection]',
    'admissionregistration.k8s.io validatingwebhookconfigurations delete [orkestra-admission-validation]',
    'admissionregistration.k8s.io validatingwebhookconfigurations delete [orkestra-deletion-protection]',
    'admissionregistration.k8s.io validatingwebhookconfigurations delete [orkestra-namespace-protection]',
    `core secrets create (Role ${install!.namespace}/orkestra-gateway-tls)`,
    `core secrets get [orkestra-gateway-tls] (Role ${install!.namespace}/orkestra-gateway-tls)`,
    `core secrets update [orkestra-gateway-tls] (Role ${install!.namespace}/orkestra-gateway-tls)`,
  ], 'the atoms this file knows how to exercise; a new one needs a step in G');
  const denied = atoms.filter((a) => !canI(token, a, reviewNamespace(a))).map(describeAtom);
  assert.equal(denied, [], 'atoms the API server denies with the whole bundle applied');
});

test('scenario G with the whole bundle: every step happens, no forbidden request', async () => {
  const outcome = await runG();
  process.stderr.write(`\n  baseline G: ${(outcome.durationMs / 1000).toFixed(1)} s\n`);
  assert.is(outcome.missed, undefined, 'a step of G did not happen');
  assert.is(outcome.forbidden, 0, `forbidden requests: ${outcome.forbiddenLogs.join('\n')}`);
  assert.equal(outcome.forbiddenLogs, []);
});

test('removing any single atom breaks scenario G', async () => {
  // A denial counts only when it names the verb, resource, group, and the name for atoms bound to one.
  const unproven = await ablateEach(atoms, {
    scenario: 'G', finalLine: 'gateway stopped', token, reviewNamespace, run: runG, denial: gatewayDenialOf,
    restore: () => applyBundle(install!.bundle),
  });
  assert.equal(unproven, [], `${unproven.length} of ${atoms.length} atoms are not needed by G:\n${unproven.join('\n')}\n`);
});

test.run();
