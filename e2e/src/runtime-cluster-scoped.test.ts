// Children owner references cannot reach (spec/runtime.md §2.2), with only the bundle's RBAC: a
// namespaced Team's Namespace, ClusterRole, ClusterRoleBinding and its ConfigMap in namespace
// default carry the owner key and no owner reference, and the runtime deletes them itself before
// it drops the finalizer. A cluster-scoped Tenant owns all its children, a ConfigMap in its own
// Namespace child included; the garbage collector removes them.
import { randomBytes } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FINALIZER, OWNER_KEY_ANNOTATION } from '@orkestra/lib/runtime';
import { kubectl, kubectlOk } from './harness/kubectl.ts';
import { cleanupNamespaces } from './harness/namespace.ts';
import { waitFor } from './harness/wait.ts';
import { installForRuntime } from './harness/install-for-runtime.ts';
import { said, startRuntime, stopRuntime, type RuntimeProcess } from './harness/runtime-process.ts';

const KATALOG = 'e2e/fixtures/cluster-children/katalog.yaml';

interface Obj {
  metadata: {
    name: string; uid: string; generation?: number; finalizers?: string[]; deletionTimestamp?: string;
    annotations?: Record<string, string>; ownerReferences?: { kind: string; name: string; uid: string; controller?: boolean }[];
  };
  roleRef?: { kind: string; name: string };
  subjects?: { kind: string; name: string; namespace?: string }[];
  data?: Record<string, string>;
  status?: { observedGeneration?: number; conditions?: { type: string; status: string }[] };
}

/** One object the runtime made, as `kubectl get` names it. */
interface Ref { readonly kind: string; readonly name: string; readonly namespace?: string }

const test = suite('ork run: children owner references cannot reach');
let runtime: RuntimeProcess | undefined;
let ns = '';
const team = 'blue';
// Cluster-scoped names outlive a namespace: a random suffix keeps a re-run on a shared cluster apart.
const tenant = `acme-${randomBytes(3).toString('hex')}`;
// Everything cluster-wide (or outside the install namespace) this file may leave behind, for test.after.
const made: Ref[] = [];

function getObj(ref: Ref): Obj | undefined {
  const r = kubectl(['get', ref.kind, ref.name, '-o', 'json', ...(ref.namespace ? ['-n', ref.namespace] : [])]);
  return r.status === 0 ? (JSON.parse(r.stdout) as Obj) : undefined;
}

function readyCr(ref: Ref): Obj | undefined {
  const cr = getObj(ref);
  const ready = cr?.status?.conditions?.find((c) => c.type === 'Applied');
  return ready?.status === 'True' && cr?.status?.observedGeneration === cr?.metadata.generation ? cr : undefined;
}

function teamChildren(): Ref[] {
  return [
    { kind: 'namespace', name: `${ns}-${team}` },
    { kind: 'clusterrole', name: `${ns}-${team}-clusterrole` },
    { kind: 'clusterrolebinding', name: `${ns}-${team}-clusterrolebinding` },
    { kind: 'configmap', name: `${ns}-${team}-config`, namespace: 'default' },
  ];
}

function tenantChildren(): Ref[] {
  return [
    { kind: 'namespace', name: tenant },
    { kind: 'clusterrole', name: `${tenant}-clusterrole` },
    { kind: 'configmap', name: `${tenant}-config`, namespace: tenant },
  ];
}

const describe = (ref: Ref): string => `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;

test.before(() => {
  const install = installForRuntime(KATALOG, 'cluster');
  ns = install.namespace;
  made.push(...teamChildren(), ...tenantChildren());
  runtime = startRuntime(KATALOG, { KUBECONFIG: install.kubeconfig, ORK_NAMESPACE: ns, DEFAULT_RESYNC: '2s' });
});

test.after(async () => {
  try {
    if (runtime) await stopRuntime(runtime);
  } finally {
    runtime = undefined;
    // A failed test can leave CRs whose finalizer no runtime will remove: drop it, then delete.
    for (const cr of [{ kind: 'team', name: team, namespace: ns }, { kind: 'tenant', name: tenant }] as Ref[]) {
      const nsArgs = cr.namespace ? ['-n', cr.namespace] : [];
      if (kubectl(['get', cr.kind, cr.name, ...nsArgs]).status !== 0) continue;
      kubectl(['patch', cr.kind, cr.name, ...nsArgs, '--type', 'merge', '-p', '{"metadata":{"finalizers":null}}']);
      kubectl(['delete', cr.kind, cr.name, ...nsArgs, '--ignore-not-found', '--wait=false']);
    }
    for (const ref of made) kubectl(['delete', ref.kind, ref.name, '--ignore-not-found', '--wait=false', ...(ref.namespace ? ['-n', ref.namespace] : [])]);
    cleanupNamespaces();
  }
});

test('a namespaced Team gets its cluster-scoped children, with the owner key and no owner reference', async () => {
  kubectlOk(['apply', '-f', '-'], {
    namespace: ns,
    input: JSON.stringify({ apiVersion: 'e2e.orkestra.io/v1', kind: 'Team', metadata: { name: team }, spec: {} }),
  });
  const cr = await waitFor('the Team to be Ready', () => readyCr({ kind: 'team', name: team, namespace: ns }), 60_000);
  assert.ok(cr.metadata.finalizers?.includes(FINALIZER), 'finalizer added');
  const ownerKey = `teams.e2e.orkestra.io:${ns}/${team}`;
  for (const ref of teamChildren()) {
    const child = getObj(ref);
    assert.ok(child, `${describe(ref)} exists`);
    assert.is(child!.metadata.annotations?.[OWNER_KEY_ANNOTATION], ownerKey, `${describe(ref)}: owner key`);
    // The garbage collector would take an owner reference to a namespaced owner from a
    // cluster-scoped object (or from another namespace) as dangling and delete the child.
    assert.equal(child!.metadata.ownerReferences ?? [], [], `${describe(ref)}: no owner reference`);
  }
  const binding = getObj(teamChildren()[2]!)!;
  assert.equal(binding.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${ns}-${team}-clusterrole` });
  assert.equal(binding.subjects, [{ kind: 'ServiceAccount', name: `${team}-sa`, namespace: ns }]);
  assert.equal(getObj(teamChildren()[3]!)!.data, { team, motto: 'together' });
  // The one child it can own, in its own namespace, is owned and left to the garbage collector.
  const sa = getObj({ kind: 'serviceaccount', name: `${team}-sa`, namespace: ns });
  assert.is(sa?.metadata.ownerReferences?.find((o) => o.kind === 'Team')?.uid, cr.metadata.uid);
  // The ClusterRole and its binding work: the Team's ServiceAccount may read ConfigMaps anywhere.
  const canI = kubectl(['auth', 'can-i', 'list', 'configmaps', '-n', `${ns}-${team}`, '--as', `system:serviceaccount:${ns}:${team}-sa`]);
  assert.is(canI.stdout.trim(), 'yes');
  const failed = runtime!.lines.filter((l) => l['msg'] === 'reconcile failed' && l['controller'] === 'team');
  assert.equal(failed, [], 'the Team converged without a failed reconcile');
});

test('a deleted Team: the runtime deletes its cluster-scoped children, then drops the finalizer', async () => {
  kubectlOk(['delete', 'team', team, '--wait=false'], { namespace: ns });
  const children = teamChildren();
  // The finalizer holds the Team until the last child is gone (a Namespace terminates in seconds).
  await waitFor('the Team to be gone', () => (kubectl(['get', 'team', team], { namespace: ns }).status !== 0 ? true : undefined), 90_000, 500);
  for (const ref of children) assert.is(getObj(ref), undefined, `${describe(ref)} still exists after its Team was deleted`);
  const events = JSON.parse(kubectlOk(['get', 'events.events.k8s.io', '-o', 'json'], { namespace: ns })) as { items: { reason: string; regarding: { name: string; kind: string }; note?: string }[] };
  // One Deleting Event per deletion pass, naming what that pass deleted. A second pass can run
  // before the informer has seen every delete of the first, and then names the ones it re-deletes.
  const notes = events.items.filter((e) => e.reason === 'Deleting' && e.regarding.kind === 'Team' && e.regarding.name === team).map((e) => e.note ?? '');
  assert.ok(notes.length > 0, 'a Deleting Event about the Team');
  for (const ref of children) assert.ok(notes.some((n) => n.includes(ref.name)), `a Deleting Event names ${ref.name}: ${JSON.stringify(notes)}`);
});

test('a cluster-scoped Tenant owns its cluster-scoped children; the garbage collector removes them', async () => {
  kubectlOk(['apply', '-f', '-'], {
    input: JSON.stringify({ apiVersion: 'e2e.orkestra.io/v1', kind: 'Tenant', metadata: { name: tenant }, spec: {} }),
  });
  // Its ConfigMap lives in its Namespace child, so that Namespace must be applied first.
  const cr = await waitFor('the Tenant to be Ready', () => readyCr({ kind: 'tenant', name: tenant }), 30_000).catch((err: Error) => {
    const last = runtime!.lines.filter((l) => l['msg'] === 'reconcile failed' && l['controller'] === 'tenant').at(-1);
    throw new Error(`${err.message}; last failure: ${String(last?.['err'] ?? 'none')}`);
  });
  assert.ok(cr.metadata.finalizers?.includes(FINALIZER), 'finalizer added');
  for (const ref of tenantChildren()) {
    const child = await waitFor(describe(ref), () => getObj(ref), 10_000);
    assert.is(child.metadata.annotations?.[OWNER_KEY_ANNOTATION], `tenants.e2e.orkestra.io:${tenant}`, `${describe(ref)}: owner key`);
    const owner = child.metadata.ownerReferences?.find((o) => o.kind === 'Tenant');
    assert.is(owner?.uid, cr.metadata.uid, `${describe(ref)}: owned by the Tenant`);
    assert.is(owner?.controller, true);
  }
  kubectlOk(['delete', 'tenant', tenant, '--wait=false']);
  await waitFor('the Tenant to be gone', () => (kubectl(['get', 'tenant', tenant]).status !== 0 ? true : undefined), 30_000, 500);
  for (const ref of tenantChildren()) {
    await waitFor(`${describe(ref)} to be collected`, () => (getObj(ref) === undefined ? true : undefined), 90_000, 500);
  }
});

test('the runtime stops on SIGTERM with exit 0 and made no forbidden request', async () => {
  const r = runtime!;
  runtime = undefined;
  const code = await stopRuntime(r);
  assert.is(code, 0, `exit code; stderr: ${r.stderr.join('')}`);
  assert.ok(said(r, 'became leader'));
  const stopped = r.lines.find((l) => l['msg'] === 'runtime stopped');
  assert.ok(stopped, `no "runtime stopped" line; last lines: ${JSON.stringify(r.lines.slice(-5))}`);
  assert.is(stopped!['forbidden'], 0);
});

test.run();
