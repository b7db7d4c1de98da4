import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatReference, isLoopbackHost, parseReference, withDefaultTag } from './parse-reference.ts';

const test = suite('parseReference');
const D = `sha256:${'a'.repeat(64)}`;

const good: [text: string, host: string, repository: string, tag?: string | undefined, digest?: string][] = [
  ['oci://registry.example.com/platform/katalog:1.0.0', 'registry.example.com', 'platform/katalog', '1.0.0'],
  ['oci://127.0.0.1:5000/katalog', '127.0.0.1:5000', 'katalog'],
  ['oci://localhost:5000/a/b/c:v1', 'localhost:5000', 'a/b/c', 'v1'],
  [`oci://ghcr.io/org/k@${D}`, 'ghcr.io', 'org/k', undefined, D],
  [`oci://ghcr.io/org/k:v2@${D}`, 'ghcr.io', 'org/k', 'v2', D],
  ['oci://[::1]:5000/my_repo/x-y__z:latest', '[::1]:5000', 'my_repo/x-y__z', 'latest'],
];
for (const [text, host, repository, tag, digest] of good) {
  test(`accepts ${text}`, () => {
    const r = parseReference(text);
    if (r.type !== 'ok') throw new Error(r.message);
    assert.equal(r.reference, { host, repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) });
    assert.is(formatReference(r.reference), text);
  });
}

const bad: [text: string, fragment: string][] = [
  ['registry.example.com/k:v1', 'does not start with oci://'],
  ['https://registry.example.com/k:v1', 'scheme https:// is not oci://'],
  ['oci://registry.example.com', 'repository is missing'],
  ['oci:///k', 'host is missing'],
  ['oci://reg:99999/k', 'not a port number'],
  ['oci://reg_x/k', 'not a registry host name'],
  ['oci://reg/Upper/k', 'component "Upper"'],
  ['oci://reg/a//b', 'empty path component'],
  ['oci://reg/k:-bad', 'tag "-bad"'],
  ['oci://reg/k@sha256:abc', '64 lowercase hex digits'],
  [`oci://reg/k@md5:${'a'.repeat(32)}`, 'not supported'],
];
for (const [text, fragment] of bad) {
  test(`refuses ${text}`, () => {
    const r = parseReference(text);
    assert.is(r.type, 'error');
    if (r.type === 'error') assert.ok(r.message.includes(fragment), r.message);
  });
}

test('withDefaultTag adds latest only when nothing is pinned', () => {
  assert.is(withDefaultTag({ host: 'h', repository: 'r' }).tag, 'latest');
  assert.is(withDefaultTag({ host: 'h', repository: 'r', digest: D }).tag, undefined);
});

test('loopback hosts', () => {
  for (const h of ['localhost', 'localhost:5000', '127.0.0.1:5000', '127.1.2.3', '[::1]:5000']) assert.ok(isLoopbackHost(h), h);
  for (const h of ['registry.example.com', '10.0.0.1:5000', 'localhost.example.com', '[::2]:5000', '128.0.0.1']) assert.not.ok(isLoopbackHost(h), h);
});

test.run();
