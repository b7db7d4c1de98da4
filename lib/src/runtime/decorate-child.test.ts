import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { canOwnIn, decorateChild } from './decorate-child.ts';
import { fingerprint } from './fingerprint.ts';
import { APPLIED_HASH_ANNOTATION, OWNER_KEY_ANNOTATION } from './names.ts';

const test = suite('decorate-child');

const ownership: [crNs: string | undefined, childNs: string | undefined, owns: boolean][] = [
  ['team-a', 'team-a', true],
  ['team-a', 'shared', false],
  ['team-a', undefined, false],
  [undefined, 'team-a', true],
  [undefined, undefined, true],
];
for (const [crNs, childNs, owns] of ownership) {
  test(`CR in ${crNs ?? '(cluster)'} ${owns ? 'owns' : 'cannot own'} a child in ${childNs ?? '(cluster)'}`, () => assert.is(canOwnIn(crNs, childNs), owns));
}

const child = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'team-a', annotations: { mine: 'x' } }, data: { a: 'b' } };
const owner = (uid: string, namespace?: string) => ({ apiVersion: 'demo.io/v1', kind: 'Website', metadata: { name: 'web', uid, ...(namespace ? { namespace } : {}) } });

test('the hash covers the owner reference and annotations, and is the last annotation added', () => {
  const a = decorateChild(child, owner('u1', 'team-a'), 'websites.demo.io:team-a/web');
  const b = decorateChild(child, owner('u2', 'team-a'), 'websites.demo.io:team-a/web');
  assert.is.not(a.fingerprint, b.fingerprint);
  assert.equal(a.object.metadata.annotations, { mine: 'x', [OWNER_KEY_ANNOTATION]: 'websites.demo.io:team-a/web', [APPLIED_HASH_ANNOTATION]: a.fingerprint });
  const { [APPLIED_HASH_ANNOTATION]: _hash, ...rest } = a.object.metadata.annotations!;
  assert.is(fingerprint({ ...a.object, metadata: { ...a.object.metadata, annotations: rest } }), a.fingerprint);
});

test('a cluster-scoped CR puts an owner reference on a namespaced child; the input is not mutated', () => {
  const d = decorateChild(child, owner('u1'), 'websites.demo.io:web');
  assert.equal(d.object.metadata['ownerReferences'], [{ apiVersion: 'demo.io/v1', kind: 'Website', name: 'web', uid: 'u1', controller: true, blockOwnerDeletion: true }]);
  assert.equal(child.metadata.annotations, { mine: 'x' });
});

test.run();
