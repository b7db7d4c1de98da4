import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { peekReviewUid } from './peek-review-uid.ts';

const test = suite('peek-review-uid');

// The API server's field order: kind, apiVersion, request{uid, kind, resource, ...}, then the objects.
const goOrder = '{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"705ab4f5-6393-11e8","kind":{"group":"","version":"v1","kind":"ConfigMap"},"object":{"data":{"a":"' + 'x'.repeat(1000);

const cases: [name: string, prefix: string, uid: string | undefined][] = [
  ['the API server\'s order, cut inside the object', goOrder, '705ab4f5-6393-11e8'],
  ['uid after other request fields and nested values', '{"request":{"kind":{"a":[1,{"b":"}"}]},"name":"x\\"y","dryRun":false,"n":12.5e3,"uid":"u-2"', 'u-2'],
  ['request after an envelope value with brackets in strings', '{"apiVersion":"a{[","kind":"K","request":{"uid":"u-3"}}', 'u-3'],
  ['whitespace everywhere', ' { "request" : { "uid" : "u\\u0034" } } ', 'u4'],
  ['cut before the uid ends', '{"request":{"uid":"u-', undefined],
  ['cut inside an earlier value', '{"request":{"kind":{"group":"', undefined],
  ['uid not a string', '{"request":{"uid":7}}', undefined],
  ['empty uid', '{"request":{"uid":""}}', undefined],
  ['request not an object', '{"request":"uid","x":{"uid":"no"}}', undefined],
  ['uid outside request', '{"uid":"top","request":{}}', undefined],
  ['not JSON', 'hello', undefined],
  ['an array', '[{"request":{"uid":"u"}}]', undefined],
  ['empty', '', undefined],
];
for (const [name, prefix, uid] of cases) test(name, () => assert.is(peekReviewUid(prefix), uid));

test.run();
