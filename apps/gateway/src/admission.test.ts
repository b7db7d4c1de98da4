import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fakeLogger } from '@orkestra/lib/testing';
import { DELETION_PROTECTION_PATH, NAMESPACE_PROTECTION_PATH, planGatewayPolicy } from '@orkestra/lib/gateway';
import { admissionHandlers } from './admission.ts';
import { gatewayKatalog } from './gateway.test-support.ts';

const test = suite('admission handlers');
const review = (labels: Record<string, string>) => JSON.stringify({
  apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
  request: {
    uid: 'u1', kind: { group: '', version: 'v1', kind: 'ConfigMap' }, resource: { group: '', version: 'v1', resource: 'configmaps' },
    operation: 'DELETE', name: 'web', namespace: 'team-a', userInfo: { username: 'alice' }, oldObject: { metadata: { name: 'web', labels } },
  },
});

test('denies a labelled delete, logs one line naming rule and user, and counts it', () => {
  const log = fakeLogger();
  const seen: string[] = [];
  const { handlers, stats } = admissionHandlers(planGatewayPolicy(gatewayKatalog(), 'orkestra-system'), log, { decision: (w, a, r) => seen.push(`${w}:${a}:${r}`) });
  const a = handlers[DELETION_PROTECTION_PATH]!(review({ 'orkestra.io/deletion-protection': 'true' }));
  assert.is(a.httpStatus, 200);
  assert.is(a.type === 'decided' && a.body.response.allowed, false);
  const b = handlers[DELETION_PROTECTION_PATH]!(review({}));
  assert.is(b.type === 'decided' && b.body.response.allowed, true);
  assert.equal(seen, ['deletion-protection:false:protection-label', 'deletion-protection:true:none']);
  assert.is(stats['deletion-protection'].blocked, 1);
  assert.is(stats['deletion-protection'].allowed, 1);
  const denied = log.lines.filter((l) => l.msg === 'admission denied');
  assert.is(denied.length, 1);
  assert.equal([denied[0]!.fields['rule'], denied[0]!.fields['user'], denied[0]!.fields['name']], ['protection-label', 'alice', 'web']);
});

test('a malformed body gets a 400 and one log line', () => {
  const log = fakeLogger();
  const { handlers, stats } = admissionHandlers(planGatewayPolicy(gatewayKatalog(), 'orkestra-system'), log);
  const a = handlers[NAMESPACE_PROTECTION_PATH]!('{"kind": "AdmissionReview"');
  assert.is(a.httpStatus, 400);
  assert.is(stats['namespace-protection'].rejected, 1);
  assert.equal(log.lines.map((l) => l.msg), ['admission review rejected']);
});

test.run();
