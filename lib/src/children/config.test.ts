import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildChild } from './build-child.ts';
import { CASES, CTX, at, fails, managed, ok } from './child-cases.test.fixture.ts';

const test = suite('configMaps, secrets, serviceAccounts and persistentVolumeClaims');


test('a configMap is exactly this object, data keys sorted', () => {
  assert.equal(ok('configMaps', { data: { b: '2', a: '1' } }), {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'shop-config', namespace: 'team-a', labels: managed },
    data: { a: '1', b: '2' },
  });
  assert.equal(Object.keys(at(ok('configMaps', { data: { b: '2', a: '1' } }), 'data') as object), ['a', 'b']);
});

test('a configMap without data has no data field', () => {
  assert.is('data' in ok('configMaps', { data: {} }), false);
});

test('a secret base64-encodes data and stringData into data only', () => {
  assert.equal(ok('secrets', CASES.secrets.full), {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 'creds', namespace: 'team-a',
      labels: { ...managed, tier: 'web' },
      annotations: { 'example.com/note': 'hello' },
    },
    type: 'Opaque',
    data: { password: 'czNjcmV0', user: 'YWRtaW4=' },
  });
});

test('stringData wins over data on a shared key, as in Kubernetes', () => {
  assert.equal(at(ok('secrets', { data: { k: 'old' }, stringData: { k: 'new' } }), 'data'), { k: 'bmV3' });
});

test('a secret keeps its type and checks its keys', () => {
  assert.is(at(ok('secrets', { type: 'kubernetes.io/basic-auth', stringData: { username: 'u', password: 'p' } }), 'type'), 'kubernetes.io/basic-auth');
  fails(buildChild('secrets', { stringData: { 'a/b': 'x' } }, CTX), 'stringData.a/b', 'not a valid data key');
});

test('a serviceAccount is exactly this object', () => {
  assert.equal(ok('serviceAccounts', { automountServiceAccountToken: 'false', imagePullSecrets: [{ name: 'regcred' }] }), {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'shop-sa', namespace: 'team-a', labels: managed },
    automountServiceAccountToken: false,
    imagePullSecrets: [{ name: 'regcred' }],
  });
  fails(buildChild('serviceAccounts', { imagePullSecrets: [{ secret: 'x' }] }, CTX), 'imagePullSecrets[0]', 'secret name');
});

test('a persistentVolumeClaim is exactly this object', () => {
  assert.equal(ok('persistentVolumeClaims', { storage: '1Gi' }), {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'shop-pvc', namespace: 'team-a', labels: managed },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  });
});

test('persistentVolumeClaim fields are checked', () => {
  fails(buildChild('persistentVolumeClaims', {}, CTX), 'storage', 'is required');
  fails(buildChild('persistentVolumeClaims', { storage: '1Gi', accessModes: ['ReadWriteSometimes'] }, CTX), 'accessModes[0]', 'must be one of');
  fails(buildChild('persistentVolumeClaims', { storage: '1Gi', volumeMode: 'Raw' }, CTX), 'volumeMode', 'Filesystem, Block');
  assert.is(at(ok('persistentVolumeClaims', { storage: 5 }), 'spec.resources.requests.storage'), '5');
});

test.run();
