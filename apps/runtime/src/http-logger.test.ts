import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fakeClock } from '@orkestra/lib/testing';
import { createLogger } from '@orkestra/adapters/app';
import { httpLogger } from './http-logger.ts';

const test = suite('httpLogger');

test('fastify calls become runtime JSON lines with the error message', () => {
  const lines: Record<string, unknown>[] = [];
  const log = httpLogger(createLogger('info', fakeClock(), (l) => lines.push(JSON.parse(l) as Record<string, unknown>)).child({ component: 'http' }));
  log.error({ err: new Error('view exploded') }, 'request failed');
  log.info('listening');
  log.debug('dropped below info');
  log.child({}).warn(new Error('boom'), 'bad');
  assert.equal(lines.map(({ level, msg, err, component }) => ({ level, msg, err, component })), [
    { level: 'error', msg: 'request failed', err: 'view exploded', component: 'http' },
    { level: 'info', msg: 'listening', err: undefined, component: 'http' },
    { level: 'warn', msg: 'bad', err: 'boom', component: 'http' },
  ]);
});

test.run();
