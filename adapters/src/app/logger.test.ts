import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogger } from './logger.ts';

const test = suite('createLogger');
const clock = { now: () => Date.UTC(2026, 10, 24, 1, 2, 3) };

test('writes JSON lines with child fields, drops undefined and lower levels', () => {
  const lines: string[] = [];
  const log = createLogger('info', clock, (l) => lines.push(l)).child({ controller: 'website' });
  log.debug('hidden');
  log.info('reconciled', { namespace: 'ns', name: 'a', err: undefined });
  assert.equal(lines, ['{"time":"2026-11-24T01:02:03.000Z","level":"info","msg":"reconciled","controller":"website","namespace":"ns","name":"a"}\n']);
});

test.run();
