// The behaviour every RegistryClient must show (issue 19), run against the in-memory fake
// (fake-registry.test.ts) and against the HTTP adapter and the real CNCF distribution registry
// (e2e/src/registry-contract.test.ts), so the fake the unit tests use answers like the real one.
import type { ContractAssert, ContractRunner } from './contract-runner.ts';
import type { RegistryClient } from '../ports/registry-client.ts';
import { digestOf } from '../registry/digest.ts';
import { OCI_MANIFEST } from '../registry/media-types.ts';
import { utf8Encode } from '../util/utf8.ts';

/** Registers and runs the contract as the suite `registry contract: <name>` of `runner`; `repository` must be fresh. */
export function registryContract(runner: ContractRunner, name: string, makeSubject: () => Promise<{ readonly client: RegistryClient; readonly repository: string; cleanup?(): void }>): void {
  const assert: ContractAssert = runner.assert;
  const test = runner.suite(`registry contract: ${name}`);
  let client: RegistryClient;
  let repo = '';
  let cleanup: (() => void) | undefined;
  const blob = utf8Encode('kind: Katalog\n');
  const config = utf8Encode('{}');
  const manifest = utf8Encode(JSON.stringify({
    schemaVersion: 2, mediaType: OCI_MANIFEST, artifactType: 'application/vnd.example.contract.v1',
    config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: digestOf(config), size: 2 },
    layers: [{ mediaType: 'application/vnd.example.layer.v1', digest: digestOf(blob), size: blob.length }],
  }));
  test.before(async () => {
    const s = await makeSubject();
    client = s.client;
    repo = s.repository;
    cleanup = s.cleanup;
  });
  test.after(() => cleanup?.());

  test('an unknown repository and tag are not-found', async () => {
    const head = await client.headManifest(repo, 'v1');
    assert.is(!head.ok && head.error.type, 'not-found');
    const get = await client.fetchBlob(repo, digestOf(blob), 1024);
    assert.is(!get.ok && get.error.type, 'not-found');
  });

  test('blobs upload once: a second push finds them', async () => {
    for (const b of [config, blob]) {
      const first = await client.pushBlob(repo, digestOf(b), b);
      assert.equal(first, { ok: true, value: { existed: false } });
      const again = await client.pushBlob(repo, digestOf(b), b);
      assert.equal(again, { ok: true, value: { existed: true } });
    }
    const read = await client.fetchBlob(repo, digestOf(blob), 1024);
    assert.ok(read.ok);
    assert.equal(read.ok && [...read.value], [...blob]);
  });

  test('a blob whose bytes do not match its digest is refused as invalid', async () => {
    const r = await client.pushBlob(repo, digestOf(utf8Encode('other')), blob);
    assert.is(!r.ok && r.error.type, 'invalid');
  });

  test('a manifest pushed under a tag reads back by tag and by digest, with its digest and type', async () => {
    const put = await client.pushManifest(repo, 'v1', OCI_MANIFEST, manifest);
    assert.ok(put.ok, JSON.stringify(put));
    assert.is(put.ok && put.value.digest, digestOf(manifest));
    const head = await client.headManifest(repo, 'v1');
    assert.ok(head.ok);
    assert.is(head.ok && head.value.digest, digestOf(manifest));
    assert.is(head.ok && head.value.mediaType, OCI_MANIFEST);
    for (const reference of ['v1', digestOf(manifest)]) {
      const got = await client.fetchManifest(repo, reference, 64 * 1024);
      assert.ok(got.ok, reference);
      assert.equal(got.ok && [...got.value.bytes], [...manifest]);
    }
    const other = await client.headManifest(repo, 'v2');
    assert.is(!other.ok && other.error.type, 'not-found');
  });

  test('bodies over the limit are too-large', async () => {
    const m = await client.fetchManifest(repo, 'v1', 10);
    assert.is(!m.ok && m.error.type, 'too-large');
    const b = await client.fetchBlob(repo, digestOf(blob), 3);
    assert.is(!b.ok && b.error.type, 'too-large');
  });

  test.run();
}
