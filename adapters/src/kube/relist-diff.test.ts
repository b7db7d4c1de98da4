import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '@orkestra/lib/ports';
import { cacheKey, diffRelist } from './relist-diff.ts';
import { stripObject } from './strip-object.ts';

const test = suite('relist diff');
const obj = (name: string, uid: string, rv: string): KubeObject => ({ metadata: { name, namespace: 'ns', uid, resourceVersion: rv } });
const cache = (...objects: KubeObject[]) => new Map(objects.map((o) => [cacheKey(o), o]));

test('vanished objects become deletes, new ones adds, changed ones updates, unchanged nothing', () => {
  const changes = diffRelist(cache(obj('gone', 'u1', '1'), obj('same', 'u2', '2'), obj('changed', 'u3', '3')), [obj('same', 'u2', '2'), obj('changed', 'u3', '9'), obj('new', 'u4', '10')]);
  assert.equal(changes.map((c) => [c.type, c.object.metadata.name]), [['update', 'changed'], ['add', 'new'], ['delete', 'gone']]);
});

test('a namesake re-created with another uid is a delete then an add', () => {
  const changes = diffRelist(cache(obj('a', 'old-uid', '1')), [obj('a', 'new-uid', '5')]);
  assert.equal(changes.map((c) => [c.type, c.object.metadata.uid]), [['delete', 'old-uid'], ['add', 'new-uid']]);
});

test('stripObject drops managedFields and the last-applied annotation, keeps the rest', () => {
  const stripped = stripObject({
    metadata: { name: 'a', managedFields: [{ manager: 'x' }], annotations: { keep: '1', 'kubectl.kubernetes.io/last-applied-configuration': '{}' } }, data: { k: 'v' },
  });
  assert.equal(stripped, { metadata: { name: 'a', annotations: { keep: '1' } }, data: { k: 'v' } });
});

test.run();
