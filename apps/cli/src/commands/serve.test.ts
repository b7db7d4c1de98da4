import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fakeIo } from '../fake-io.test-support.ts';
import { runCli } from '../run-cli.ts';
import { COMMANDS } from './index.ts';

const test = suite('ork run, ork gate (the CLI side: arguments, then hand-over)');

test('hands run -f FILE to the runtime', () => {
  const io = fakeIo();
  assert.is(runCli(['run', '-f', 'examples/website/katalog.yaml'], COMMANDS, io), 0);
  assert.equal(io.handedOff, { app: 'runtime', argv: ['run', '-f', 'examples/website/katalog.yaml'] });
  assert.is(io.err, '');
});

test('without -f the runtime falls back to KATALOG_PATH', () => {
  const io = fakeIo();
  assert.is(runCli(['run'], COMMANDS, io), 0);
  assert.equal(io.handedOff, { app: 'runtime', argv: ['run'] });
});

const refused: [string, string[], RegExp][] = [
  ['an unknown option', ['run', '--bogus'], /--bogus/],
  ['a positional argument', ['run', 'katalog.yaml'], /run takes no arguments/],
  ['standard input', ['run', '-f', '-'], /cannot read the Katalog from standard input/],
  ['-f without a value', ['run', '-f'], /-f/],
];
for (const [name, argv, message] of refused) {
  test(`refuses ${name} with exit 2 and hands nothing over`, () => {
    const io = fakeIo();
    assert.is(runCli(argv, COMMANDS, io), 2);
    assert.match(io.err, message);
    assert.is(io.handedOff, undefined);
  });
}

test('run --help shows its usage and hands nothing over', () => {
  const io = fakeIo();
  assert.is(runCli(['run', '--help'], COMMANDS, io), 0);
  assert.match(io.out, 'ork run [-f FILE]');
  assert.is(io.handedOff, undefined);
});

test('hands gate -f FILE to the gateway, with the same checks', () => {
  const io = fakeIo();
  assert.is(runCli(['gate', '-f', 'examples/gateway/katalog.yaml'], COMMANDS, io), 0);
  assert.equal(io.handedOff, { app: 'gateway', argv: ['gate', '-f', 'examples/gateway/katalog.yaml'] });
  const bad = fakeIo();
  assert.is(runCli(['gate', '-f', '-'], COMMANDS, bad), 2);
  assert.match(bad.err, /ork gate cannot read the Katalog from standard input/);
  assert.is(bad.handedOff, undefined);
});

test('the command list shows run and gate', () => {
  const io = fakeIo();
  runCli(['--help'], COMMANDS, io);
  assert.match(io.out, /\brun\b.*Run the operator/);
  assert.match(io.out, /\bgate\b.*Run the admission gateway/);
});

test.run();
