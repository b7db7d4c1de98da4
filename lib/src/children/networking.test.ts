import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as v from 'valibot';
import { buildChild } from './build-child.ts';
import { CASES, CTX, at, fails, managed } from './child-cases.test.fixture.ts';
import { serviceItemSchema } from './build-service.ts';
import type { ChildKindKey } from './kind-meta.ts';
import type { BuildContext, KubeObject } from './kube-object.ts';

const test = suite('services, ingresses and networkPolicies');

function ok(key: ChildKindKey, item: unknown, ctx: BuildContext = CTX): KubeObject {
  const r = buildChild(key, item, ctx);
  if (!r.ok) throw new Error(r.error);
  return r.object;
}
const pods = { 'app.kubernetes.io/name': 'website', 'orkestra.orkspace.io/owner': 'shop' };

test('a minimal service is exactly this object and selects the CR pods', () => {
  assert.equal(ok('services', {}), {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'shop-svc', namespace: 'team-a', labels: managed },
    spec: { type: 'ClusterIP', selector: pods, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] },
  });
});

test('the service selector matches the deployment pod labels', () => {
  const podLabels = at(ok('deployments', { image: 'x' }), 'spec.template.metadata.labels') as Record<string, string>;
  const selector = at(ok('services', {}), 'spec.selector') as Record<string, string>;
  for (const [k, val] of Object.entries(selector)) assert.is(podLabels[k], val, k);
});

test('headless services have clusterIP None and must be ClusterIP', () => {
  assert.is(at(ok('services', { headless: 'true' }), 'spec.clusterIP'), 'None');
  assert.is(at(ok('services', { headless: false }), 'spec.clusterIP'), undefined);
  fails(buildChild('services', { headless: true, type: 'NodePort' }, CTX), 'headless', 'ClusterIP');
});

test('the full ports list is normalised and needs names for several ports', () => {
  assert.equal(at(ok('services', { ports: [{ name: 'http', port: '80', targetPort: 'web' }, { name: 'metrics', port: 9090, protocol: 'TCP' }] }), 'spec.ports'), [
    { name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' },
    { name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' },
  ]);
  fails(buildChild('services', { ports: [{ port: 80 }, { port: 81 }] }, CTX), 'ports[0].name', 'several ports');
  fails(buildChild('services', { ports: [{ targetPort: 80 }] }, CTX), 'ports[0].port', 'is required');
  fails(buildChild('services', { ports: [{ port: 80 }], port: 81 }, CTX), 'port', 'cannot be combined');
});

test('the schema reports ports with port as conflicting fields (ORK1111)', () => {
  const r = v.safeParse(serviceItemSchema, { ports: [{ port: 80 }], port: 81 });
  assert.is(r.success, false);
  assert.equal(r.issues?.map((i) => [i.path?.map((p) => p.key).join('.'), i.message.split('|')[0]]), [['ports', 'ORK1111']]);
});

test('service ports and names are checked', () => {
  fails(buildChild('services', { nodePort: 30000 }, CTX), 'nodePort', 'NodePort or LoadBalancer');
  fails(buildChild('services', { port: 70000 }, CTX), 'port', 'at most 65535');
  fails(buildChild('services', { targetPort: 'not a name' }, CTX), 'targetPort', 'port name');
  const digitCr: BuildContext = { ...CTX, cr: { ...CTX.cr, metadata: { name: '1shop', namespace: 'team-a' } } };
  fails(buildChild('services', {}, digitCr), 'name', 'DNS-1035');
});

test('a minimal ingress routes / to the CR service on port 80', () => {
  assert.equal(ok('ingresses', {}), {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'shop-ingress', namespace: 'team-a', labels: managed },
    spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'shop-svc', port: { number: 80 } } } }] } }] },
  });
});

test('ingress tls covers the host by default; named service ports are kept', () => {
  const o = ok('ingresses', CASES.ingresses.full);
  assert.equal(at(o, 'spec.tls'), [{ hosts: ['shop.example.com'], secretName: 'web-tls' }]);
  assert.is(at(o, 'spec.ingressClassName'), 'nginx');
  assert.equal(at(ok('ingresses', { servicePort: 'http' }), 'spec.rules[0].http.paths[0].backend.service.port'), { name: 'http' });
  fails(buildChild('ingresses', { servicePort: 0 }, CTX), 'servicePort', 'between 1 and 65535');
});

test('a minimal networkPolicy restricts ingress to the CR pods', () => {
  assert.equal(ok('networkPolicies', {}), {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'shop-netpol', namespace: 'team-a', labels: managed },
    spec: { podSelector: { matchLabels: pods }, policyTypes: ['Ingress'] },
  });
});

test('networkPolicy selectors: {} selects all, shorthand maps become matchLabels', () => {
  assert.equal(at(ok('networkPolicies', { podSelector: {} }), 'spec.podSelector'), {});
  assert.equal(at(ok('networkPolicies', { podSelector: { app: 'web' } }), 'spec.podSelector'), { matchLabels: { app: 'web' } });
  const full = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] };
  assert.equal(at(ok('networkPolicies', { podSelector: full }), 'spec.podSelector'), full);
  fails(buildChild('networkPolicies', { podSelector: { matchLabels: { app: 'web' }, other: 'x' } }, CTX), 'podSelector.other', 'not a label selector field');
});

test('egress: [] adds Egress to the policy types and denies all egress', () => {
  const spec = at(ok('networkPolicies', { egress: [] }), 'spec') as Record<string, unknown>;
  assert.equal(spec['policyTypes'], ['Ingress', 'Egress']);
  assert.is('egress' in spec, false);
  assert.equal(at(ok('networkPolicies', { policyTypes: ['Egress', 'Egress'] }), 'spec.policyTypes'), ['Egress']);
});

test.run();
