// What lib knows about child kinds, checked against a real API server:
// - every builder's object, server-side applied by orkestra-runtime, is in sync by detectDrift
//   (no false drift, so converged children cost no write), and `kubectl scale` by someone else is
//   seen as drift of spec.replicas;
// - lib/src/kube-types/child-types.ts (the field types `.children` reads are checked against) is
//   what scripts/write-child-types.mjs makes of this API server's OpenAPI v3.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildChild, CHILD_KIND_KEYS } from '@orkestra/lib/children';
import { detectDrift, FIELD_MANAGER, projectChild } from '@orkestra/lib/runtime';
import type { KubeObject as ClusterObject } from '@orkestra/lib/ports';
import { controlPlane } from './harness/control-plane.ts';
import { kubectl, kubectlOk } from './harness/kubectl.ts';
import { cleanupNamespaces, freshNamespace } from './harness/namespace.ts';

const test = suite('child kinds: field sets and field types against a real API server');

// One small valid item per kind; names are suffixed so cluster-scoped ones do not collide.
const ITEMS: Record<string, Record<string, unknown>> = {
  deployments: { image: 'nginx:1.27', replicas: 2, port: 80, env: [{ name: 'A', value: '1' }], resources: { requests: { cpu: '0.5', memory: '64Mi' } }, probes: { readiness: { path: '/' } } },
  statefulSets: { image: 'redis:7', replicas: 1, port: 6379, volumeClaimTemplates: [{ name: 'data', storage: '1Gi' }] },
  services: { port: 80, targetPort: 8080 },
  configMaps: { data: { a: '1' } },
  secrets: { stringData: { password: 'p' } },
  serviceAccounts: {},
  jobs: { image: 'busybox:1.36', command: ['echo', 'hi'] },
  cronJobs: { schedule: '*/5 * * * *', image: 'busybox:1.36' },
  ingresses: { host: 'shop.example.com' },
  persistentVolumeClaims: { storage: '1Gi' },
  hpa: { maxReplicas: 3, targetCPUUtilizationPercentage: 80 },
  pdb: {},
  networkPolicies: {},
  roles: { rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] },
  roleBindings: { subjects: [{ kind: 'ServiceAccount', name: 'default' }] },
  namespaces: {},
  clusterRoles: { rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] },
  clusterRoleBindings: { subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'default' }] },
  // Issue 14 part A's kinds.
  pods: { image: 'busybox:1.36', command: ['sleep', '1'], port: 8080 },
  replicaSets: { image: 'nginx:1.27', replicas: 1, port: 80 },
  persistentVolumes: { storage: '1Gi', hostPath: '/tmp/fieldsets' },
  limitRanges: { limits: [{ type: 'Container', default: { cpu: '500m' } }] },
  resourceQuotas: { hard: { pods: '10' } },
};

let ns = '';
test.before(() => {
  ns = freshNamespace('fieldsets');
});
test.after(() => {
  for (const kind of ['namespaces', 'clusterroles', 'clusterrolebindings', 'persistentvolumes']) kubectl(['delete', kind, '-l', 'e2e.orkestra.io/fieldsets=yes', '--wait=false']);
  cleanupNamespaces();
});

function applyAndProject(object: ClusterObject & { apiVersion: string; kind: string }): ReturnType<typeof projectChild> {
  kubectlOk(['apply', '--server-side', '--force-conflicts', '--field-manager', FIELD_MANAGER, '-f', '-'], { input: JSON.stringify(object) });
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
  const ref = group ? `${object.kind}.${version}.${group}` : object.kind;
  const live = JSON.parse(kubectlOk(['get', ref, object.metadata.name, ...(object.metadata.namespace ? ['-n', object.metadata.namespace] : []), '-o', 'json', '--show-managed-fields'])) as ClusterObject;
  return projectChild(live, []);
}

test('every builder: in sync right after our server-side apply (no false drift)', () => {
  const cr = { apiVersion: 'demo.example.com/v1', kind: 'Website', metadata: { name: `fs-${ns.slice(-5)}`, namespace: ns, uid: 'u' } };
  const checked: string[] = [];
  for (const key of CHILD_KIND_KEYS) {
    if (key === 'custom') continue;
    const item = ITEMS[key];
    assert.ok(item, `no item for ${key}`);
    const built = buildChild(key, { ...item, labels: { 'e2e.orkestra.io/fieldsets': 'yes' } }, { cr, clusterScopedCr: false, index: 0 });
    assert.ok(built.ok, `${key}: ${built.ok ? '' : built.error}`);
    if (!built.ok) continue;
    const projected = applyAndProject(built.object as never);
    assert.ok(projected.managed, `${key}: no field set of ours`);
    assert.equal(detectDrift(built.object, projected.managed), { type: 'in-sync' }, key);
    checked.push(key);
  }
  assert.is(checked.length, CHILD_KIND_KEYS.length - 1);
});

test('kubectl scale by someone else is drift of spec.replicas; a re-apply takes it back', () => {
  const cr = { apiVersion: 'demo.example.com/v1', kind: 'Website', metadata: { name: 'scaled', namespace: ns, uid: 'u' } };
  const built = buildChild('deployments', ITEMS['deployments'], { cr, clusterScopedCr: false, index: 0 });
  assert.ok(built.ok);
  if (!built.ok) return;
  applyAndProject(built.object as never);
  kubectlOk(['scale', 'deployment', built.object.metadata.name, '--replicas=5'], { namespace: ns });
  const r = kubectl(['get', 'deployment', built.object.metadata.name, '-o', 'json', '--show-managed-fields'], { namespace: ns });
  assert.equal(detectDrift(built.object, projectChild(JSON.parse(r.stdout) as ClusterObject, []).managed), { type: 'drifted', path: 'spec.replicas' });
  assert.equal(detectDrift(built.object, applyAndProject(built.object as never).managed), { type: 'in-sync' });
});

test('lib/src/kube-types/child-types.ts is what this API server says', () => {
  const cp = controlPlane();
  const r = spawnSync(process.execPath, ['scripts/write-child-types.mjs', '--print'], {
    encoding: 'utf8', env: { ...process.env, KUBECONFIG: cp.kubeconfig, PATH: `${cp.binDir}:${process.env['PATH'] ?? ''}` }, maxBuffer: 16 << 20,
  });
  assert.is(r.status, 0, r.stderr);
  assert.fixture(r.stdout, readFileSync('lib/src/kube-types/child-types.ts', 'utf8'));
});

test.run();
