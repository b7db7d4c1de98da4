import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildChild } from './build-child.ts';
import { CTX, at, fails, managed, ok } from './child-cases.test.fixture.ts';

const test = suite('jobs and cronJobs');


test('a minimal job is exactly this object', () => {
  assert.equal(ok('jobs', { image: 'busybox', command: ['sh', '-c', 'echo hi'] }), {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'shop-job', namespace: 'team-a', labels: managed },
    spec: {
      backoffLimit: 3,
      template: {
        metadata: { labels: managed },
        spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'echo hi'] }] },
      },
    },
  });
});

test('job pods are not selected by the CR Service (no workload selector labels)', () => {
  const labels = at(ok('jobs', { image: 'x' }), 'spec.template.metadata.labels') as Record<string, string>;
  assert.is(labels['app.kubernetes.io/name'], undefined);
});

test('restartPolicy takes Never or OnFailure only', () => {
  assert.is(at(ok('jobs', { image: 'x', restartPolicy: 'onfailure' }), 'spec.template.spec.restartPolicy'), 'OnFailure');
  fails(buildChild('jobs', { image: 'x', restartPolicy: 'Always' }, CTX), 'restartPolicy', 'Never, OnFailure');
});

test('jobs take no port or probes', () => {
  fails(buildChild('jobs', { image: 'x', port: 80 }, CTX), 'port', 'is not a field');
});

test('a minimal cronJob is exactly this object', () => {
  assert.equal(ok('cronJobs', { schedule: '@daily', image: 'busybox' }), {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'shop-cronjob', namespace: 'team-a', labels: managed },
    spec: {
      schedule: '@daily',
      jobTemplate: {
        metadata: { labels: managed },
        spec: {
          backoffLimit: 3,
          template: { metadata: { labels: managed }, spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox' }] } },
        },
      },
    },
  });
});

test('cronJob schedule fields and policies', () => {
  const o = ok('cronJobs', { schedule: ' 0 3 * * 1 ', image: 'x', concurrencyPolicy: 'forbid', successfulJobsHistoryLimit: '0' });
  assert.is(at(o, 'spec.schedule'), '0 3 * * 1');
  assert.is(at(o, 'spec.concurrencyPolicy'), 'Forbid');
  assert.is(at(o, 'spec.successfulJobsHistoryLimit'), 0);
  fails(buildChild('cronJobs', { image: 'x' }, CTX), 'schedule', 'is required');
  fails(buildChild('cronJobs', { schedule: 'TZ=UTC 0 3 * * *', image: 'x' }, CTX), 'schedule', 'five fields');
  fails(buildChild('cronJobs', { schedule: '@daily', image: 'x', concurrencyPolicy: 'Sometimes' }, CTX), 'concurrencyPolicy', 'Allow, Forbid, Replace');
});

test('cronJob names are limited to 52 characters', () => {
  fails(buildChild('cronJobs', { name: 'a'.repeat(53), schedule: '@daily', image: 'x' }, CTX), 'name', 'more than the 52 a CronJob name may have');
  assert.is(ok('cronJobs', { name: 'a'.repeat(52), schedule: '@daily', image: 'x' }).metadata.name.length, 52);
});

test.run();
