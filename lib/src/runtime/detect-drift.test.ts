// The field sets below were read from kube-apiserver v1.37 (`kubectl get -o json
// --show-managed-fields`) after a server-side apply of DESIRED by orkestra-runtime, then after
// `kubectl scale` and `kubectl edit` by someone else: the API server moved the changed fields out
// of our set. e2e/src/drift-field-sets.test.ts checks every builder against a live API server.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detectDrift } from './detect-drift.ts';

const test = suite('detect-drift');

const DESIRED = {
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: { name: 'web-deployment', namespace: 'default', labels: { 'app.kubernetes.io/managed-by': 'orkestra', 'orkestra.orkspace.io/owner': 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
    template: {
      metadata: { labels: { 'app.kubernetes.io/managed-by': 'orkestra', 'app.kubernetes.io/name': 'web', 'orkestra.orkspace.io/owner': 'web', 'orkestra.orkspace.io/workload': 'web-deployment' } },
      spec: { containers: [{
        name: 'app', image: 'nginx:1.27', command: ['nginx', '-g'],
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        env: [{ name: 'A', value: '1' }],
        // The API server stores 500m: values are never compared, only ownership.
        resources: { requests: { cpu: '0.5', memory: '64Mi' } },
        readinessProbe: { httpGet: { path: '/', port: 80 } },
      }] },
    },
  },
};

const APPLIED = '{"f:metadata":{"f:labels":{"f:app.kubernetes.io/managed-by":{},"f:orkestra.orkspace.io/owner":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app.kubernetes.io/managed-by":{},"f:app.kubernetes.io/name":{},"f:orkestra.orkspace.io/owner":{},"f:orkestra.orkspace.io/workload":{}}},"f:spec":{"f:containers":{"k:{\\"name\\":\\"app\\"}":{".":{},"f:command":{},"f:env":{"k:{\\"name\\":\\"A\\"}":{".":{},"f:name":{},"f:value":{}}},"f:image":{},"f:name":{},"f:ports":{"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{},"f:protocol":{}}},"f:readinessProbe":{"f:httpGet":{"f:path":{},"f:port":{}}},"f:resources":{"f:requests":{"f:cpu":{},"f:memory":{}}}}}}}}}';
const AFTER_SCALE = APPLIED.replace('"f:replicas":{},', '');
const AFTER_EDIT = AFTER_SCALE.replace('"f:image":{},', '');

test('in sync right after our apply: normalised values (cpu 0.5 stored as 500m) do not count', () => {
  assert.equal(detectDrift(DESIRED, APPLIED), { type: 'in-sync' });
});

test('kubectl scale took spec.replicas', () => {
  assert.equal(detectDrift(DESIRED, AFTER_SCALE), { type: 'drifted', path: 'spec.replicas' });
});

test('kubectl edit of the image took the container image', () => {
  const noReplicas = { ...DESIRED, spec: { ...DESIRED.spec, replicas: undefined } };
  assert.equal(detectDrift(noReplicas, AFTER_EDIT), { type: 'drifted', path: 'spec.template.spec.containers[0].image' });
});

test('an atomic map (selector) is one empty node covering everything below it', () => {
  const more = { ...DESIRED, spec: { ...DESIRED.spec, selector: { matchLabels: { a: 'b', c: 'd' } } } };
  assert.equal(detectDrift(more, APPLIED), { type: 'in-sync' });
});

test('a list element of ours that is gone, or a new one, is drift; a port keyed with a defaulted protocol matches', () => {
  const env2 = clone(DESIRED);
  env2.spec.template.spec.containers[0]!.env.push({ name: 'B', value: '2' });
  assert.equal(detectDrift(env2, APPLIED), { type: 'drifted', path: 'spec.template.spec.containers[0].env[1]' });
  const noProtocol = clone(DESIRED) as { spec: { template: { spec: { containers: { ports: Record<string, unknown>[] }[] } } } };
  noProtocol.spec.template.spec.containers[0]!.ports = [{ containerPort: 80 }];
  assert.equal(detectDrift(noProtocol as never, APPLIED), { type: 'in-sync' });
});

test('sets hold scalars by value', () => {
  const set = '{"f:metadata":{"f:finalizers":{"v:\\"a\\"":{}}}}';
  assert.equal(detectDrift({ metadata: { name: 'x', finalizers: ['a'] } }, set), { type: 'in-sync' });
  assert.equal(detectDrift({ metadata: { name: 'x', finalizers: ['a', 'b'] } }, set), { type: 'drifted', path: 'metadata.finalizers[1]' });
});

test('no field set of ours, or an unreadable one, is drift; identity and status are never looked for', () => {
  assert.is(detectDrift(DESIRED, undefined).type, 'drifted');
  assert.is(detectDrift(DESIRED, '{').type, 'drifted');
  assert.equal(detectDrift({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'y' }, status: { a: 1 } }, '{}'), { type: 'in-sync' });
});

test('empty maps and lists we set need no node (the API server may keep none); null fields are not ours', () => {
  assert.equal(detectDrift({ metadata: { name: 'x', labels: {} }, data: { a: null }, spec: { list: [] } }, '{}'), { type: 'in-sync' });
});

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

test.run();
