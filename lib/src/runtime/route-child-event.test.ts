import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { OWNER_KEY_ANNOTATION, ownerKeyOf, queueKeyOf } from './names.ts';
import { parseQueueKey, routeChildEvent } from './route-child-event.ts';

const test = suite('route-child-event');

const CRDS = [
  { name: 'website', plural: 'websites', group: 'demo.io' },
  { name: 'db', plural: 'databases', group: 'data.demo.io' },
];

const routes: [annotation: string | undefined, route: unknown][] = [
  [ownerKeyOf(CRDS[0]!, { name: 'web', namespace: 'team-a' }), { crd: 'website', key: 'team-a/web' }],
  [ownerKeyOf(CRDS[1]!, { name: 'main' }), { crd: 'db', key: 'main' }],
  ['widgets.other.io:team-a/web', undefined],
  ['websites.demo.io:', undefined],
  ['no-colon', undefined],
  [undefined, undefined],
];
for (const [annotation, route] of routes) {
  test(`owner key ${annotation ?? '(none)'}`, () => {
    const metadata = annotation === undefined ? {} : { annotations: { [OWNER_KEY_ANNOTATION]: annotation } };
    assert.equal(routeChildEvent(CRDS, metadata), route);
  });
}

const keys: [meta: { name: string; namespace?: string }][] = [[{ name: 'web', namespace: 'team-a' }], [{ name: 'web' }]];
for (const [meta] of keys) test(`queue key of ${JSON.stringify(meta)} round-trips`, () => assert.equal(parseQueueKey(queueKeyOf(meta)), meta));

test.run();
