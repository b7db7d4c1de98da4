import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { AdmissionRequest } from './admission-request.ts';
import { decideNamespaceProtection, isSystemIdentity } from './decide-namespace-protection.ts';
import type { NamespacePolicy } from './gateway-policy.ts';
import { NAMESPACES, obj, req } from './gateway.test.fixture.ts';

const test = suite('decide-namespace-protection');
const ALLOWED: NamespacePolicy = { ...NAMESPACES, allowedNamespaces: ['team-a', 'team-b'] };
const WRITES: NamespacePolicy = { ...NAMESPACES, protectWrites: true };
const user = (username: string, groups: string[] = []) => ({ userInfo: { username, groups } });

const cases: [name: string, request: AdmissionRequest, policy: NamespacePolicy, allowed: boolean, rule: string][] = [
  ['kube-system cannot be deleted', req('DELETE', 'namespaces', { name: 'kube-system' }), NAMESPACES, false, 'restricted-namespace-delete'],
  ['a Katalog-restricted namespace cannot be deleted', req('DELETE', 'namespaces', { name: 'prod' }), NAMESPACES, false, 'restricted-namespace-delete'],
  ['other namespaces can', req('DELETE', 'namespaces', { name: 'team-a' }), NAMESPACES, true, 'none'],
  ['the gateway namespace is never blocked', req('DELETE', 'namespaces', { name: 'orkestra-system' }), { ...NAMESPACES, restrictedNamespaces: [...NAMESPACES.restrictedNamespaces, 'orkestra-system'] }, true, 'gateway-namespace'],
  ['a CR cannot be created in a restricted namespace', req('CREATE', 'apps', { namespace: 'prod', name: 'x', object: obj('x') }), NAMESPACES, false, 'restricted-namespace-create'],
  ['a CR can be created elsewhere when no list is allowed', req('CREATE', 'apps', { namespace: 'team-c', name: 'x', object: obj('x') }), NAMESPACES, true, 'none'],
  ['a CR outside allowedNamespaces is denied', req('CREATE', 'apps', { namespace: 'team-c', name: 'x', object: obj('x') }), ALLOWED, false, 'namespace-not-allowed'],
  ['a CR inside allowedNamespaces is allowed', req('CREATE', 'apps', { namespace: 'team-b', name: 'x', object: obj('x') }), ALLOWED, true, 'none'],
  ['restricted wins over allowed', req('CREATE', 'apps', { namespace: 'kube-system', name: 'x', object: obj('x') }), ALLOWED, false, 'restricted-namespace-create'],
  ['CRs in the gateway namespace are never blocked', req('CREATE', 'apps', { namespace: 'orkestra-system', name: 'x', object: obj('x') }), ALLOWED, true, 'gateway-namespace'],
  ['updates of existing CRs are not placement', req('UPDATE', 'apps', { namespace: 'team-c', name: 'x', object: obj('x'), oldObject: obj('x') }), ALLOWED, true, 'none'],
  ['other kinds are not placed', req('CREATE', 'configmaps', { namespace: 'prod', name: 'x', object: obj('x') }), NAMESPACES, true, 'none'],
  ['protectWrites off: users write in restricted namespaces', req('CREATE', 'configmaps', { namespace: 'kube-system', name: 'x', object: obj('x') }), NAMESPACES, true, 'none'],
  ['protectWrites: a user write in kube-system is denied', req('CREATE', 'configmaps', { namespace: 'kube-system', name: 'x', object: obj('x') }), WRITES, false, 'restricted-namespace-write'],
  ['protectWrites: cluster-admins (system:masters) are users too', req('DELETE', 'configmaps', { namespace: 'prod', name: 'x', oldObject: obj('x'), ...user('kubernetes-admin', ['system:masters']) }), WRITES, false, 'restricted-namespace-write'],
  ['protectWrites: the controller manager is exempt', req('UPDATE', 'configmaps', { namespace: 'kube-system', name: 'x', ...user('system:kube-controller-manager') }), WRITES, true, 'system-identity'],
  ['protectWrites: nodes are exempt', req('UPDATE', 'configmaps', { namespace: 'kube-node-lease', name: 'n1', ...user('system:node:n1', ['system:nodes']) }), WRITES, true, 'system-identity'],
  ['protectWrites: kube-system service accounts are exempt', req('CREATE', 'configmaps', { namespace: 'prod', name: 'x', ...user('system:serviceaccount:kube-system:replicaset-controller') }), WRITES, true, 'system-identity'],
  ['protectWrites: a service account of another namespace is not', req('CREATE', 'configmaps', { namespace: 'prod', name: 'x', ...user('system:serviceaccount:team-a:deployer') }), WRITES, false, 'restricted-namespace-write'],
  ['protectWrites: unrestricted namespaces are untouched', req('CREATE', 'configmaps', { namespace: 'team-a', name: 'x' }), WRITES, true, 'none'],
];

for (const [name, request, policy, allowed, rule] of cases) {
  test(name, () => {
    const d = decideNamespaceProtection(request, policy);
    assert.is(d.allowed, allowed);
    assert.is(d.rule, rule);
  });
}

const messages: [string, AdmissionRequest, NamespacePolicy, string][] = [
  ['built-in namespaces cannot be unlocked', req('DELETE', 'namespaces', { name: 'kube-system' }), NAMESPACES,
    'deleting Namespace "kube-system" is denied by namespace protection: it is a restricted namespace (built in: always restricted). It cannot be unlocked.'],
  ['Katalog-restricted namespaces say where they come from', req('DELETE', 'namespaces', { name: 'prod' }), NAMESPACES,
    'deleting Namespace "prod" is denied by namespace protection: it is a restricted namespace (security.namespaceProtection.restrictedNamespaces of Katalog "test"). To unlock, remove "prod" from security.namespaceProtection.restrictedNamespaces of Katalog "test" and restart the gateway.'],
  ['allowed namespaces are listed', req('CREATE', 'apps', { namespace: 'team-c', name: 'x' }), ALLOWED,
    'creating App "x" in namespace "team-c" is denied by namespace protection: App objects of Katalog "test" may only be created in "team-a", "team-b" (security.namespaceProtection.allowedNamespaces). Create it there, or add "team-c" to allowedNamespaces and restart the gateway.'],
];
for (const [name, request, policy, message] of messages) {
  test(`message: ${name}`, () => {
    const d = decideNamespaceProtection(request, policy);
    assert.ok(!d.allowed);
    if (!d.allowed) assert.is(d.status.message, message);
  });
}

test('isSystemIdentity: the request namespace\'s own service accounts are exempt', () => {
  assert.ok(isSystemIdentity(req('CREATE', 'configmaps', { namespace: 'prod', ...user('system:serviceaccount:prod:operator') }), NAMESPACES));
  assert.not.ok(isSystemIdentity(req('CREATE', 'configmaps', { namespace: 'prod', ...user('system:serviceaccounts') }), NAMESPACES));
  assert.not.ok(isSystemIdentity(req('CREATE', 'configmaps', { namespace: 'prod', userInfo: {} }), NAMESPACES));
});

test.run();
