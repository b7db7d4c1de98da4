import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAdmissionReview, readAdmissionReview } from './admission-request.ts';
import { allow, deny, renderAdmissionResponse, renderRequestProblems } from './admission-decision.ts';
import { answerAdmissionReview } from './answer-admission-review.ts';

const test = suite('admission-request');

const REQUEST = {
  uid: 'abc', kind: { group: '', version: 'v1', kind: 'ConfigMap' }, resource: { group: '', version: 'v1', resource: 'configmaps' },
  requestKind: { group: '', version: 'v1', kind: 'ConfigMap' }, name: 'web', namespace: 'team-a', operation: 'DELETE',
  userInfo: { username: 'alice', groups: ['system:authenticated'], extra: { scopes: ['a'] } },
  object: null, oldObject: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web', labels: { a: 'b' } }, data: { k: 'v' } },
  dryRun: false, options: { apiVersion: 'meta.k8s.io/v1', kind: 'DeleteOptions' },
};
const review = (request: unknown) => ({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request });

test('a full review parses, and extra fields are tolerated', () => {
  const r = parseAdmissionReview({ ...review(REQUEST), extra: 1 });
  assert.is(r.type, 'ok');
  if (r.type === 'ok') {
    assert.is(r.request.uid, 'abc');
    assert.equal(r.request.oldObject?.metadata?.labels, { a: 'b' });
    assert.equal((r.request.oldObject as Record<string, unknown>)['data'], { k: 'v' }, 'objects keep every field');
  }
});

const bad: [string, unknown, { path: string; message: string }[]][] = [
  ['not an object', 'x', [{ path: '', message: 'expected Object, got "x"' }]],
  ['v1beta1 is not accepted', { ...review(REQUEST), apiVersion: 'admission.k8s.io/v1beta1' }, [{ path: 'apiVersion', message: 'expected "admission.k8s.io/v1", got "admission.k8s.io/v1beta1"' }]],
  ['no request', { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }, [{ path: 'request', message: 'missing' }]],
  ['missing uid and userInfo', review({ ...REQUEST, uid: undefined, userInfo: undefined }), [{ path: 'request.uid', message: 'missing' }, { path: 'request.userInfo', message: 'missing' }]],
  ['empty uid', review({ ...REQUEST, uid: '' }), [{ path: 'request.uid', message: 'must not be empty' }]],
  ['unknown operation', review({ ...REQUEST, operation: 'PATCH' }), [{ path: 'request.operation', message: 'expected ("CREATE" | "UPDATE" | "DELETE" | "CONNECT"), got "PATCH"' }]],
  ['labels must be strings', review({ ...REQUEST, oldObject: { metadata: { labels: { a: 1 } } } }), [{ path: 'request.oldObject.metadata.labels.a', message: 'expected string, got 1' }]],
  ['groups must be a list of strings', review({ ...REQUEST, userInfo: { groups: 'admins' } }), [{ path: 'request.userInfo.groups', message: 'expected Array, got "admins"' }]],
];
for (const [name, body, problems] of bad) {
  test(`invalid: ${name}`, () => assert.equal(parseAdmissionReview(body), { type: 'invalid', problems }));
}

test('readAdmissionReview: JSON syntax, then the schema (the size was counted on the stream)', () => {
  const text = JSON.stringify(review(REQUEST));
  assert.is(readAdmissionReview(text).type, 'ok');
  assert.equal(readAdmissionReview('{"apiVersion":'), { type: 'invalid', problems: [{ path: '', message: 'body is not valid JSON' }] });
});

test('responses echo the uid; denials carry a 403 status; empty warnings are left out', () => {
  assert.equal(renderAdmissionResponse('u1', allow('none')), { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: 'u1', allowed: true } });
  assert.equal(renderAdmissionResponse('u2', deny('strict-mode', 'no', ['w'])), {
    apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
    response: { uid: 'u2', allowed: false, status: { code: 403, reason: 'Forbidden', message: 'no' }, warnings: ['w'] },
  });
  assert.equal(renderRequestProblems([{ path: 'x', message: 'y' }]), { error: 'invalid AdmissionReview', problems: [{ path: 'x', message: 'y' }] });
});

test('answerAdmissionReview: 200 with the decision, 400 with the problems, the decision function never sees a bad body', () => {
  let calls = 0;
  const decide = () => { calls++; return deny('protection-label', 'no'); };
  const ok = answerAdmissionReview(JSON.stringify(review(REQUEST)), decide);
  assert.is(ok.httpStatus, 200);
  assert.equal(ok.type === 'decided' && ok.body.response, { uid: 'abc', allowed: false, status: { code: 403, reason: 'Forbidden', message: 'no' } });
  const bad = answerAdmissionReview('[]', decide);
  assert.equal(bad, { type: 'invalid', httpStatus: 400, body: { error: 'invalid AdmissionReview', problems: [{ path: '', message: 'expected Object, got Array' }] }, problems: [{ path: '', message: 'expected Object, got Array' }] });
  assert.is(calls, 1);
});

test.run();
