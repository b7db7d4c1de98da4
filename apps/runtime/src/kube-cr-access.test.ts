import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Cluster } from '@orkestra/lib/ports';
import { fakeClock } from '@orkestra/lib/testing';
import { ACCESS_CACHE, kubeCrAccess } from './kube-cr-access.ts';

const test = suite('kubeCrAccess');

function apiServer() {
  const sent: { resource: string; spec: Record<string, unknown> }[] = [];
  const create: Cluster['create'] = async (resource, object) => {
    const spec = (object as unknown as { spec: Record<string, unknown> }).spec;
    sent.push({ resource: resource.resource, spec });
    if (resource.resource === 'tokenreviews') {
      const ok = spec['token'] === 'good';
      return { ok: true, value: { ...object, status: ok ? { authenticated: true, user: { username: 'system:serviceaccount:orkestra-system:orkestra-cc', uid: 'u1', groups: ['system:serviceaccounts'] } } : { authenticated: false, error: 'invalid bearer token' } } as never };
    }
    const attrs = spec['resourceAttributes'] as { verb: string };
    return { ok: true, value: { ...object, status: { allowed: attrs.verb === 'get' } } as never };
  };
  return { sent, create };
}

test('a TokenReview names the caller; a SubjectAccessReview asks with its user, groups and uid', async () => {
  const server = apiServer();
  const access = kubeCrAccess(server, fakeClock(0));
  const who = await access.authenticate('good');
  assert.is(who.type, 'caller');
  if (who.type !== 'caller') return;
  assert.is(await access.allowed(who.caller, { verb: 'get', group: 'demo.io', resource: 'websites', namespace: 'a', name: 'site' }), true);
  assert.is(await access.allowed(who.caller, { verb: 'list', group: 'demo.io', resource: 'websites' }), false);
  assert.equal(server.sent[1], {
    resource: 'subjectaccessreviews',
    spec: { user: 'system:serviceaccount:orkestra-system:orkestra-cc', groups: ['system:serviceaccounts'], uid: 'u1', resourceAttributes: { verb: 'get', group: 'demo.io', resource: 'websites', namespace: 'a', name: 'site' } },
  });
  assert.equal(await access.authenticate('bad'), { type: 'invalid', message: 'invalid bearer token' });
});

test('answers are reused until they expire: accepted ones longer than refused ones', async () => {
  const server = apiServer();
  const clock = fakeClock(0);
  const access = kubeCrAccess(server, clock);
  await access.authenticate('good');
  await access.authenticate('bad');
  await access.authenticate('good');
  await access.authenticate('bad');
  assert.is(server.sent.length, 2);
  clock.advance(ACCESS_CACHE.refusedMs + 1);
  await access.authenticate('good');
  await access.authenticate('bad');
  assert.is(server.sent.length, 3, 'only the refused token is asked again');
});

test('an API server error is "unavailable", never an allow', async () => {
  const access = kubeCrAccess({ create: async () => ({ ok: false, error: { type: 'unavailable', message: 'connection refused' } }) }, fakeClock(0));
  assert.equal(await access.authenticate('good'), { type: 'unavailable', message: 'connection refused' });
  assert.is(await access.allowed({ username: 'u', groups: [] }, { verb: 'get', group: 'g', resource: 'r' }), 'unavailable');
});

test.run();
