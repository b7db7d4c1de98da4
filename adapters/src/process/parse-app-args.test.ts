import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { appUsage, parseAppArgs } from './parse-app-args.ts';

const test = suite('parseAppArgs');

const cases: [string[], ReturnType<typeof parseAppArgs>][] = [
  [['run'], { type: 'serve' }],
  [['run', '-f', 'k.yaml'], { type: 'serve', file: 'k.yaml' }],
  [['run', '--filename=k.yaml'], { type: 'serve', file: 'k.yaml' }],
  [['version'], { type: 'version' }],
  [['version', 'x'], { type: 'usage-error', message: 'version takes no arguments, got x' }],
  [[], { type: 'usage-error', message: 'no command given' }],
  [['gate'], { type: 'usage-error', message: 'unknown command "gate"' }],
  [['run', '-f'], { type: 'usage-error', message: '-f needs a file name' }],
  [['run', '-f='], { type: 'usage-error', message: '-f needs a file name' }],
  [['run', '--watch'], { type: 'usage-error', message: 'unknown argument "--watch"' }],
];
for (const [argv, want] of cases) test(JSON.stringify(argv), () => assert.equal(parseAppArgs(argv, 'run'), want));

test('the gateway serves with gate', () => {
  assert.equal(parseAppArgs(['gate', '-f', 'k.yaml'], 'gate'), { type: 'serve', file: 'k.yaml' });
  assert.is(appUsage('ork-gateway', 'gate'), 'usage: ork-gateway gate [-f FILE] | version');
});

test('an app without a Katalog refuses -f and says so in its usage', () => {
  assert.equal(parseAppArgs(['serve'], 'serve', false), { type: 'serve' });
  assert.equal(parseAppArgs(['serve', '-f', 'k.yaml'], 'serve', false), { type: 'usage-error', message: 'unknown argument "-f"' });
  assert.equal(parseAppArgs(['serve', '--filename=k.yaml'], 'serve', false), { type: 'usage-error', message: 'unknown argument "--filename=k.yaml"' });
  assert.is(appUsage('ork-control-center', 'serve', false), 'usage: ork-control-center serve | version');
});

test.run();
