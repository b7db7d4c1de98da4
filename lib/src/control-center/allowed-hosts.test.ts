import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { effectiveAllowedHosts, hostAllowed, LOOPBACK_HOSTS, parseAllowedHosts } from './allowed-hosts.ts';

const test = suite('allowed-hosts');

test('parse: names, wildcards and IPs, lowercased; a port or junk is refused with a hint', () => {
  assert.equal(parseAllowedHosts(' CC.example.com, *.apps.example.com ,10.0.0.7,[::1],orkestra-cc.ops.svc,'), {
    type: 'ok', hosts: ['cc.example.com', '*.apps.example.com', '10.0.0.7', '::1', 'orkestra-cc.ops.svc'],
  });
  assert.equal(parseAllowedHosts('localhost:8081'), { type: 'error', message: '"localhost:8081" must be a host name without the port (e.g. localhost)' });
  assert.equal(parseAllowedHosts('http://x'), { type: 'error', message: '"http://x" is not a host name, *.domain or IP address' });
  assert.equal(parseAllowedHosts(''), { type: 'ok', hosts: [] });
});

test('defaults: the localhost names when bound to loopback, no check otherwise; * turns the check off', () => {
  assert.equal(effectiveAllowedHosts([], '127.0.0.1'), LOOPBACK_HOSTS);
  assert.equal(effectiveAllowedHosts([], '::1'), LOOPBACK_HOSTS);
  assert.equal(effectiveAllowedHosts([], 'localhost'), LOOPBACK_HOSTS);
  assert.is(effectiveAllowedHosts([], '0.0.0.0'), undefined);
  assert.equal(effectiveAllowedHosts(['cc.example.com'], '127.0.0.1'), ['cc.example.com']);
  assert.is(effectiveAllowedHosts(['*'], '127.0.0.1'), undefined);
});

// Issue 12, finding 12: no Host check, so DNS rebinding could read a local `ork control`.
const cases: [string | undefined, boolean][] = [
  ['localhost:8081', true], ['LOCALHOST', true], ['127.0.0.1:8081', true], ['[::1]:8081', true], ['localhost.:8081', true],
  ['evil.example:8081', false], ['127.0.0.1.evil.example', false], ['localhost.evil.example', false], [undefined, false], ['', false],
];
for (const [header, allowed] of cases) test(`Host ${JSON.stringify(header)} → ${allowed}`, () => assert.is(hostAllowed(header, LOOPBACK_HOSTS), allowed));

test('wildcards match subdomains only', () => {
  assert.ok(hostAllowed('cc.apps.example.com', ['*.apps.example.com']));
  assert.not.ok(hostAllowed('apps.example.com', ['*.apps.example.com']));
  assert.not.ok(hostAllowed('evilapps.example.com', ['*.apps.example.com']));
});

test.run();
