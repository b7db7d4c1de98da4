import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fakeLogger } from './fake-logger.ts';

const test = suite('fake logger');

test('fakeLogger keeps every level in order, and a child adds its fields to the shared lines', () => {
  const log = fakeLogger();
  const child = log.child({ controller: 'website' }).child({ reconcileID: 'r1' });
  log.debug('starting');
  child.warn('apply failed', { name: 'web', controller: 'override' });
  log.error('stopped', { err: 'boom' });
  assert.is(child.lines, log.lines);
  assert.equal(log.lines, [
    { level: 'debug', msg: 'starting', fields: {} },
    { level: 'warn', msg: 'apply failed', fields: { controller: 'override', reconcileID: 'r1', name: 'web' } },
    { level: 'error', msg: 'stopped', fields: { err: 'boom' } },
  ]);
});

test.run();
