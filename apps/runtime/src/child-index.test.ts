import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { OWNER_KEY_ANNOTATION } from '@orkestra/lib/runtime';
import { ChildIndex } from './child-index.ts';

const test = suite('ChildIndex');
const deployments = { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true };
const child = (name: string, owner?: string) => ({ metadata: { name, namespace: 'ns', ...(owner ? { annotations: { [OWNER_KEY_ANNOTATION]: owner } } : {}) } });

test('groups children by owner key, moves and forgets them', () => {
  const index = new ChildIndex();
  index.upsert(deployments, child('a', 'websites.demo:ns/a'));
  index.upsert(deployments, child('b', 'websites.demo:ns/b'));
  index.upsert(deployments, child('x'));
  assert.equal([...index.of('websites.demo:ns/a').keys()], ['apps/deployments/ns/a']);
  index.upsert(deployments, child('b', 'websites.demo:ns/a'), child('b', 'websites.demo:ns/b'));
  assert.equal([...index.of('websites.demo:ns/a').keys()], ['apps/deployments/ns/a', 'apps/deployments/ns/b']);
  assert.is(index.of('websites.demo:ns/b').size, 0);
  index.delete(deployments, child('a', 'websites.demo:ns/a'));
  assert.equal([...index.of('websites.demo:ns/a').keys()], ['apps/deployments/ns/b']);
});

test('remembers the order it first saw children in, across updates and owner moves; a deleted child starts again', () => {
  const index = new ChildIndex();
  index.upsert(deployments, child('test', 'pipelines.ci:ns/shop'));
  index.upsert(deployments, child('build', 'pipelines.ci:ns/shop'));
  index.upsert(deployments, child('test', 'pipelines.ci:ns/shop'), child('test', 'pipelines.ci:ns/shop'));
  const seen = () => Object.fromEntries([...index.of('pipelines.ci:ns/shop').values()].map((c) => [c.metadata.name, c.seen]));
  assert.equal(seen(), { test: 1, build: 2 });
  index.delete(deployments, child('test', 'pipelines.ci:ns/shop'));
  index.upsert(deployments, child('test', 'pipelines.ci:ns/shop'));
  assert.equal(seen(), { build: 2, test: 3 });
  // An object no CR owns takes no number; it gets one when it gains an owner.
  index.upsert(deployments, child('other'));
  index.upsert(deployments, child('other', 'pipelines.ci:ns/shop'), child('other'));
  assert.equal(seen(), { build: 2, test: 3, other: 4 });
});

test.run();
