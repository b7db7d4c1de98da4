import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseConfig } from './config.ts';

const test = suite('parseConfig');

test('defaults apply; ORKESTRA_URLS is split, trimmed and loses trailing slashes', () => {
  assert.equal(parseConfig({ ORKESTRA_URLS: ' http://orkestra-runtime:8080/ , https://other.example/orkestra,' }), {
    type: 'ok',
    config: {
      logLevel: 'info', port: 8081, host: '0.0.0.0',
      runtimeUrls: ['http://orkestra-runtime:8080', 'https://other.example/orkestra'],
      refreshMs: 10_000, requestTimeoutMs: 5_000, tokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token',
    },
  });
});

test('values are read and converted; a bare number is seconds', () => {
  const r = parseConfig({ ORKESTRA_URLS: 'http://a:8080', ORK_PORT: '0', ORK_HOST: '127.0.0.1', LOG_LEVEL: 'DEBUG', REFRESH_INTERVAL: '1m', REQUEST_TIMEOUT: '2' });
  assert.equal(r.type === 'ok' && [r.config.port, r.config.host, r.config.logLevel, r.config.refreshMs, r.config.requestTimeoutMs], [0, '127.0.0.1', 'debug', 60_000, 2_000]);
});

const bad: [Record<string, string>, RegExp][] = [
  [{}, /^ORKESTRA_URLS: must list at least one runtime URL/],
  [{ ORKESTRA_URLS: ' , ' }, /^ORKESTRA_URLS: must list at least one runtime URL/],
  [{ ORKESTRA_URLS: 'orkestra-runtime:8080' }, /^ORKESTRA_URLS: "orkestra-runtime:8080" is not a URL/],
  [{ ORKESTRA_URLS: 'ftp://a' }, /^ORKESTRA_URLS: "ftp:\/\/a" must be an http:\/\/ or https:\/\/ URL$/],
  [{ ORKESTRA_URLS: 'http://u:p@a:8080' }, /^ORKESTRA_URLS: "http:\/\/u:p@a:8080" must not carry credentials/],
  [{ ORKESTRA_URLS: 'http://a:8080?x=1' }, /must not have a query or fragment$/],
  [{ ORKESTRA_URLS: 'http://a:8080,http://a:8080/' }, /^ORKESTRA_URLS: "http:\/\/a:8080" is listed twice$/],
  [{ ORKESTRA_URLS: 'http://a', REFRESH_INTERVAL: 'often' }, /^REFRESH_INTERVAL: must be a duration/],
  [{ ORKESTRA_URLS: 'http://a', REFRESH_INTERVAL: '10ms' }, /^REFRESH_INTERVAL: must be at least 100ms$/],
  [{ ORKESTRA_URLS: 'http://a', REQUEST_TIMEOUT: '0s' }, /^REQUEST_TIMEOUT: must be at least 100ms$/],
  [{ ORKESTRA_URLS: 'http://a', ORK_PORT: '99999' }, /^ORK_PORT: must be at most 65535$/],
  [{ ORKESTRA_URLS: 'http://a', LOG_LEVEL: 'loud' }, /^LOG_LEVEL: must be one of/],
];
for (const [env, message] of bad) {
  test(`refuses ${JSON.stringify(env)} in one line`, () => {
    const r = parseConfig(env);
    assert.is(r.type, 'error');
    if (r.type === 'error') {
      assert.match(r.message, message);
      assert.not.match(r.message, /\n/);
    }
  });
}

test.run();
