import { KubeConfig } from '@kubernetes/client-node';
import type { RequestOptions } from 'node:https';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { authOptions, authReuseMs } from './auth-options.ts';

const test = suite('auth options: applied once, or per request where credentials refresh themselves');

/** A KubeConfig for `user` whose applyToHTTPSOptions is counted; the header carries the call number. */
function counted(user: Record<string, unknown>): { kc: KubeConfig; calls: () => number; fail: (on: boolean) => void } {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: 'https://127.0.0.1:6443', skipTLSVerify: false }],
    users: [{ name: 'u', ...user }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x',
  });
  let calls = 0, failing = false;
  kc.applyToHTTPSOptions = async (opts: RequestOptions) => {
    calls++;
    if (failing) throw new Error('token file unreadable');
    opts.headers = { authorization: `Bearer call-${calls}` };
  };
  return { kc, calls: () => calls, fail: (on) => { failing = on; } };
}

test('reuse: for ever for kubeconfig credentials, 10 s for a token file, never for exec or other providers', () => {
  assert.is(authReuseMs({ name: 'u', token: 't' }), Infinity);
  assert.is(authReuseMs({ name: 'u', certData: 'c', keyData: 'k' }), Infinity);
  assert.is(authReuseMs({ name: 'u', authProvider: { name: 'tokenFile', config: { tokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token' } } }), 10_000);
  assert.is(authReuseMs({ name: 'u', authProvider: { name: 'oidc', config: { 'id-token': 'x' } } }), 0);
  assert.is(authReuseMs({ name: 'u', exec: { command: 'aws', args: ['eks', 'get-token'] } }), 0);
});

test('a static token is applied once for any number of requests', async () => {
  const { kc, calls } = counted({ token: 't' });
  const get = authOptions(kc, () => 0);
  const all = await Promise.all(Array.from({ length: 50 }, () => get()));
  assert.is(calls(), 1);
  assert.ok(all.every((o) => (o.headers as Record<string, string>)['authorization'] === 'Bearer call-1'));
});

test('a token file is applied again once 10 s have passed', async () => {
  let now = 0;
  const { kc, calls } = counted({ authProvider: { name: 'tokenFile', config: { tokenFile: '/tmp/token' } } });
  const get = authOptions(kc, () => now);
  await get();
  now = 9_999;
  await get();
  assert.is(calls(), 1);
  now = 10_000;
  const fresh = await get();
  assert.is(calls(), 2);
  assert.is((fresh.headers as Record<string, string>)['authorization'], 'Bearer call-2');
});

test('exec credentials are applied on every request', async () => {
  const { kc, calls } = counted({ exec: { command: 'get-token', apiVersion: 'client.authentication.k8s.io/v1' } });
  const get = authOptions(kc, () => 0);
  await get();
  await get();
  await get();
  assert.is(calls(), 3);
});

test('a failure is not kept: the next request applies again', async () => {
  let now = 0;
  const { kc, calls, fail } = counted({ authProvider: { name: 'tokenFile', config: { tokenFile: '/tmp/token' } } });
  const get = authOptions(kc, () => now);
  fail(true);
  await get().then(() => assert.unreachable('should fail'), (err: Error) => assert.match(err.message, 'unreadable'));
  fail(false);
  now = 1;
  const ok = await get();
  assert.is(calls(), 2);
  assert.is((ok.headers as Record<string, string>)['authorization'], 'Bearer call-2');
});

test.run();
