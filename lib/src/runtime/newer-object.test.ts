import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '../ports/kube-object.ts';
import { compareResourceVersions, newerObject } from './newer-object.ts';

const test = suite('newerObject: our own write until the watch catches up');

const cr = (resourceVersion: string | undefined, uid = 'u1', status = 'x'): KubeObject => ({
  apiVersion: 'demo/v1', kind: 'W', metadata: { name: 'w', namespace: 'n', uid, ...(resourceVersion !== undefined ? { resourceVersion } : {}) }, status: { s: status },
});

test('resourceVersions compare as decimal integers, not as strings', () => {
  assert.is(compareResourceVersions('9', '10'), -1);
  assert.is(compareResourceVersions('100', '99'), 1);
  assert.is(compareResourceVersions('12345678901234567890', '12345678901234567891'), -1);
  assert.is(compareResourceVersions('42', '42'), 0);
});

test('anything that is not a plain decimal integer cannot be ordered', () => {
  for (const [a, b] of [['abc', '1'], ['1', undefined], [undefined, '1'], ['01', '2'], ['', '1'], ['1.5', '2'], ['-1', '2']] as const) {
    assert.is(compareResourceVersions(a, b), undefined, `${a} vs ${b}`);
  }
});

test('a cache behind our write reads the write, and keeps it', () => {
  const written = cr('12', 'u1', 'ours');
  const r = newerObject(cr('10'), written);
  assert.is(r.object, written);
  assert.is(r.keepWritten, true);
});

test('a cache that caught up, or went past, wins and the write is dropped', () => {
  const caught = cr('12', 'u1', 'cache');
  assert.equal(newerObject(caught, cr('12', 'u1', 'ours')), { object: caught, keepWritten: false });
  const past = cr('15', 'u1', 'someone else');
  assert.equal(newerObject(past, cr('12', 'u1', 'ours')), { object: past, keepWritten: false });
});

test('a write of another object with the same name (deleted and created again), or none, is not used', () => {
  const cached = cr('20', 'u2');
  assert.equal(newerObject(cached, cr('30', 'u1')), { object: cached, keepWritten: false });
  assert.equal(newerObject(cached, undefined), { object: cached, keepWritten: false });
});

test('versions that cannot be ordered fall back to the cache', () => {
  const cached = cr('opaque-a');
  assert.equal(newerObject(cached, cr('opaque-b')), { object: cached, keepWritten: false });
});

test.run();
