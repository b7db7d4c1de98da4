import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { collectionPath, objectPath, query } from './kube-paths.ts';
import { statusError } from './kube-transport.ts';

const test = suite('kube paths and errors');
const cm = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
const crd = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', namespaced: false };
const widgets = { group: 'example.orkspace.io', version: 'v1alpha1', resource: 'widgets', namespaced: true };

test('paths: core and named groups, namespaced, all namespaces, cluster-scoped, subresources', () => {
  assert.is(collectionPath(cm, 'a'), '/api/v1/namespaces/a/configmaps');
  assert.is(collectionPath(cm, undefined), '/api/v1/configmaps');
  assert.is(objectPath(widgets, 'team-a', 'w1', 'status'), '/apis/example.orkspace.io/v1alpha1/namespaces/team-a/widgets/w1/status');
  assert.is(objectPath(crd, undefined, 'widgets.example.orkspace.io'), '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.orkspace.io');
  assert.is(objectPath(cm, 'a', 'we/ird'), '/api/v1/namespaces/a/configmaps/we%2Fird');
});

test('query keeps defined values only and encodes them', () => {
  assert.is(query({}), '');
  assert.is(query({ a: undefined, b: '' }), '');
  assert.is(query({ labelSelector: 'app=web,tier!=db', limit: 500, watch: true }), '?labelSelector=app%3Dweb%2Ctier%21%3Ddb&limit=500&watch=true');
});

const cases: [number, string, string][] = [
  [404, 'not-found', 'NotFound'], [409, 'conflict', 'AlreadyExists'], [401, 'forbidden', 'Unauthorized'], [403, 'forbidden', 'Forbidden'],
  [410, 'gone', 'Expired'], [422, 'invalid', 'Invalid'], [400, 'invalid', 'BadRequest'], [415, 'invalid', 'UnsupportedMediaType'],
  [429, 'unavailable', 'TooManyRequests'], [500, 'unavailable', 'InternalError'], [503, 'unavailable', 'ServiceUnavailable'], [504, 'unavailable', 'Timeout'],
];
for (const [status, type, reason] of cases) {
  test(`HTTP ${status} ${reason} → ${type}`, () => {
    const e = statusError(status, JSON.stringify({ kind: 'Status', status: 'Failure', message: `m${status}`, reason, code: status }));
    assert.equal(e, { type, status, message: `m${status}`, reason });
  });
}

test('a body that is not a Status keeps its text as the message', () => {
  assert.equal(statusError(502, '<html>bad gateway</html>'), { type: 'unavailable', status: 502, message: '<html>bad gateway</html>' });
  assert.equal(statusError(500, ''), { type: 'unavailable', status: 500, message: 'HTTP 500' });
});

test.run();
