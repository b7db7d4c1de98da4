import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogger } from './logger.ts';
import { shutdownOnSignals } from './shutdown-on-signals.ts';

const test = suite('shutdownOnSignals');

test('the first signal aborts and is logged once; a second changes nothing', () => {
  const listeners = new Map<string, () => void>();
  const lines: string[] = [];
  const shutdown = shutdownOnSignals(createLogger('info', { now: () => 0 }, (l) => void lines.push(l)), (event, listener) => void listeners.set(event, listener));
  assert.equal([...listeners.keys()].sort(), ['SIGINT', 'SIGTERM']);
  assert.equal([shutdown.signal.aborted, shutdown.received()], [false, '']);
  listeners.get('SIGTERM')!();
  listeners.get('SIGINT')!();
  assert.equal([shutdown.signal.aborted, shutdown.received()], [true, 'SIGTERM']);
  assert.equal(lines.map((l) => JSON.parse(l).msg), ['shutting down']);
});

test.run();
