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

test('a line is the JSON of the object it stands for, keys in first-seen order with the last value', () => {
  const lines: string[] = [];
  const log = createLogger('debug', clock, (l) => lines.push(l)).child({ component: 'admission', n: 1 }).child({ ok: true });
  log.info('quote " and \\ and \u2028', { 'odd "key"': 'v\n', count: 3.5, denied: false });
  log.warn('override', { n: 2, component: 'webhook' });
  log.error('reserved', { msg: 'shadowed', level: 'x' });
  const parsed = lines.map((l) => JSON.parse(l));
  assert.ok(lines.every((l) => l.endsWith('}\n') && !l.slice(0, -1).includes('\n')), 'one line each');
  assert.equal(Object.entries(parsed[0]), [['time', '2026-11-24T01:02:03.000Z'], ['level', 'info'], ['msg', 'quote " and \\ and \u2028'],
    ['component', 'admission'], ['n', 1], ['ok', true], ['odd "key"', 'v\n'], ['count', 3.5], ['denied', false]]);
  assert.equal(Object.entries(parsed[1]), [['time', '2026-11-24T01:02:03.000Z'], ['level', 'warn'], ['msg', 'override'], ['component', 'webhook'], ['n', 2], ['ok', true]]);
  assert.equal(Object.entries(parsed[2]), [['time', '2026-11-24T01:02:03.000Z'], ['level', 'x'], ['msg', 'shadowed'], ['component', 'admission'], ['n', 1], ['ok', true]]);
});

test.run();
