import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '@orkestra/lib';
import type { Cluster, ClusterResult } from '@orkestra/lib/ports';
import { fakeLogger } from '@orkestra/lib/testing';
import { podReader } from './pod-reader.ts';

const test = suite('pod-reader');
type Get = Cluster['get'];
const pod = (labels?: Record<string, string>): ClusterResult<KubeObject> => ({ ok: true, value: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ...(labels ? { labels } : {}) } } });

test('labels of a found Pod; a missing one is not-found; the GET names the Pod in its namespace', async () => {
  const asked: string[] = [];
  const get: Get = async (ref) => {
    asked.push(`${ref.resource.resource} ${ref.namespace}/${ref.name}`);
    return ref.name === 'gone' ? { ok: false, error: { type: 'not-found', status: 404, message: 'pods "gone" not found' } } : pod({ a: 'b' });
  };
  const read = podReader({ get }, fakeLogger());
  assert.equal(await read('team-a', 'web'), { type: 'found', labels: { a: 'b' } });
  assert.equal(await read('team-a', 'gone'), { type: 'not-found' });
  assert.equal(asked, ['pods team-a/web', 'pods team-a/gone']);
});

test('a refusal is a failed lookup and a log line with the API server\'s words', async () => {
  const message = 'pods "web" is forbidden: User "system:serviceaccount:o:orkestra-gateway" cannot get resource "pods" in API group "" in the namespace "team-a"';
  const log = fakeLogger();
  const read = podReader({ get: async () => ({ ok: false, error: { type: 'forbidden', status: 403, message } }) }, log);
  assert.equal(await read('team-a', 'web'), { type: 'failed', message });
  assert.equal(log.lines.map((l) => [l.msg, l.fields['err']]), [['cannot read the Pod of an eviction', message]]);
});

test('bounded: a slow API server times out, and reads past the in-flight limit fail at once', async () => {
  const never: Get = () => new Promise(() => undefined);
  const read = podReader({ get: never }, fakeLogger(), { timeoutMs: 20, maxInFlight: 1 });
  const first = read('a', 'one');
  assert.equal(await read('a', 'two'), { type: 'failed', message: '1 Pod reads already in flight' });
  assert.equal(await first, { type: 'failed', message: 'no answer from the API server in 20 ms' });
  assert.equal(await read('a', 'three'), { type: 'failed', message: 'no answer from the API server in 20 ms' }, 'the slot is free again');
});

test.run();
