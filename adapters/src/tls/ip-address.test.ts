import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { canonicalIpAddress, ipAddressBytes } from './ip-address.ts';

const test = suite('ip addresses');

test('ipAddressBytes gives 4 or 16 network-order bytes, undefined for non-IPs', () => {
  const cases: [string, number[] | undefined][] = [
    ['127.0.0.1', [127, 0, 0, 1]],
    ['10.96.0.10', [10, 96, 0, 10]],
    ['::1', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]],
    ['::', new Array(16).fill(0)],
    ['fe80::1:2', [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2]],
    ['2001:db8:0:0:1:0:0:1', [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]],
    ['::ffff:10.0.0.1', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1]],
    ['localhost', undefined],
    ['256.0.0.1', undefined],
    ['fe80::1%eth0', undefined],
    ['', undefined],
  ];
  for (const [text, bytes] of cases) assert.equal(ipAddressBytes(text) && [...ipAddressBytes(text)!], bytes, text);
});

test('canonicalIpAddress compresses and lower-cases IPv6 and keeps IPv4', () => {
  const cases: [string, string | undefined][] = [
    ['127.0.0.1', '127.0.0.1'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['FE80:0:0:0:0:0:1:2', 'fe80::1:2'],
    ['2001:DB8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['svc.ns.svc', undefined],
  ];
  for (const [text, canonical] of cases) assert.is(canonicalIpAddress(text), canonical, text);
});

test.run();
