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

test.run();
