import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseConfig } from './config.ts';

const test = suite('parseConfig');

test('defaults apply when nothing is set', () => {
  const r = parseConfig({});
  assert.equal(r, {
    type: 'ok',
    config: {
      logLevel: 'info', defaultWorkers: 2, defaultResyncMs: 30_000, queueMaxDepth: 500, failureThreshold: 10, reconcileCpuBudgetMs: 1_000, env: 'production',
      leaderElection: true, leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 5_000,
      serverReadTimeoutMs: 15_000, serverWriteTimeoutMs: 15_000, namespace: 'orkestra-system', port: 8080, host: '0.0.0.0',
    },
  });
});

test('RECONCILE_CPU_BUDGET is a duration above zero (issue 12)', () => {
  const r = parseConfig({ RECONCILE_CPU_BUDGET: '250ms' });
  assert.is(r.type === 'ok' && r.config.reconcileCpuBudgetMs, 250);
  const bad = parseConfig({ RECONCILE_CPU_BUDGET: '0' });
  assert.is(bad.type, 'error');
  if (bad.type === 'error') assert.match(bad.message, /RECONCILE_CPU_BUDGET/);
});

test('values are read, trimmed and converted; empty means unset', () => {
  const r = parseConfig({
    LOG_LEVEL: 'DEBUG', DEFAULT_WORKERS: ' 4 ', DEFAULT_RESYNC: '1m30s', LEADER_ELECTION: 'false', KATALOG_PATH: '/etc/k.yaml',
    ORK_GATEWAY_ENDPOINT: 'https://gw:8443', ORK_NAMESPACE: 'ops', ORK_PORT: '9090', ORK_HOST: '127.0.0.1', QUEUE_MAX_DEPTH: '', LEASE_DURATION: '30s',
  });
  assert.is(r.type, 'ok');
  if (r.type !== 'ok') return;
  assert.is(r.config.logLevel, 'debug');
  assert.is(r.config.defaultWorkers, 4);
  assert.is(r.config.defaultResyncMs, 90_000);
  assert.is(r.config.leaderElection, false);
  assert.is(r.config.katalogPath, '/etc/k.yaml');
  assert.is(r.config.gatewayEndpoint, 'https://gw:8443');
  assert.is(r.config.namespace, 'ops');
  assert.is(r.config.port, 9090);
  assert.is(r.config.host, '127.0.0.1');
  // 0 asks the OS for a free port, so two runtimes can share a test machine.
  assert.is((parseConfig({ ORK_PORT: '0' }) as { config: { port: number } }).config.port, 0);
  assert.is(r.config.queueMaxDepth, 500);
  assert.is(r.config.leaseDurationMs, 30_000);
});

const bad: [Record<string, string>, string][] = [
  [{ DEFAULT_WORKERS: 'two' }, 'DEFAULT_WORKERS: must be a whole number'],
  [{ DEFAULT_WORKERS: '0' }, 'DEFAULT_WORKERS: must be at least 1'],
  [{ DEFAULT_RESYNC: 'soon' }, 'DEFAULT_RESYNC: must be a duration such as 30s, 1m or 500ms (a bare number means seconds)'],
  [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: must be one of debug, info, warn, error'],
  [{ LEADER_ELECTION: 'maybe' }, 'LEADER_ELECTION: must be true or false'],
  [{ ORK_PORT: '70000' }, 'ORK_PORT: must be at most 65535'],
  [{ ORK_NAMESPACE: 'Not_A_Namespace' }, 'ORK_NAMESPACE: must be a namespace name (RFC 1123 label)'],
  [{ RENEW_DEADLINE: '20' }, 'LEASE_DURATION, RENEW_DEADLINE, RETRY_PERIOD: leaseDuration must be greater than renewDeadline'],
];
for (const [env, message] of bad) {
  test(`error: ${message}`, () => {
    assert.equal(parseConfig(env), { type: 'error', message });
  });
}

test('leader timing is not checked when leader election is off', () => {
  assert.is(parseConfig({ LEADER_ELECTION: 'false', RENEW_DEADLINE: '20' }).type, 'ok');
});

test.run();
