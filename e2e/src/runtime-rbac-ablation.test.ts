// DESIGN §4 (b): removing any single rule from the bundle makes some e2e behaviour fail. For every
// atom (one verb on one group/resource, for one name where the rule names objects) that the bundle
// grants the runtime's ServiceAccount, the role is replaced without that atom and a fresh runtime
// runs scenario S (harness/website-scenario.ts). S must break each time: a forbidden request, or a
// step that did not happen. An atom whose removal breaks nothing is named in the failure: either the
// planner grants too much or S does not exercise it, and either way it is a finding.
// ClusterRole atoms cannot be ablated in parallel (the role is cluster-wide), so S is kept short and
// a run ends at the first 403. Scenario L (harness/lifecycle-scenario.ts, issue 14) does the same
// for e2e/fixtures/runtime-lifecycle: drift correction, pruning (delete), onDelete Jobs (create and
// watch) and the second CRD's atoms.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { canI } from './harness/access-review.ts';
import { cleanupNamespaces, freshNamespace } from './harness/namespace.ts';
import { applyBundle, installForRuntime, type RuntimeInstall } from './harness/install-for-runtime.ts';
import { ablateEach, atomsOf, describeAtom, rolesBoundTo, type AblationOutcome, type BundleRole, type RoleAtom } from './harness/role-ablation.ts';
import { httpGet, pollHttp } from './harness/http-poll.ts';
import { kubectlOk } from './harness/kubectl.ts';
import { httpBase, startRuntime, stopRuntime } from './harness/runtime-process.ts';
import { removeWebsites, runWebsiteScenario, type ScenarioOutcome } from './harness/website-scenario.ts';
import { removeLifecycleObjects, runLifecycleScenario } from './harness/lifecycle-scenario.ts';

const KATALOG = 'examples/starter/katalog.yaml';
const LIFECYCLE = 'e2e/fixtures/runtime-lifecycle/katalog.yaml';

const test = suite('ork run: every RBAC atom the bundle grants the runtime is needed by some behaviour');
let install: RuntimeInstall | undefined;
let roles: BundleRole[] = [];
let atoms: RoleAtom[] = [];
let lifecycle: RuntimeInstall | undefined;

/** Scenario S with a namespace of its own for the Website. */
function runS(): Promise<ScenarioOutcome> {
  return runWebsiteScenario({ katalog: KATALOG, kubeconfig: install!.kubeconfig, installNamespace: install!.namespace, namespace: freshNamespace('abl-s'), ccToken: install!.ccToken });
}

/**
 * Scenario C (issue 12): a runtime with its whole bundle shows a Website to the Control Center's
 * token through its HTTP API, in the CR list and on the CR's page. Removing an atom of the
 * Control Center's own role must hide it from one of the two.
 */
async function runC(ns: string): Promise<AblationOutcome> {
  const startMs = Date.now();
  const r = startRuntime(KATALOG, { KUBECONFIG: install!.kubeconfig, ORK_NAMESPACE: install!.namespace, LEASE_DURATION: '4', RENEW_DEADLINE: '3', RETRY_PERIOD: '1' });
  let missed: string | undefined;
  try {
    const base = await httpBase(r);
    const cc = { authorization: `Bearer ${install!.ccToken}` };
    await pollHttp(base, 'caches synced', '/readyz', (x) => (x.status === 200 ? true : undefined), 20_000);
    const list = await httpGet(base, '/katalog/website/cr', cc);
    const listed = list.status === 200 && (list.json()['items'] as { namespace?: string; name: string }[]).some((i) => i.namespace === ns && i.name === 'c-site');
    const page = await httpGet(base, `/katalog/website/cr/${ns}/c-site`, cc);
    if (!listed) missed = `the Website in the Control Center's CR list (${list.status})`;
    else if (page.status !== 200) missed = `the Website's page for the Control Center (${page.status} ${page.text.slice(0, 160)})`;
  } catch (err) {
    missed = err instanceof Error ? err.message : String(err);
  }
  await stopRuntime(r);
  const stopped = r.lines.find((l) => l['msg'] === 'runtime stopped');
  const forbidden = typeof stopped?.['forbidden'] === 'number' ? stopped['forbidden'] : undefined;
  const forbiddenLogs = r.lines.filter((l) => l['msg'] !== 'runtime stopped' && /forbidden|\b403\b/i.test(JSON.stringify(l))).map((l) => `${String(l['msg'])}: ${String(l['err'] ?? '')}`);
  return { forbidden, forbiddenLogs, ...(missed !== undefined ? { missed } : {}), durationMs: Date.now() - startMs };
}

/** Namespace an access review of `atom` is asked in: the Role's own, else any namespace a Website lives in. */
const reviewNamespace = (atom: RoleAtom): string => atom.role.namespace ?? 'default';

test.before(() => {
  // A Website another file left behind would be reconciled by every run here; in a terminating
  // namespace each write is a 403 that has nothing to do with RBAC.
  removeWebsites();
  install = installForRuntime(KATALOG, 'ablation');
  roles = rolesBoundTo(install.bundle, 'orkestra', install.namespace);
  atoms = atomsOf(roles);
});

test.after(() => {
  try {
    removeLifecycleObjects();
    // Later files must find the bundle's roles whole, whatever happened here.
    if (install) applyBundle(install.bundle);
  } finally {
    cleanupNamespaces();
  }
});

test('the runtime ServiceAccount holds the ClusterRole and the leader-election Role, every atom allowed', () => {
  assert.equal(roles.map((r) => `${r.kind}/${r.name}`), ['ClusterRole/orkestra-runtime', 'Role/orkestra-runtime-leader-election']);
  assert.ok(atoms.length >= 10, `only ${atoms.length} atoms`);
  const denied = atoms.filter((a) => !canI(install!.token, a, reviewNamespace(a))).map(describeAtom);
  assert.equal(denied, [], 'atoms the API server denies with the whole bundle applied');
});

test('scenario S with the whole bundle: every step happens, no forbidden request', async () => {
  const outcome = await runS();
  process.stderr.write(`\n  baseline S: ${(outcome.durationMs / 1000).toFixed(1)} s\n`);
  assert.is(outcome.missed, undefined, 'a step of S did not happen');
  assert.is(outcome.forbidden, 0, `forbidden requests: ${outcome.forbiddenLogs.join('\n')}`);
});

test('removing any single atom breaks scenario S', async () => {
  const unproven = await ablateEach(atoms, {
    scenario: 'S', finalLine: 'runtime stopped', token: install!.token, reviewNamespace, run: runS,
    restore: () => applyBundle(install!.bundle),
  });
  assert.equal(unproven, [], `${unproven.length} of ${atoms.length} atoms are not needed by S:\n${unproven.join('\n')}\n`);
});

test('issue 12: the Control Center\'s role, get and list of the CRs, each needed to show a Website', async () => {
  const ccRoles = rolesBoundTo(install!.bundle, 'orkestra-cc', install!.namespace);
  assert.equal(ccRoles.map((r) => `${r.kind}/${r.name}`), ['ClusterRole/orkestra-cc']);
  const ccAtoms = atomsOf(ccRoles);
  assert.equal(ccAtoms.map(describeAtom).sort(), ['demo.orkestra.io websites get', 'demo.orkestra.io websites list']);
  const ns = freshNamespace('abl-c');
  kubectlOk(['create', '-f', '-'], { namespace: ns, input: JSON.stringify({ apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website', metadata: { name: 'c-site' }, spec: { replicas: 1 } }) });
  try {
    const whole = await runC(ns);
    assert.is(whole.missed, undefined, 'with the whole bundle the Control Center sees the Website');
    assert.is(whole.forbidden, 0, whole.forbiddenLogs.join('\n'));
    const unproven = await ablateEach(ccAtoms, {
      scenario: 'C', finalLine: 'runtime stopped', token: install!.ccToken, reviewNamespace: () => ns, run: () => runC(ns),
      restore: () => applyBundle(install!.bundle),
    });
    assert.equal(unproven, [], `${unproven.length} of ${ccAtoms.length} Control Center atoms are not needed by C:\n${unproven.join('\n')}\n`);
  } finally {
    removeWebsites(ns);
  }
});

// issue 14: scenario L on the lifecycle Katalog's bundle (it replaces the shared ClusterRole's rules).
const runL = (): Promise<ScenarioOutcome> =>
  runLifecycleScenario({ katalog: LIFECYCLE, kubeconfig: lifecycle!.kubeconfig, installNamespace: lifecycle!.namespace, namespace: freshNamespace('abl-l'), ccToken: lifecycle!.ccToken });

test('scenario L with the whole lifecycle bundle: every step happens, no forbidden request', async () => {
  removeWebsites();
  lifecycle = installForRuntime(LIFECYCLE, 'ablation-l');
  const outcome = await runL();
  process.stderr.write(`\n  baseline L: ${(outcome.durationMs / 1000).toFixed(1)} s\n`);
  assert.is(outcome.missed, undefined, 'a step of L did not happen');
  assert.is(outcome.forbidden, 0, `forbidden requests: ${outcome.forbiddenLogs.join('\n')}`);
});

test('removing any single atom of the lifecycle bundle breaks scenario L', async () => {
  const lRoles = rolesBoundTo(lifecycle!.bundle, 'orkestra', lifecycle!.namespace);
  const lAtoms = atomsOf(lRoles);
  const reasons = JSON.stringify(lRoles.map((r) => r.rules));
  assert.ok(lAtoms.some((a) => a.resource === 'configmaps' && a.verb === 'delete'), `no pruning atom in ${reasons}`);
  assert.ok(lAtoms.some((a) => a.resource === 'jobs' && a.verb === 'watch'), 'no onDelete atom');
  const unproven = await ablateEach(lAtoms, {
    scenario: 'L', finalLine: 'runtime stopped', token: lifecycle!.token, reviewNamespace, run: runL,
    restore: () => applyBundle(lifecycle!.bundle),
  });
  assert.equal(unproven, [], `${unproven.length} of ${lAtoms.length} atoms are not needed by L:\n${unproven.join('\n')}\n`);
});

test.run();
