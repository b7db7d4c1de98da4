import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { routeWatchedEvent } from './route-watched-event.ts';

const test = suite('route-watched-event');
const cm = { name: 'settings', namespace: 'team-a', labels: { 'app.example.com/site': 'shop' } };

test('keyFrom.label: the label names the CR, in the object namespace', () => {
  assert.is(routeWatchedEvent({ keyFrom: { type: 'label', label: 'app.example.com/site' } }, true, cm), 'team-a/shop');
  assert.is(routeWatchedEvent({ keyFrom: { type: 'label', label: 'app.example.com/site' } }, false, cm), 'shop');
  assert.is(routeWatchedEvent({ keyFrom: { type: 'label', label: 'missing' } }, true, cm), undefined);
  assert.is(routeWatchedEvent({ keyFrom: { type: 'label', label: 'app.example.com/site' } }, true, { ...cm, namespace: undefined }), undefined, 'a cluster-scoped object cannot lend a namespace');
});

test('keyFrom.name (and namespace): literal, or templates over the object metadata', () => {
  assert.is(routeWatchedEvent({ keyFrom: { type: 'name', name: 'shop' } }, true, cm), 'team-a/shop');
  assert.is(routeWatchedEvent({ keyFrom: { type: 'name', name: 'shop', namespace: 'prod' } }, true, cm), 'prod/shop');
  assert.is(routeWatchedEvent({ keyFrom: { type: 'name', name: '{{ .metadata.name }}' } }, true, cm), 'team-a/settings');
  assert.is(routeWatchedEvent({ keyFrom: { type: 'name', name: '{{ .metadata.labels.nope }}' } }, true, cm), undefined);
  assert.is(routeWatchedEvent({ keyFrom: { type: 'name', name: '{{ .spec.x }}' } }, true, cm), undefined, 'only the object metadata can be read');
});

test.run();
