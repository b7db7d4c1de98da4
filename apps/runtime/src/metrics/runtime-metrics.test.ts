import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { register as globalRegister } from 'prom-client';
import type { WorkQueueStats } from '@orkestra/lib/runtime';
import { createRuntimeMetrics } from './runtime-metrics.ts';

const test = suite('createRuntimeMetrics');

/** The value of the series `name` whose labels equal `labels` exactly, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found: Record<string, string> = {};
    for (const pair of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) found[pair[1] ?? ''] = pair[2] ?? '';
    const keys = Object.keys(labels);
    if (keys.length === Object.keys(found).length && keys.every((k) => found[k] === labels[k])) return Number(m[3]);
  }
  return undefined;
}

const stats = (over: Partial<WorkQueueStats> = {}): WorkQueueStats => ({
  depth: 0, waiting: 0, processing: 0, addsTotal: 0, retriesTotal: 0, droppedTotal: 0, unfinishedWorkMs: 0, longestRunningMs: 0, ...over,
});

test('records reconciles under controller-runtime names, labels and buckets', async () => {
  const m = createRuntimeMetrics({ defaultMetrics: false });
  m.registerController('widget', 3);
  m.observeReconcile('widget', 'success', 0.02);
  m.observeReconcile('widget', 'error', 0.3);
  m.observeReconcile('widget', 'error', 70);
  const text = await m.metrics();
  assert.is(sample(text, 'controller_runtime_reconcile_total', { controller: 'widget', result: 'success' }), 1);
  assert.is(sample(text, 'controller_runtime_reconcile_total', { controller: 'widget', result: 'error' }), 2);
  assert.is(sample(text, 'controller_runtime_reconcile_total', { controller: 'widget', result: 'requeue_after' }), 0);
  assert.is(sample(text, 'controller_runtime_reconcile_errors_total', { controller: 'widget' }), 2);
  assert.is(sample(text, 'controller_runtime_reconcile_time_seconds_bucket', { controller: 'widget', le: '0.025' }), 1);
  assert.is(sample(text, 'controller_runtime_reconcile_time_seconds_bucket', { controller: 'widget', le: '60' }), 2);
  assert.is(sample(text, 'controller_runtime_reconcile_time_seconds_bucket', { controller: 'widget', le: '+Inf' }), 3);
  assert.is(sample(text, 'controller_runtime_reconcile_time_seconds_count', { controller: 'widget' }), 3);
  assert.is(sample(text, 'controller_runtime_max_concurrent_reconciles', { controller: 'widget' }), 3);
  assert.is(sample(text, 'controller_runtime_active_workers', { controller: 'widget' }), 0);
  assert.match(text, '# TYPE controller_runtime_reconcile_time_seconds histogram');
});

test('work queue gauges, histograms and counters from cumulative totals', async () => {
  const m = createRuntimeMetrics({ defaultMetrics: false });
  m.setActiveWorkers('widget', 2);
  m.setQueue('widget', stats({ depth: 4, addsTotal: 10, retriesTotal: 2, unfinishedWorkMs: 1500, longestRunningMs: 1000 }));
  m.setQueue('widget', stats({ depth: 1, addsTotal: 12, retriesTotal: 2 }));
  // A recreated queue counts from zero again; the counter must still only grow.
  m.setQueue('widget', stats({ depth: 1, addsTotal: 3, retriesTotal: 1 }));
  m.observeQueueWait('widget', 0.5);
  m.observeWork('widget', 2e-8);
  const text = await m.metrics();
  const labels = { name: 'widget', controller: 'widget' };
  assert.is(sample(text, 'controller_runtime_active_workers', { controller: 'widget' }), 2);
  assert.is(sample(text, 'workqueue_depth', { ...labels, priority: '' }), 1);
  assert.is(sample(text, 'workqueue_adds_total', labels), 15);
  assert.is(sample(text, 'workqueue_retries_total', labels), 3);
  assert.is(sample(text, 'workqueue_unfinished_work_seconds', labels), 0);
  assert.is(sample(text, 'workqueue_queue_duration_seconds_bucket', { ...labels, le: '0.1' }), 0);
  assert.is(sample(text, 'workqueue_queue_duration_seconds_bucket', { ...labels, le: '1' }), 1);
  assert.is(sample(text, 'workqueue_work_duration_seconds_bucket', { ...labels, le: '1e-8' }), 0);
  assert.is(sample(text, 'workqueue_work_duration_seconds_bucket', { ...labels, le: '1e-7' }), 1);
  assert.is(sample(text, 'workqueue_work_duration_seconds_bucket', { ...labels, le: '1000' }), 1);
});

test('leader status starts at 0 for the lease and follows setLeader', async () => {
  const m = createRuntimeMetrics({ defaultMetrics: false });
  assert.is(sample(await m.metrics(), 'leader_election_master_status', { name: 'orkestra-runtime' }), 0);
  m.setLeader(true);
  assert.is(sample(await m.metrics(), 'leader_election_master_status', { name: 'orkestra-runtime' }), 1);
  const other = createRuntimeMetrics({ defaultMetrics: false, leaseName: 'mine' });
  assert.is(sample(await other.metrics(), 'leader_election_master_status', { name: 'mine' }), 0);
});

test('rest_client_requests_total reads the counts at every scrape', async () => {
  let counts = [{ method: 'GET', code: '200', host: 'k8s:443', count: 3 }];
  const m = createRuntimeMetrics({ defaultMetrics: false, requestCounts: () => counts });
  assert.is(sample(await m.metrics(), 'rest_client_requests_total', { code: '200', method: 'GET', host: 'k8s:443' }), 3);
  counts = [{ method: 'GET', code: '200', host: 'k8s:443', count: 5 }, { method: 'PATCH', code: '403', host: 'k8s:443', count: 1 }];
  const text = await m.metrics();
  assert.is(sample(text, 'rest_client_requests_total', { code: '200', method: 'GET', host: 'k8s:443' }), 5);
  assert.is(sample(text, 'rest_client_requests_total', { code: '403', method: 'PATCH', host: 'k8s:443' }), 1);
});

test('orkestra_crd_health is 1 for the current state only', async () => {
  const m = createRuntimeMetrics({ defaultMetrics: false });
  m.setCrdHealth('widgets', 'pending');
  m.setCrdHealth('widgets', 'degraded');
  const text = await m.metrics();
  assert.is(sample(text, 'orkestra_crd_health', { crd: 'widgets', state: 'degraded' }), 1);
  assert.is(sample(text, 'orkestra_crd_health', { crd: 'widgets', state: 'pending' }), 0);
  assert.is(sample(text, 'orkestra_crd_health', { crd: 'widgets', state: 'not-started' }), 0);
  const series = text.split('\n').filter((l) => l.startsWith('orkestra_crd_health{'));
  assert.is(series.length, 6);
});

test('watch reconnects advance and last-event age is measured at nowMs', async () => {
  const m = createRuntimeMetrics({ defaultMetrics: false });
  m.observeWatch('widgets', { reconnects: 0, lastEventMs: undefined }, 10_000);
  let text = await m.metrics();
  assert.is(sample(text, 'orkestra_watch_reconnects_total', { resource: 'widgets' }), 0);
  assert.is(sample(text, 'orkestra_last_event_age_seconds', { resource: 'widgets' }), undefined);
  m.observeWatch('widgets', { reconnects: 2, lastEventMs: 7_500 }, 10_000);
  m.observeWatch('widgets', { reconnects: 3, lastEventMs: 7_500 }, 12_000);
  text = await m.metrics();
  assert.is(sample(text, 'orkestra_watch_reconnects_total', { resource: 'widgets' }), 3);
  assert.is(sample(text, 'orkestra_last_event_age_seconds', { resource: 'widgets' }), 4.5);
});

test('beforeScrape runs before rendering so pulled values are current', async () => {
  let depth = 0;
  const m = createRuntimeMetrics({ defaultMetrics: false, beforeScrape: () => m.setQueue('widget', stats({ depth: ++depth })) });
  assert.is(sample(await m.metrics(), 'workqueue_depth', { name: 'widget', controller: 'widget', priority: '' }), 1);
  assert.is(sample(await m.metrics(), 'workqueue_depth', { name: 'widget', controller: 'widget', priority: '' }), 2);
});

test('uses a private registry with process metrics, so instances never collide', async () => {
  const a = createRuntimeMetrics();
  const b = createRuntimeMetrics();
  a.observeReconcile('widget', 'success', 0.1);
  const text = await a.metrics();
  assert.ok(sample(text, 'process_cpu_user_seconds_total') !== undefined);
  assert.match(text, 'nodejs_eventloop_lag_seconds');
  assert.is(sample(await b.metrics(), 'controller_runtime_reconcile_total', { controller: 'widget', result: 'success' }), undefined);
  assert.not.match(await globalRegister.metrics(), 'controller_runtime_reconcile_total');
  assert.match(a.contentType, 'text/plain');
  assert.not.match(await createRuntimeMetrics({ defaultMetrics: false }).metrics(), 'process_cpu_user_seconds_total');
});

test.run();
