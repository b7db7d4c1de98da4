import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fakeClock } from '@orkestra/lib/testing';
import { createLogger } from '@orkestra/adapters/process';
import { httpLogger } from './http-logger.ts';

const test = suite('httpLogger');

test('a failed request becomes one runtime JSON line with method, url and the error message', () => {
  const lines: Record<string, unknown>[] = [];
  const log = httpLogger(createLogger('info', fakeClock(), (l) => lines.push(JSON.parse(l) as Record<string, unknown>)).child({ component: 'http' }));
  log.requestFailed(new Error('view exploded'), { method: 'GET', url: '/katalog' });
  log.requestFailed('not an Error', { method: 'HEAD', url: '/health?x=1' });
  assert.equal(lines.map(({ level, msg, method, url, err, component }) => ({ level, msg, method, url, err, component })), [
    { level: 'error', msg: 'request failed', method: 'GET', url: '/katalog', err: 'view exploded', component: 'http' },
    { level: 'error', msg: 'request failed', method: 'HEAD', url: '/health?x=1', err: 'not an Error', component: 'http' },
  ]);
});

test.run();
