import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fakeLogger } from '@orkestra/lib/testing';
import { DELETION_PROTECTION_PATH, NAMESPACE_PROTECTION_PATH, planGatewayPolicy, type PodLookup } from '@orkestra/lib/gateway';
import { admissionHandlers, type AdmissionRoute } from './admission.ts';
import { gatewayKatalog } from './gateway.test-support.ts';

const test = suite('admission handlers');
const review = (labels: Record<string, string>) => ({
  apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
  request: {
    uid: 'u1', kind: { group: '', version: 'v1', kind: 'ConfigMap' }, resource: { group: '', version: 'v1', resource: 'configmaps' },
    operation: 'DELETE', name: 'web', namespace: 'team-a', userInfo: { username: 'alice' }, oldObject: { metadata: { name: 'web', labels } },
  },
});
const eviction = {
  apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
  request: {
    uid: 'u-ev', kind: { group: 'policy', version: 'v1', kind: 'Eviction' }, resource: { group: '', version: 'v1', resource: 'pods' }, subResource: 'eviction',
    operation: 'CREATE', name: 'web-0', namespace: 'team-a', userInfo: { username: 'system:serviceaccount:kube-system:drainer' }, object: { metadata: { name: 'web-0', namespace: 'team-a' } },
  },
};
const json = (value: unknown) => ({ type: 'json' as const, value });
const sync = (route: AdmissionRoute, value: unknown) => {
  const a = route.answer(json(value));
  if (a instanceof Promise) throw new Error('expected a synchronous answer');
  return a;
};

test('denies a labelled delete, logs one line naming rule and user, and counts it', () => {
  const log = fakeLogger();
  const seen: string[] = [];
  const { routes, stats } = admissionHandlers(planGatewayPolicy(gatewayKatalog(), 'orkestra-system'), log, { decision: (w, a, r) => seen.push(`${w}:${a}:${r}`) });
  const a = sync(routes[DELETION_PROTECTION_PATH]!, review({ 'orkestra.io/deletion-protection': 'true' }));
  assert.is(a.httpStatus, 200);
  assert.is(a.type === 'decided' && a.body.response.allowed, false);
  const b = sync(routes[DELETION_PROTECTION_PATH]!, review({}));
  assert.is(b.type === 'decided' && b.body.response.allowed, true);
  assert.equal(seen, ['deletion-protection:false:protection-label', 'deletion-protection:true:none']);
  assert.is(stats['deletion-protection'].blocked, 1);
  assert.is(stats['deletion-protection'].allowed, 1);
  const denied = log.lines.filter((l) => l.msg === 'admission denied');
  assert.is(denied.length, 1);
  assert.equal([denied[0]!.fields['rule'], denied[0]!.fields['user'], denied[0]!.fields['name']], ['protection-label', 'alice', 'web']);
  // The allowed one is there too, at debug only.
  assert.equal(log.lines.filter((l) => l.msg === 'admission allowed').map((l) => [l.level, l.fields['rule'], l.fields['namespace']]), [['debug', 'none', 'team-a']]);
});

test('a malformed body gets a 400 and one log line', () => {
  const log = fakeLogger();
  const { routes, stats } = admissionHandlers(planGatewayPolicy(gatewayKatalog(), 'orkestra-system'), log);
  const a = sync(routes[NAMESPACE_PROTECTION_PATH]!, { kind: 'AdmissionReview' });
  assert.is(a.httpStatus, 400);
  const b = routes[NAMESPACE_PROTECTION_PATH]!.answer({ type: 'unreadable', message: 'body is not valid JSON' });
  assert.is(!(b instanceof Promise) && b.httpStatus, 400);
  assert.is(stats['namespace-protection'].rejected, 2);
  assert.equal(log.lines.map((l) => l.msg), ['admission review rejected', 'admission review rejected']);
});

test('an eviction is decided on the Pod read by name; the read happens for evictions only', async () => {
  const reads: string[] = [];
  const pods: Record<string, PodLookup> = { 'team-a/web-0': { type: 'found', labels: { 'orkestra.io/deletion-protection': 'true' } } };
  const { routes, stats } = admissionHandlers(planGatewayPolicy(gatewayKatalog(), 'orkestra-system'), fakeLogger(), undefined, async (ns, name) => {
    reads.push(`${ns}/${name}`);
    return pods[`${ns}/${name}`] ?? { type: 'not-found' };
  });
  const a = await routes[DELETION_PROTECTION_PATH]!.answer(json(eviction));
  assert.is(a.type === 'decided' && a.decision.rule, 'protection-label');
  assert.is(a.type === 'decided' && a.body.response.allowed, false);
  sync(routes[DELETION_PROTECTION_PATH]!, review({}));
  assert.equal(reads, ['team-a/web-0']);
  assert.is(stats['deletion-protection'].blocked, 1);
});

test('undecided answers (server budget, failed reads) follow failurePolicy, are logged and counted, never silent', async () => {
  const log = fakeLogger();
  const undecided: string[] = [];
  const { routes, stats } = admissionHandlers(planGatewayPolicy(gatewayKatalog(), 'orkestra-system'), log, { decision: () => undefined, undecided: (w, r) => undecided.push(`${w}:${r}`) },
    async () => ({ type: 'failed', message: 'no answer from the API server in 1000 ms' }));
  const budget = routes[DELETION_PROTECTION_PATH]!.undecided('u-9', 'budget');
  assert.is(budget.type === 'undecided' && budget.body.response.allowed, false, 'the fixture Katalog fails closed');
  const unknown = routes[NAMESPACE_PROTECTION_PATH]!.undecided(undefined, 'busy');
  assert.is(unknown.httpStatus, 503);
  const read = await routes[DELETION_PROTECTION_PATH]!.answer(json(eviction));
  assert.is(read.type === 'decided' && read.decision.rule, 'undecided');
  assert.equal(undecided, ['deletion-protection:budget', 'namespace-protection:busy', 'deletion-protection:lookup-failed']);
  assert.is(stats['deletion-protection'].undecided, 2);
  assert.equal(log.lines.filter((l) => l.msg === 'admission undecided').map((l) => [l.fields['reason'], l.fields['answer']]),
    [['budget', 'denied'], ['busy', 'HTTP 503'], ['lookup-failed', 'denied']]);
});

test.run();
