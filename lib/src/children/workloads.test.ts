import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildChild } from './build-child.ts';
import { CASES, CTX, at, fails, managed } from './child-cases.test.fixture.ts';
import type { ChildKindKey } from './kind-meta.ts';
import type { BuildContext, KubeObject } from './kube-object.ts';

const test = suite('deployments and statefulSets');

function ok(key: ChildKindKey, item: unknown, ctx: BuildContext = CTX): KubeObject {
  const r = buildChild(key, item, ctx);
  if (!r.ok) throw new Error(r.error);
  return r.object;
}
const pods = { 'app.kubernetes.io/name': 'website', 'orkestra.orkspace.io/owner': 'shop' };

test('a minimal deployment is exactly this object', () => {
  const selector = { ...pods, 'orkestra.orkspace.io/workload': 'shop-deployment' };
  assert.equal(ok('deployments', { image: 'nginx:1.27' }), {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'shop-deployment', namespace: 'team-a', labels: managed },
    spec: {
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: { 'app.kubernetes.io/managed-by': 'orkestra', ...selector } },
        spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
      },
    },
  });
});

test('the full deployment container and pod spec are exactly these', () => {
  const spec = at(ok('deployments', CASES.deployments.full), 'spec.template.spec') as Record<string, unknown>;
  assert.equal(spec['containers'], [{
    name: 'nginx',
    image: 'nginx:1.27',
    imagePullPolicy: 'IfNotPresent',
    command: ['nginx'],
    args: ['-g', 'daemon off;'],
    workingDir: '/srv',
    ports: [{ containerPort: 8080, protocol: 'TCP' }],
    envFrom: [{ configMapRef: { name: 'settings' } }],
    env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } }],
    resources: { limits: { cpu: '1', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
    volumeMounts: [{ name: 'data', mountPath: '/data' }],
    livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 5, periodSeconds: 10 },
    readinessProbe: { tcpSocket: { port: 8080 }, successThreshold: 2 },
    startupProbe: { exec: { command: ['true'] }, failureThreshold: 30 },
    securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false },
  }]);
  assert.equal(Object.keys(spec), ['serviceAccountName', 'imagePullSecrets', 'nodeSelector', 'affinity', 'tolerations', 'securityContext', 'containers', 'volumes']);
  assert.equal(spec['imagePullSecrets'], [{ name: 'regcred' }, { name: 'mirror' }]);
  assert.equal(spec['securityContext'], { fsGroup: 2000 });
});

test('pod labels carry item labels, but the selector labels always win', () => {
  const o = ok('deployments', { image: 'x', labels: { tier: 'web', 'orkestra.orkspace.io/owner': 'evil', 'app.kubernetes.io/name': 'other' } });
  assert.equal(at(o, 'spec.template.metadata.labels'), {
    'app.kubernetes.io/managed-by': 'orkestra', 'app.kubernetes.io/name': 'website',
    'orkestra.orkspace.io/owner': 'shop', 'orkestra.orkspace.io/workload': 'shop-deployment', tier: 'web',
  });
  assert.is(o.metadata.labels?.['orkestra.orkspace.io/owner'], 'shop');
});

test('two deployments of one CR never share a selector', () => {
  const a = at(ok('deployments', { image: 'x' }), 'spec.selector.matchLabels');
  const b = at(ok('deployments', { image: 'x' }, { ...CTX, index: 1 }), 'spec.selector.matchLabels');
  assert.not.equal(a, b);
});

test('replicas is left out when unset or rendered empty, so an HPA can own it', () => {
  assert.is(at(ok('deployments', { image: 'x' }), 'spec.replicas'), undefined);
  assert.is(at(ok('deployments', { image: 'x', replicas: '' }), 'spec.replicas'), undefined);
  assert.is(at(ok('deployments', { image: 'x', replicas: 0 }), 'spec.replicas'), 0);
  fails(buildChild('deployments', { image: 'x', replicas: -1 }, CTX), 'replicas', 'at least 0');
  fails(buildChild('deployments', { image: 'x', replicas: 2.5 }, CTX), 'replicas', 'expected an integer');
});

test('image is required, also when it renders empty', () => {
  fails(buildChild('deployments', {}, CTX), 'image', 'is required');
  fails(buildChild('deployments', { image: '' }, CTX), 'image', 'is required');
  fails(buildChild('deployments', { image: { repo: 'x' } }, CTX), 'image', 'expected a string');
});

test('probes default to the container port and check their own fields', () => {
  assert.equal(at(ok('deployments', { image: 'x', port: '9000', probes: { readiness: { path: '/ready' } } }), 'spec.template.spec.containers[0].readinessProbe'),
    { httpGet: { path: '/ready', port: 9000 } });
  assert.equal(at(ok('deployments', { image: 'x', probes: { liveness: { port: 'http', scheme: 'https' } } }), 'spec.template.spec.containers[0].livenessProbe'),
    { tcpSocket: { port: 'http' } });
  fails(buildChild('deployments', { image: 'x', probes: { liveness: { path: '/' } } }, CTX), 'probes.liveness.port', 'is required when the item has no port');
  fails(buildChild('deployments', { image: 'x', port: 80, probes: { liveness: { successThreshold: 2 } } }, CTX), 'probes.liveness.successThreshold', 'must be 1');
  fails(buildChild('deployments', { image: 'x', probes: { startup: { type: 'exec' } } }, CTX), 'probes.startup.command', 'is required');
  fails(buildChild('deployments', { image: 'x', port: 80, probes: { readiness: { type: 'udp' } } }, CTX), 'probes.readiness.type', 'must be one of');
});

test('env must be the Kubernetes list; values are stringified', () => {
  fails(buildChild('deployments', { image: 'x', env: { A: '1' } }, CTX), 'env', 'not a map');
  assert.equal(at(ok('deployments', { image: 'x', env: [{ name: 'N', value: 3 }, { name: 'B', value: true }, { name: 'E', value: '' }] }), 'spec.template.spec.containers[0].env'),
    [{ name: 'N', value: '3' }, { name: 'B', value: 'true' }, { name: 'E', value: '' }]);
  fails(buildChild('deployments', { image: 'x', env: [{ name: 'A', value: '1', valueFrom: { fieldRef: { fieldPath: 'x' } } }] }, CTX), 'env[0].valueFrom', 'cannot be combined');
  fails(buildChild('deployments', { image: 'x', env: [{ value: '1' }] }, CTX), 'env[0].name', 'is required');
});

test('resources must be quantities', () => {
  fails(buildChild('deployments', { image: 'x', resources: { limits: { cpu: 'lots' } } }, CTX), 'resources.limits.cpu', 'not a quantity');
  assert.is(at(ok('deployments', { image: 'x', resources: {} }), 'spec.template.spec.containers[0].resources'), undefined);
});

test('a name too long for a pod label is refused with the field named', () => {
  fails(buildChild('deployments', { image: 'x', name: 'a'.repeat(64) }, CTX), 'name', 'pod label value');
});

test('a statefulSet defaults serviceName to the CR Service and expands claim shorthands', () => {
  const o = ok('statefulSets', { image: 'pg', volumeClaimTemplates: [{ name: 'data', storage: '5Gi' }] });
  assert.is(at(o, 'spec.serviceName'), 'shop-svc');
  assert.equal(at(o, 'spec.volumeClaimTemplates'), [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } } }]);
  assert.equal(at(o, 'spec.selector.matchLabels'), { ...pods, 'orkestra.orkspace.io/workload': 'shop-statefulset' });
  const raw = ok('statefulSets', CASES.statefulSets.full);
  assert.equal(at(raw, 'spec.volumeClaimTemplates[1]'), { metadata: { name: 'logs' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
  fails(buildChild('statefulSets', { image: 'pg', volumeClaimTemplates: [{ storage: '1Gi' }] }, CTX), 'volumeClaimTemplates[0].name', 'is required');
});

test.run();
