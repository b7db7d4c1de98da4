import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fakeRegistry } from '../testing/fake-registry.ts';
import { utf8DecodeStrict, utf8Encode } from '../util/utf8.ts';
import { digestOf } from './digest.ts';
import { EMPTY_CONFIG, KATALOG_ARTIFACT_TYPE, LAYERS, OCI_INDEX, OCI_MANIFEST } from './media-types.ts';
import { planKatalogArtifact } from './plan-artifact.ts';
import { pullKatalogArtifact, resolveDigest } from './pull-katalog-artifact.ts';
import { pushKatalogArtifact } from './push-katalog-artifact.ts';
import { readKatalogManifest } from './read-manifest.ts';

const test = suite('katalog artifact');
const KATALOG = utf8Encode('apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: demo}\nspec: {crds: {}}\n');
const ref = { host: 'reg.test', repository: 'platform/katalog', tag: 'v1' };

test('the empty config descriptor is the digest of {}', () => {
  assert.is(EMPTY_CONFIG.digest, digestOf(utf8Encode('{}')));
});

test('the same input plans the same bytes; annotations come only from the input', () => {
  const a = planKatalogArtifact([{ role: 'katalog', bytes: KATALOG }], { version: '1.0.0', revision: 'abc' });
  const b = planKatalogArtifact([{ role: 'katalog', bytes: KATALOG }], { revision: 'abc', version: '1.0.0' });
  assert.is(a.digest, b.digest);
  const m = JSON.parse(utf8DecodeStrict(a.manifest)!);
  assert.is(m.artifactType, KATALOG_ARTIFACT_TYPE);
  assert.is(m.mediaType, OCI_MANIFEST);
  assert.equal(m.annotations, { 'org.opencontainers.image.revision': 'abc', 'org.opencontainers.image.version': '1.0.0' });
  assert.equal(m.layers[0], { mediaType: LAYERS.katalog.mediaType, digest: digestOf(KATALOG), size: KATALOG.length, annotations: { 'org.opencontainers.image.title': 'katalog.yaml' } });
  assert.is(planKatalogArtifact([{ role: 'katalog', bytes: KATALOG }], {}).manifest.length < a.manifest.length, true);
});

test('push then pull gives the same bytes, the digest, and the extra layers asked for', async () => {
  const reg = fakeRegistry();
  const crds = utf8Encode('kind: CustomResourceDefinition\n');
  const artifact = planKatalogArtifact([{ role: 'crds', bytes: crds }, { role: 'katalog', bytes: KATALOG }], { version: '1' });
  const pushed = await pushKatalogArtifact(reg, ref, artifact);
  assert.equal(pushed, { type: 'ok', value: { digest: artifact.digest, uploaded: 3, existed: 0 } });
  const again = await pushKatalogArtifact(reg, ref, artifact);
  assert.equal(again.type === 'ok' && again.value.existed, 3);
  const pulled = await pullKatalogArtifact(reg, ref, ['crds']);
  if (pulled.type !== 'ok') throw new Error(pulled.problem.message);
  assert.is(pulled.value.digest, artifact.digest);
  assert.equal(pulled.value.katalogBytes, KATALOG);
  assert.equal(pulled.value.extras.crds, crds);
  assert.equal(await resolveDigest(reg, ref), { type: 'ok', digest: artifact.digest });
  const byDigest = await pullKatalogArtifact(reg, { host: ref.host, repository: ref.repository, digest: artifact.digest });
  assert.is(byDigest.type, 'ok');
});

test('a tag that does not exist, and a repository that does not', async () => {
  const reg = fakeRegistry();
  await pushKatalogArtifact(reg, ref, planKatalogArtifact([{ role: 'katalog', bytes: KATALOG }], {}));
  const tag = await pullKatalogArtifact(reg, { ...ref, tag: 'nope' });
  assert.is(tag.type === 'error' && tag.problem.code, 'ORK1501');
  assert.ok(tag.type === 'error' && tag.problem.message.includes('tag "nope"'));
  const repo = await pullKatalogArtifact(reg, { ...ref, repository: 'other' });
  assert.ok(repo.type === 'error' && repo.problem.message.includes('repository does not exist'));
});

test('a corrupt layer is refused with both digests', async () => {
  const reg = fakeRegistry();
  const artifact = planKatalogArtifact([{ role: 'katalog', bytes: KATALOG }], {});
  await pushKatalogArtifact(reg, ref, artifact);
  reg.blobs.set(digestOf(KATALOG), utf8Encode('kind: Other\n'));
  const r = await pullKatalogArtifact(reg, ref);
  assert.is(r.type === 'error' && r.problem.code, 'ORK1506');
  assert.ok(r.type === 'error' && r.problem.message.includes(digestOf(KATALOG)));
});

test('a manifest whose bytes do not match the pinned digest is refused', async () => {
  const reg = fakeRegistry();
  const artifact = planKatalogArtifact([{ role: 'katalog', bytes: KATALOG }], {});
  await pushKatalogArtifact(reg, ref, artifact);
  const other = `sha256:${'b'.repeat(64)}`;
  // Store other bytes under the pinned digest, as a corrupt registry would serve them.
  const r = await pullKatalogArtifact({ ...reg, fetchManifest: (repo, _ref, max) => reg.fetchManifest(repo, 'v1', max) }, { host: ref.host, repository: ref.repository, digest: other });
  assert.is(r.type === 'error' && r.problem.code, 'ORK1506');
});

test('manifest checks: other artifact types, indexes, missing or oversized layers', () => {
  const manifest = (extra: object): Uint8Array => utf8Encode(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: EMPTY_CONFIG, artifactType: KATALOG_ARTIFACT_TYPE, layers: [], ...extra }));
  const layer = (size: number, mediaType = LAYERS.katalog.mediaType) => ({ mediaType, digest: `sha256:${'c'.repeat(64)}`, size });
  const cases: [bytes: Uint8Array, type: string, code: string, fragment: string][] = [
    [manifest({ artifactType: 'application/vnd.cncf.helm.config.v1+json', layers: [layer(10)] }), OCI_MANIFEST, 'ORK1502', 'a Helm chart'],
    [manifest({ artifactType: undefined, config: { ...EMPTY_CONFIG, mediaType: 'application/vnd.oci.image.config.v1+json' } }), OCI_MANIFEST, 'ORK1502', 'a container image'],
    [utf8Encode(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] })), OCI_INDEX, 'ORK1502', 'image index'],
    [manifest({ layers: [] }), OCI_MANIFEST, 'ORK1504', 'no Katalog layer'],
    [manifest({ layers: [layer(10), layer(12)] }), OCI_MANIFEST, 'ORK1504', 'more than one'],
    [manifest({ layers: [layer(100 * 1024 * 1024)] }), OCI_MANIFEST, 'ORK1505', '100.0 MiB, over the 2.0 MiB limit'],
    [manifest({ layers: [{ mediaType: LAYERS.katalog.mediaType, digest: 'sha256:xyz', size: 1 }] }), OCI_MANIFEST, 'ORK1503', 'not a sha256 digest'],
    [utf8Encode('not json'), OCI_MANIFEST, 'ORK1503', 'not a JSON object'],
  ];
  for (const [bytes, type, code, fragment] of cases) {
    const r = readKatalogManifest(bytes, type);
    assert.is(r.type === 'error' && r.problem.code, code, fragment);
    assert.ok(r.type === 'error' && r.problem.message.includes(fragment), r.type === 'error' ? r.problem.message : 'ok');
  }
  const v10 = readKatalogManifest(manifest({ artifactType: undefined, config: { ...EMPTY_CONFIG, mediaType: KATALOG_ARTIFACT_TYPE }, layers: [layer(3), layer(4, 'text/plain')] }), OCI_MANIFEST);
  assert.is(v10.type, 'ok', 'a v1.0-style artifact with the type on its config is read; foreign layers are ignored');
});

test('registry errors become problems with codes', async () => {
  const reg = fakeRegistry();
  reg.failWith({ type: 'unauthorized', status: 401, message: 'authentication required' });
  const r = await pullKatalogArtifact(reg, ref);
  assert.is(r.type === 'error' && r.problem.code, 'ORK1507');
  assert.ok(r.type === 'error' && (r.problem.hint ?? '').includes('docker login reg.test'));
  reg.failWith({ type: 'unavailable', message: 'connect ECONNREFUSED' });
  const d = await resolveDigest(reg, ref);
  assert.is(d.type === 'error' && d.problem.code, 'ORK1509');
});

test('a push to a digest that is not the artifact is refused before any upload', async () => {
  const reg = fakeRegistry();
  const r = await pushKatalogArtifact(reg, { host: 'h', repository: 'r', digest: `sha256:${'d'.repeat(64)}` }, planKatalogArtifact([{ role: 'katalog', bytes: KATALOG }], {}));
  assert.is(r.type === 'error' && r.problem.code, 'ORK1506');
  assert.equal(reg.calls, []);
});

test.run();
