import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { AdmissionRequest } from './admission-request.ts';
import { decideDeletionProtection, evictionTarget, type PodLookup } from './decide-deletion-protection.ts';
import type { DeletionPolicy } from './gateway-policy.ts';
import { DELETION, obj, PROTECTED, req } from './gateway.test.fixture.ts';

const test = suite('decide-deletion-protection');
const STRICT: DeletionPolicy = { ...DELETION, strictMode: true };
const EXEMPT = { ...PROTECTED, 'orkestra.io/strict-mode-exempt': 'true' };
const ns = { namespace: 'team-a', name: 'web' };

const cases: [name: string, request: AdmissionRequest, policy: DeletionPolicy, allowed: boolean, rule: string][] = [
  ['DELETE of a labelled ConfigMap is denied', req('DELETE', 'configmaps', { ...ns, oldObject: obj('web', PROTECTED) }), DELETION, false, 'protection-label'],
  ['DELETE of an unlabelled ConfigMap is allowed', req('DELETE', 'configmaps', { ...ns, oldObject: obj('web') }), DELETION, true, 'none'],
  ['the label value must be exactly "true"', req('DELETE', 'configmaps', { ...ns, oldObject: obj('web', { 'orkestra.io/deletion-protection': 'True' }) }), DELETION, true, 'none'],
  ['labels are read from oldObject, never from object', req('DELETE', 'configmaps', { ...ns, object: obj('web', PROTECTED), oldObject: obj('web') }), DELETION, true, 'none'],
  ['a labelled Namespace cannot be deleted', req('DELETE', 'namespaces', { name: 'team-a', oldObject: obj('team-a', PROTECTED) }), DELETION, false, 'protection-label'],
  ['the gateway namespace is never blocked', req('DELETE', 'configmaps', { namespace: 'orkestra-system', name: 'x', oldObject: obj('x', PROTECTED) }), DELETION, true, 'gateway-namespace'],
  ['the gateway Namespace object is never blocked', req('DELETE', 'namespaces', { name: 'orkestra-system', oldObject: obj('orkestra-system', PROTECTED) }), DELETION, true, 'gateway-namespace'],
  ['DELETE without oldObject fails closed', req('DELETE', 'configmaps', { ...ns }), DELETION, false, 'missing-old-object'],
  ['a protected CRD of the Katalog cannot be deleted', req('DELETE', 'crds', { name: 'apps.demo.example.com', oldObject: obj('apps.demo.example.com') }), DELETION, false, 'protected-crd'],
  ['another CRD can', req('DELETE', 'crds', { name: 'others.demo.example.com', oldObject: obj('others.demo.example.com') }), DELETION, true, 'none'],
  ['protectCRs denies every CR of the kind, label or not', req('DELETE', 'apps', { ...ns, oldObject: obj('web') }), { ...DELETION, protectedResources: [{ crd: 'app', group: 'demo.example.com', resource: 'apps', kind: 'App', scope: 'Namespaced' }] }, false, 'protected-custom-resource'],
  ['protectCRs denies a collection delete (no name)', req('DELETE', 'apps', { namespace: 'team-a' }), { ...DELETION, protectedResources: [{ crd: 'app', group: 'demo.example.com', resource: 'apps', kind: 'App', scope: 'Namespaced' }] }, false, 'protected-custom-resource'],
  ['CREATE is never decided here', req('CREATE', 'configmaps', { ...ns, object: obj('web', PROTECTED) }), STRICT, true, 'none'],
  ['without strict mode, removing the label is allowed', req('UPDATE', 'configmaps', { ...ns, oldObject: obj('web', PROTECTED), object: obj('web') }), DELETION, true, 'none'],
  ['strict: removing the label is denied', req('UPDATE', 'configmaps', { ...ns, oldObject: obj('web', PROTECTED), object: obj('web') }), STRICT, false, 'strict-mode'],
  ['strict: setting it to "false" is denied', req('UPDATE', 'configmaps', { ...ns, oldObject: obj('web', PROTECTED), object: obj('web', { 'orkestra.io/deletion-protection': 'false' }) }), STRICT, false, 'strict-mode'],
  ['strict: an UPDATE without object counts as removal', req('UPDATE', 'configmaps', { ...ns, oldObject: obj('web', PROTECTED) }), STRICT, false, 'strict-mode'],
  ['strict: adding the exemption label in the same update is not enough', req('UPDATE', 'configmaps', { ...ns, oldObject: obj('web', PROTECTED), object: obj('web', { 'orkestra.io/strict-mode-exempt': 'true' }) }), STRICT, false, 'strict-mode'],
  ['strict: an exempt object may drop protection', req('UPDATE', 'configmaps', { ...ns, oldObject: obj('web', EXEMPT), object: obj('web') }), STRICT, true, 'strict-mode-exempt'],
  ['strict: other updates of a protected object pass', req('UPDATE', 'configmaps', { ...ns, oldObject: obj('web', PROTECTED), object: obj('web', { ...PROTECTED, team: 'a' }) }), STRICT, true, 'none'],
  ['strict: adding protection passes', req('UPDATE', 'configmaps', { ...ns, oldObject: obj('web'), object: obj('web', PROTECTED) }), STRICT, true, 'none'],
  // Issue 12, finding 3: `kubectl patch pod|svc|ns X --subresource=status` removed the label and then the object could be deleted.
  ['strict: removing the label through a Pod\'s status subresource is denied', req('UPDATE', 'pods', { ...ns, subResource: 'status', oldObject: obj('web', PROTECTED), object: obj('web') }), STRICT, false, 'strict-mode'],
  ['strict: … a Service\'s status subresource', req('UPDATE', 'services', { ...ns, subResource: 'status', oldObject: obj('web', PROTECTED), object: obj('web', {}) }), STRICT, false, 'strict-mode'],
  ['strict: … a Namespace\'s status subresource', req('UPDATE', 'namespaces', { name: 'team-a', subResource: 'status', oldObject: obj('team-a', PROTECTED), object: obj('team-a') }), STRICT, false, 'strict-mode'],
  ['strict: … a Namespace\'s finalize subresource', req('UPDATE', 'namespaces', { name: 'team-a', subResource: 'finalize', oldObject: obj('team-a', PROTECTED), object: obj('team-a') }), STRICT, false, 'strict-mode'],
  ['strict: a status update that keeps the label passes', req('UPDATE', 'pods', { ...ns, subResource: 'status', oldObject: obj('web', PROTECTED), object: obj('web', PROTECTED) }), STRICT, true, 'none'],
  ['strict: a subresource object without labels on either side (scale) passes', req('UPDATE', 'deployments', { ...ns, subResource: 'scale', oldObject: obj('web'), object: obj('web') }), STRICT, true, 'none'],
  ['strict: an exempt object may drop protection through status too', req('UPDATE', 'pods', { ...ns, subResource: 'status', oldObject: obj('web', EXEMPT), object: obj('web') }), STRICT, true, 'strict-mode-exempt'],
];

for (const [name, request, policy, allowed, rule] of cases) {
  test(name, () => {
    const d = decideDeletionProtection(request, policy);
    assert.is(d.allowed, allowed);
    assert.is(d.rule, rule);
  });
}

// Issue 12, finding 2: `POST pods/NAME/eviction` removed a labelled Pod; the DELETE webhooks are never called for it.
const eviction = req('CREATE', 'evictions', { ...ns, subResource: 'eviction', object: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'web', namespace: 'team-a' } } });
const found = (labels: Record<string, string>): PodLookup => ({ type: 'found', labels });
const evictionCases: [name: string, policy: DeletionPolicy, pod: PodLookup | undefined, allowed: boolean, rule: string][] = [
  ['evicting a labelled Pod is denied', DELETION, found(PROTECTED), false, 'protection-label'],
  ['evicting an unlabelled Pod is allowed', DELETION, found({ app: 'web' }), true, 'none'],
  ['evicting a Pod that is gone is left to the API server (404)', DELETION, { type: 'not-found' }, true, 'none'],
  ['a Pod that cannot be read: Fail denies', DELETION, { type: 'failed', message: 'no answer in 1000 ms' }, false, 'undecided'],
  ['a Pod that cannot be read: Ignore allows, with a warning', { ...DELETION, failurePolicy: 'Ignore' }, { type: 'failed', message: 'forbidden' }, true, 'undecided'],
  ['no lookup at all fails as the policy says', DELETION, undefined, false, 'undecided'],
];
for (const [name, policy, pod, allowed, rule] of evictionCases) {
  test(`eviction: ${name}`, () => {
    const d = decideDeletionProtection(eviction, policy, pod);
    assert.is(d.allowed, allowed);
    assert.is(d.rule, rule);
  });
}

test('eviction: the Pod to read comes from the request; other requests need no read', () => {
  assert.equal(evictionTarget(eviction), { namespace: 'team-a', name: 'web' });
  assert.is(evictionTarget(req('DELETE', 'pods', { ...ns, oldObject: obj('web', PROTECTED) })), undefined);
  assert.is(evictionTarget(req('UPDATE', 'pods', { ...ns, subResource: 'status' })), undefined);
  assert.is(evictionTarget(req('CREATE', 'pods', { ...ns, subResource: 'binding' })), undefined);
});

test('eviction: the denial says what, why and how to unlock; an undecided one says why and retries', () => {
  const d = decideDeletionProtection(eviction, DELETION, found(PROTECTED));
  assert.equal(d, {
    allowed: false, rule: 'protection-label', warnings: [],
    status: { code: 403, reason: 'Forbidden', message: 'evicting Pod "web" in namespace "team-a" is denied by deletion protection: it carries the label orkestra.io/deletion-protection: "true". To unlock: kubectl label pod web -n team-a orkestra.io/deletion-protection-' },
  });
  const u = decideDeletionProtection(eviction, DELETION, { type: 'failed', message: 'no answer in 1000 ms' });
  assert.equal(u, {
    allowed: false, rule: 'undecided', warnings: [], auditAnnotations: { undecided: 'lookup-failed' },
    status: { code: 429, reason: 'TooManyRequests', message: 'deletion protection could not check this request: cannot read Pod "web" in namespace "team-a" to check its orkestra.io/deletion-protection label (no answer in 1000 ms); denied because its failurePolicy is Fail. Retry in a moment.' },
  });
  const i = decideDeletionProtection(eviction, { ...DELETION, failurePolicy: 'Ignore' }, { type: 'failed', message: 'forbidden' });
  assert.equal(i.warnings, ['deletion protection did not check this request: cannot read Pod "web" in namespace "team-a" to check its orkestra.io/deletion-protection label (forbidden); allowed because its failurePolicy is Ignore']);
});

test('a Namespace is named without a namespace, though the API server sets request.namespace to its name', () => {
  const d = decideDeletionProtection(req('UPDATE', 'namespaces', { name: 'team-a', namespace: 'team-a', subResource: 'status', oldObject: obj('team-a', PROTECTED), object: obj('team-a') }), STRICT);
  assert.ok(!d.allowed && d.status.message.startsWith('removing the label orkestra.io/deletion-protection from Namespace "team-a" through its status subresource'), JSON.stringify(d));
  assert.ok(!d.allowed && d.status.message.includes('kubectl label namespaces team-a orkestra.io/strict-mode-exempt=true,'), JSON.stringify(d));
});

test('strict: a denial through a subresource names it', () => {
  const d = decideDeletionProtection(req('UPDATE', 'services', { ...ns, subResource: 'status', oldObject: obj('web', PROTECTED), object: obj('web') }), STRICT);
  assert.ok(!d.allowed && d.status.message.startsWith('removing the label orkestra.io/deletion-protection from Service "web" in namespace "team-a" through its status subresource is denied by strict mode'), JSON.stringify(d));
});

test('a label denial names the object, the rule and the kubectl command that unlocks it', () => {
  const d = decideDeletionProtection(req('DELETE', 'deployments', { ...ns, oldObject: obj('web', PROTECTED) }), DELETION);
  assert.equal(d, {
    allowed: false, rule: 'protection-label', warnings: [],
    status: { code: 403, reason: 'Forbidden', message: 'deleting Deployment "web" in namespace "team-a" is denied by deletion protection: it carries the label orkestra.io/deletion-protection: "true". To unlock: kubectl label deployments.apps web -n team-a orkestra.io/deletion-protection-' },
  });
});

test('in strict mode the unlock recipe starts with the exemption label', () => {
  const d = decideDeletionProtection(req('DELETE', 'configmaps', { ...ns, oldObject: obj('web', PROTECTED) }), STRICT);
  assert.ok(!d.allowed && d.status.message.endsWith('To unlock: kubectl label configmaps web -n team-a orkestra.io/strict-mode-exempt=true, then kubectl label configmaps web -n team-a orkestra.io/deletion-protection-'));
});

test('the namespace controller is told why its namespace stays Terminating', () => {
  const d = decideDeletionProtection(req('DELETE', 'configmaps', { ...ns, oldObject: obj('web', PROTECTED), userInfo: { username: 'system:serviceaccount:kube-system:namespace-controller' } }), DELETION);
  assert.ok(!d.allowed && d.status.message.includes('stays Terminating until this object is unlocked'));
});

test('an exempt removal warns', () => {
  const d = decideDeletionProtection(req('UPDATE', 'configmaps', { ...ns, oldObject: obj('web', EXEMPT), object: obj('web') }), STRICT);
  assert.equal(d.warnings, ['deletion protection of ConfigMap "web" in namespace "team-a" was removed (it carries orkestra.io/strict-mode-exempt: "true")']);
});

test.run();
