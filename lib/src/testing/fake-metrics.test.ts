import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fakeMetrics } from './fake-metrics.ts';

const test = suite('fake metrics');

test('fakeMetrics serves the text it was given with the Prometheus content type and counts scrapes', async () => {
  const m = fakeMetrics('a_total 1\n');
  assert.is(m.scrapes, 0);
  assert.is(await m.metrics(), 'a_total 1\n');
  m.set('a_total 2\n');
  assert.is(await m.metrics(), 'a_total 2\n');
  assert.is(m.scrapes, 2);
  assert.match(m.contentType, /^text\/plain; version=0\.0\.4/);
});

test.run();
