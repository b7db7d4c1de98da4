// ork and oras against the real CNCF distribution registry (TLS from a test CA, htpasswd basic
// auth): what ork pushes, oras pulls byte for byte, and the other way round; a pinned reference
// makes `ork generate bundle -f oci://...@sha256:...` give the bytes the file gives.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { KATALOG_ARTIFACT_TYPE, LAYERS } from '@orkestra/lib/registry';
import { REPO } from './harness/control-plane.ts';
import { orasOk, orkAt, orkRegistryOk, stopRegistry, testRegistry } from './harness/registry.ts';

const test = suite('registry: ork and oras, both ways, byte for byte');
const KATALOG = join(REPO, 'examples/website/katalog.yaml');
let dir = '';

test.before(() => {
  testRegistry();
  dir = mkdtempSync(join(tmpdir(), 'ork-registry-interop-'));
});
test.after(() => stopRegistry());

test('ork push, oras pull: the same bytes, our artifact type and annotations', () => {
  const reg = testRegistry();
  const ref = `oci://${reg.host}/platform/website:1.0.0`;
  const pinned = orkRegistryOk(['push', '-f', KATALOG, ref, '--revision', 'c0ffee', '--created', '2025-01-31T12:00:00Z', '--include', 'crds']).trim();
  assert.match(pinned, new RegExp(`^oci://${reg.host.replace(/\./g, '\\.')}/platform/website@sha256:[a-f0-9]{64}$`));
  const out = join(dir, 'oras-pull');
  orasOk(['pull', '--ca-file', reg.ca, `${reg.host}/platform/website:1.0.0`, '-o', out]);
  assert.equal(readFileSync(join(out, 'katalog.yaml')), readFileSync(KATALOG), 'katalog.yaml byte-identical');
  assert.match(readFileSync(join(out, 'crds.yaml'), 'utf8'), 'kind: CustomResourceDefinition');
  const manifest = JSON.parse(orasOk(['manifest', 'fetch', '--ca-file', reg.ca, `${reg.host}/platform/website:1.0.0`]));
  assert.is(manifest.artifactType, KATALOG_ARTIFACT_TYPE);
  assert.is(manifest.layers[0].mediaType, LAYERS.katalog.mediaType);
  assert.equal(manifest.annotations, {
    'org.opencontainers.image.created': '2025-01-31T12:00:00Z',
    'org.opencontainers.image.revision': 'c0ffee',
    'org.opencontainers.image.title': 'my-platform',
  });
  const resolved = orasOk(['resolve', '--ca-file', reg.ca, `${reg.host}/platform/website:1.0.0`]).trim();
  assert.is(`oci://${reg.host}/platform/website@${resolved}`, pinned, 'the digest ork prints is the one oras resolves');
});

test('oras push, ork pull: the same bytes', () => {
  const reg = testRegistry();
  const src = join(dir, 'oras-src');
  const text = `${readFileSync(KATALOG, 'utf8')}# pushed by oras, with a comment and a trailing space \n`;
  orasOk(['version']);
  writeFileSync(join(dir, 'katalog.yaml'), text);
  orasOk(['push', '--ca-file', reg.ca, '--artifact-type', KATALOG_ARTIFACT_TYPE, `${reg.host}/platform/from-oras:v1`, `katalog.yaml:${LAYERS.katalog.mediaType}`], dir);
  const out = join(dir, 'ork-pulled.yaml');
  orkRegistryOk(['pull', `oci://${reg.host}/platform/from-oras:v1`, '-o', out]);
  assert.equal(readFileSync(out), readFileSync(join(dir, 'katalog.yaml')));
  void src;
  const stdout = orkRegistryOk(['pull', `oci://${reg.host}/platform/from-oras:v1`]);
  assert.is(stdout, text);
});

test('validate and generate read -f oci://; a pinned reference generates what the file generates', () => {
  const reg = testRegistry();
  const pinned = orkRegistryOk(['push', '-f', KATALOG, `oci://${reg.host}/platform/website:gen`]).trim();
  const valid = orkRegistryOk(['validate', '-f', pinned]);
  assert.match(valid, `${pinned}: valid Katalog "my-platform"`);
  const fromFile = orkRegistryOk(['generate', 'bundle', '-f', KATALOG, '-n', 'team-a']);
  const fromRegistry = orkRegistryOk(['generate', 'bundle', '-f', pinned, '-n', 'team-a']);
  assert.is(fromRegistry, fromFile);
  assert.is(orkRegistryOk(['generate', 'crd', '-f', pinned]), orkRegistryOk(['generate', 'crd', '-f', KATALOG]));
  // Pushing the same file with the same annotations gives the same digest: nothing reads the clock.
  assert.is(orkRegistryOk(['push', '-f', KATALOG, `oci://${reg.host}/platform/website:gen-again`]).trim().split('@')[1], pinned.split('@')[1]);
});

test('credentials come from DOCKER_CONFIG; none or a wrong password is exit 2 with ORK1507', () => {
  const reg = testRegistry();
  const ref = `oci://${reg.host}/platform/website:1.0.0`;
  const empty = mkdtempSync(join(tmpdir(), 'ork-no-creds-'));
  const none = orkAt(['pull', ref, '--ca-file', reg.ca], { env: { DOCKER_CONFIG: empty } });
  assert.is(none.status, 2, none.stderr);
  assert.match(none.stderr, 'ORK1507');
  assert.match(none.stderr, 'no credentials');
  const wrong = join(empty, 'wrong.json');
  writeFileSync(wrong, JSON.stringify({ auths: { [reg.host]: { auth: Buffer.from(`${reg.user}:not-the-password`).toString('base64') } } }));
  const bad = orkAt(['pull', ref, '--ca-file', reg.ca, '--registry-config', wrong]);
  assert.is(bad.status, 2, bad.stderr);
  assert.match(bad.stderr, `ORK1507: ${ref}: ${reg.host} refused the credentials`);
  assert.not.match(bad.stderr, /\n\s+at /);
});

test('TLS: an untrusted registry certificate is exit 2 (ORK1510) unless --ca-file trusts its CA', () => {
  const reg = testRegistry();
  const r = orkAt(['pull', `oci://${reg.host}/platform/website:1.0.0`]);
  assert.is(r.status, 2, r.stderr);
  assert.match(r.stderr, 'ORK1510');
  assert.match(r.stderr, 'hint: The registry\'s certificate is not trusted');
});

test.run();
