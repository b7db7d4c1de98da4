import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fakeIo } from '../fake-io.test-support.ts';
import { runCli } from '../run-cli.ts';
import { COMMANDS } from './index.ts';

const test = suite('ork control (the CLI side: flags to environment, then hand-over)');

test('hands serve to the Control Center with the flags as its environment variables', () => {
  const io = fakeIo();
  assert.is(runCli(['control', '--urls', 'http://a:8080/, http://b:8080', '--refresh', '5s', '--port', '9000'], COMMANDS, io), 0);
  assert.equal(io.handedOff, { app: 'control-center', argv: ['serve'], env: { ORKESTRA_URLS: 'http://a:8080,http://b:8080', REFRESH_INTERVAL: '5s', ORK_PORT: '9000', ORK_HOST: '127.0.0.1' } });
  assert.is(io.err, '');
});

test('without flags the environment decides, but the address is loopback', () => {
  const io = fakeIo();
  assert.is(runCli(['control'], COMMANDS, io), 0);
  assert.equal(io.handedOff, { app: 'control-center', argv: ['serve'], env: { ORK_HOST: '127.0.0.1' } });
});

// Issue 12, finding 12: the Host check (DNS rebinding) and a loopback address for a developer's Control Center.
test('--address and --allowed-hosts become ORK_HOST and ALLOWED_HOSTS', () => {
  const io = fakeIo();
  assert.is(runCli(['control', '--address', '0.0.0.0', '--allowed-hosts', 'cc.example.com,localhost'], COMMANDS, io), 0);
  assert.equal(io.handedOff?.env, { ORK_HOST: '0.0.0.0', ALLOWED_HOSTS: 'cc.example.com,localhost' });
});

const refused: [string, string[], RegExp][] = [
  ['a URL without a scheme', ['control', '--urls', 'localhost:8080'], /--urls: "localhost:8080" is not a URL/],
  ['an empty URL list', ['control', '--urls', ','], /--urls: must list at least one runtime URL/],
  ['a refresh without a unit', ['control', '--refresh', '10'], /--refresh: "10" is not a duration of at least 100ms/],
  ['a refresh too short', ['control', '--refresh', '5ms'], /--refresh: "5ms" is not a duration/],
  ['a port out of range', ['control', '--port', '70000'], /--port: "70000" is not a port/],
  ['an unknown flag', ['control', '--url', 'http://a'], /unknown flag --url for "ork control"/],
  ['a positional argument', ['control', 'http://a'], /control takes no arguments/],
  ['an allowed host with a port', ['control', '--allowed-hosts', 'localhost:8081'], /--allowed-hosts: "localhost:8081" must be a host name without the port/],
  ['an address that is not an IP', ['control', '--address', 'my laptop'], /--address: "my laptop" is not an IP address/],
];
for (const [name, argv, message] of refused) {
  test(`refuses ${name} with exit 2 and hands nothing over`, () => {
    const io = fakeIo();
    assert.is(runCli(argv, COMMANDS, io), 2);
    assert.match(io.err, message);
    assert.not.match(io.err, /\n\s+at /, 'no stack trace');
    assert.is(io.handedOff, undefined);
  });
}

test('the command list shows control', () => {
  const io = fakeIo();
  runCli(['--help'], COMMANDS, io);
  assert.match(io.out, /\bcontrol\b.*Run the Control Center/);
});

test.run();
