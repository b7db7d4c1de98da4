import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseConfig } from './config.ts';

const test = suite('parseConfig');

test('defaults apply when nothing is set', () => {
  assert.equal(parseConfig({}), {
    type: 'ok',
    config: {
      logLevel: 'info', namespace: 'orkestra-system', port: 8080, host: '0.0.0.0', webhookPort: 8443, webhookHost: '0.0.0.0',
      serviceName: 'orkestra-gateway', servicePort: 8443, clusterDomain: 'cluster.local', inCluster: false,
      housekeeperIntervalMs: 30_000, housekeeperPaused: false, admissionFromEnv: false, conversionWindow: 100,
    },
  });
});

test('values are read and converted; ORK_NAMESPACE wins over POD_NAMESPACE; empty means unset', () => {
  const r = parseConfig({
    LOG_LEVEL: 'DEBUG', POD_NAMESPACE: 'pod-ns', ORK_WEBHOOK_PORT: '0', ORK_PORT: '0', HOUSEKEEPER_SYNC_INTERVAL: '1m30s',
    HOUSEKEEPER_PAUSED: 'yes', ORK_WEBHOOK_URL: 'https://127.0.0.1:9443/', TLS_CERT: '/c.pem', TLS_KEY: '/k.pem', KATALOG_PATH: '',
    KUBERNETES_SERVICE_HOST: '10.0.0.1', CONVERSION_WINDOW: '1',
  });
  assert.is(r.type, 'ok');
  if (r.type !== 'ok') return;
  assert.is(r.config.logLevel, 'debug');
  assert.is(r.config.namespace, 'pod-ns');
  assert.is(r.config.webhookPort, 0);
  assert.is(r.config.housekeeperIntervalMs, 90_000);
  assert.is(r.config.housekeeperPaused, true);
  assert.is(r.config.webhookUrl, 'https://127.0.0.1:9443');
  assert.equal(r.config.providedCert, { certFile: '/c.pem', keyFile: '/k.pem' });
  assert.is(r.config.katalogPath, undefined);
  assert.is(r.config.inCluster, true);
  assert.is(r.config.conversionWindow, 1);
  const both = parseConfig({ ORK_NAMESPACE: 'ops', POD_NAMESPACE: 'pod-ns' });
  assert.is(both.type === 'ok' && both.config.namespace, 'ops');
});

const bad: [Record<string, string>, RegExp][] = [
  [{ ORK_WEBHOOK_PORT: '70000' }, /^ORK_WEBHOOK_PORT: must be at most 65535$/],
  [{ ORK_PORT: 'http' }, /^ORK_PORT: must be a whole number$/],
  [{ HOUSEKEEPER_SYNC_INTERVAL: 'soon' }, /^HOUSEKEEPER_SYNC_INTERVAL: must be a duration/],
  [{ HOUSEKEEPER_SYNC_INTERVAL: '10ms' }, /^HOUSEKEEPER_SYNC_INTERVAL: must be at least 100ms$/],
  [{ HOUSEKEEPER_PAUSED: 'maybe' }, /^HOUSEKEEPER_PAUSED: must be true or false$/],
  [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: must be one of/],
  [{ CONVERSION_WINDOW: '0' }, /^CONVERSION_WINDOW: must be at least 1$/],
  [{ CONVERSION_WINDOW: '100001' }, /^CONVERSION_WINDOW: must be at most 100000$/],
  [{ ORK_NAMESPACE: 'Bad_NS' }, /^ORK_NAMESPACE: must be a DNS label/],
  [{ ORK_WEBHOOK_URL: 'http://127.0.0.1:8443' }, /^ORK_WEBHOOK_URL: must be an https:\/\/ URL/],
  [{ TLS_CERT: '/c.pem' }, /^TLS_KEY: must be set together with TLS_CERT/],
  [{ TLS_KEY: '/k.pem' }, /^TLS_CERT: must be set together with TLS_KEY/],
  [{ TLS_CA: '/ca.pem' }, /^TLS_CA: only used with TLS_CERT and TLS_KEY$/],
  [{ ORK_WEBHOOK_CLIENT_NAMES: 'kube-apiserver' }, /^ORK_WEBHOOK_CLIENT_NAMES: only used with ORK_WEBHOOK_CLIENT_CA/],
];

test('client certificates: the CA file and the names, trimmed; none by default', () => {
  const r = parseConfig({ ORK_WEBHOOK_CLIENT_CA: '/etc/orkestra/client-ca/ca.crt', ORK_WEBHOOK_CLIENT_NAMES: ' kube-apiserver , apiserver-webhook-client,' });
  assert.equal(r.type === 'ok' && r.config.clientAuth, { caFile: '/etc/orkestra/client-ca/ca.crt', allowedNames: ['kube-apiserver', 'apiserver-webhook-client'] });
  const none = parseConfig({});
  assert.is(none.type === 'ok' && none.config.clientAuth, undefined);
});
for (const [env, message] of bad) {
  test(`rejects ${JSON.stringify(env)} in one line`, () => {
    const r = parseConfig(env);
    assert.is(r.type, 'error');
    if (r.type === 'error') {
      assert.match(r.message, message);
      assert.not.match(r.message, /\n/);
    }
  });
}

test.run();
