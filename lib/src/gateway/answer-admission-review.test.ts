import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allow } from './admission-decision.ts';
import { ADMISSION_BUDGET } from './admission-budget.ts';
import { answerParsedReview, answerUndecided, answerUnreadable } from './answer-admission-review.ts';

const test = suite('answer-admission-review');

// Issue 12, finding 1: a review that cannot be decided in time is answered by failurePolicy, out loud.
test('undecided with Fail: denied with 429 (retry), the reason in the message and the audit annotation', () => {
  const a = answerUndecided('u-1', 'budget', 'Fail', 'deletion protection', ADMISSION_BUDGET);
  assert.is(a.httpStatus, 200);
  assert.equal(a.type === 'undecided' && a.body, {
    apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
    response: {
      uid: 'u-1', allowed: false, auditAnnotations: { undecided: 'budget' },
      status: { code: 429, reason: 'TooManyRequests', message: 'deletion protection could not check this request: the gateway did not decide within 2000 ms (it is overloaded); denied because its failurePolicy is Fail. Retry in a moment.' },
    },
  });
});

test('undecided with Ignore: allowed, never silently (a warning to the caller and the audit annotation)', () => {
  const a = answerUndecided('u-2', 'busy', 'Ignore', 'namespace protection', ADMISSION_BUDGET);
  assert.equal(a.type === 'undecided' && a.body.response, {
    uid: 'u-2', allowed: true, auditAnnotations: { undecided: 'busy' },
    warnings: ['namespace protection did not check this request: the gateway is busy reading other large reviews (28 MiB in flight); allowed because its failurePolicy is Ignore'],
  });
});

test('undecided without a uid: an HTTP error, and the API server applies failurePolicy', () => {
  assert.equal(answerUndecided(undefined, 'too-large', 'Fail', 'deletion protection', ADMISSION_BUDGET), {
    type: 'unanswerable', httpStatus: 413, reason: 'too-large', body: { error: 'body-too-large', message: 'the review is larger than 7 MiB' },
  });
  assert.is(answerUndecided(undefined, 'budget', 'Ignore', 'deletion protection', ADMISSION_BUDGET).httpStatus, 503);
});

test('a parsed body is read like text; an unreadable one is a 400 with its reason', () => {
  const body = { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'u', kind: { group: '', version: 'v1', kind: 'Pod' }, resource: { group: '', version: 'v1', resource: 'pods' }, operation: 'DELETE', userInfo: {} } };
  const a = answerParsedReview(body, () => allow('none'));
  assert.is(a.type, 'decided');
  assert.equal(answerUnreadable('body is not valid JSON').body, { error: 'invalid AdmissionReview', problems: [{ path: '', message: 'body is not valid JSON' }] });
});

test('the budget answers well inside the webhook timeout', () => {
  assert.ok(ADMISSION_BUDGET.answerWithinMs <= 2_500);
  assert.ok(ADMISSION_BUDGET.inlineBodyBytes < ADMISSION_BUDGET.maxBodyBytes);
  assert.is(ADMISSION_BUDGET.maxBodyBytes, 7 * 1024 * 1024);
});

test.run();
