import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fakeClock } from '@orkestra/lib/testing';
import { bearerTokenFile, TOKEN_REREAD_MS, withRuntimeToken } from './bearer-token.ts';

const test = suite('bearer token file');

test('read once, reused for a minute, then read again (the kubelet rotates it)', () => {
  const clock = fakeClock(0);
  let content = 'token-1\n';
  let reads = 0;
  const token = bearerTokenFile('/t', clock, () => {
    reads++;
    return content;
  });
  assert.is(token(), 'token-1');
  content = 'token-2';
  clock.advance(TOKEN_REREAD_MS - 1);
  assert.is(token(), 'token-1');
  clock.advance(1);
  assert.is(token(), 'token-2');
  assert.is(reads, 2);
});

test('no file (outside a cluster): no token, and no error', () => {
  const token = bearerTokenFile('/nope', fakeClock(0), () => {
    throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  });
  assert.is(token(), undefined);
});

test('the token goes to the configured runtimes only, never to a gateway a runtime names', async () => {
  const sent: [string, Readonly<Record<string, string>>][] = [];
  const get = withRuntimeToken(['http://rt:8080', 'https://other/orkestra'], () => 'tok', async (url, _t, options) => {
    sent.push([url, options?.headers ?? {}]);
  });
  await get('http://rt:8080/katalog/websites/cr', 1000);
  await get('https://other/orkestra/katalog', 1000);
  await get('http://rt:8080.evil.example/katalog', 1000);
  await get('http://orkestra-gateway:8080/katalog', 1000);
  assert.equal(sent.map(([, h]) => h['authorization'] ?? null), ['Bearer tok', 'Bearer tok', null, null]);
});

test.run();
