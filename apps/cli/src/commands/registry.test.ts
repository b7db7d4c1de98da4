// push, pull and -f oci:// against the in-memory registry of @orkestra/lib/testing; the same
// commands against the real distribution registry are e2e/src/registry-*.test.ts.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { digestOf, LAYERS, OCI_MANIFEST } from '@orkestra/lib/registry';
import { COMMANDS } from './index.ts';
import { fakeIo, type FakeIo } from '../fake-io.test-support.ts';
import { runCli } from '../run-cli.ts';

const test = suite('ork push / pull / -f oci://');
const KATALOG = `# the team's Katalog; comments travel byte for byte
apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: my-platform, version: 1.2.0}
spec:
  crds:
    website:
      apiTypes: {group: demo.orkestra.io, version: v1alpha1, kind: Website, plural: websites}
      operatorBox:
        onCreate:
          deployments:
            - image: nginx
`;
const REF = 'oci://registry.test/platform/katalog:v1';

async function run(io: FakeIo, argv: string[]): Promise<number> {
  return runCli(argv, COMMANDS, io);
}

test('push prints the pinned reference; pull gives the same bytes back', async () => {
  const io = fakeIo({ 'k.yaml': KATALOG });
  assert.is(await run(io, ['push', '-f', 'k.yaml', REF, '--revision', 'abc123', '--created', '2025-01-31T12:00:00Z']), 0, io.err);
  const digest = io.out.trim().split('@')[1]!;
  assert.is(io.out, `oci://registry.test/platform/katalog@${digest}\n`);
  assert.match(io.err, `digest: ${digest}`);
  io.out = '';
  assert.is(await run(io, ['pull', REF, '-o', 'out.yaml']), 0, io.err);
  assert.is(io.files.get('out.yaml'), KATALOG);
  assert.match(io.err, `pin it: oci://registry.test/platform/katalog@${digest}`);
  assert.equal(io.accesses[0], { host: 'registry.test', plainHttp: false });
});

test('the same Katalog and annotations push to the same digest (no clock in the artifact)', async () => {
  const a = fakeIo({ 'k.yaml': KATALOG });
  const b = fakeIo({ 'k.yaml': KATALOG });
  await run(a, ['push', '-f', 'k.yaml', REF, '--created', '2025-01-31T12:00:00Z']);
  await run(b, ['push', '-f', 'k.yaml', REF, '--created', '2025-01-31T12:00:00Z']);
  assert.is(a.out, b.out);
});

test('push --include crds,bundle adds layers pull --layer reads', async () => {
  const io = fakeIo({ 'k.yaml': KATALOG });
  assert.is(await run(io, ['push', '-f', 'k.yaml', REF, '--include', 'crds,bundle', '-n', 'team-a']), 0, io.err);
  io.out = '';
  assert.is(await run(io, ['pull', REF, '--layer', 'bundle']), 0, io.err);
  assert.match(io.out, 'namespace: team-a');
  io.out = '';
  assert.is(await run(io, ['pull', REF, '--layer', 'crds']), 0, io.err);
  assert.match(io.out, 'kind: CustomResourceDefinition');
});

test('validate and generate read -f oci://, naming the pinned artifact', async () => {
  const io = fakeIo({ 'k.yaml': KATALOG });
  await run(io, ['push', '-f', 'k.yaml', REF]);
  const pinned = io.out.trim();
  io.out = '';
  assert.is(await run(io, ['validate', '-f', REF]), 0, io.err);
  assert.match(io.out, `${REF}@${pinned.split('@')[1]}: valid Katalog "my-platform"`);
  io.out = '';
  assert.is(await run(io, ['generate', 'bundle', '-f', pinned, '-n', 'team-a']), 0, io.err);
  assert.match(io.out, 'kind: ClusterRole');
});

test('bad input: each a clear error, the right exit code, no stack trace', async () => {
  const io = fakeIo({ 'k.yaml': KATALOG, 'bad.yaml': KATALOG.replace('image: nginx', 'image: nginx\n              replica: 2') });
  await run(io, ['push', '-f', 'k.yaml', REF]);
  // Another artifact type under a tag: a Helm chart.
  const helm = new TextEncoder().encode(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: 'application/vnd.cncf.helm.config.v1+json', digest: digestOf(new Uint8Array(0)), size: 0 }, layers: [] }));
  io.fakeRegistry.putManifest('platform/katalog', 'chart', OCI_MANIFEST, helm);
  const cases: [argv: string[], code: number, fragment: string][] = [
    [['pull', 'oci://registry.test/platform/katalog:nope'], 1, 'ORK1501: oci://registry.test/platform/katalog:nope: tag "nope" in oci://registry.test/platform/katalog not found'],
    [['pull', 'oci://registry.test/platform/katalog:chart'], 1, 'ORK1502: oci://registry.test/platform/katalog:chart: artifactType: the artifact is a Helm chart, not a Katalog'],
    [['validate', '-f', 'oci://registry.test/platform/katalog:chart'], 1, 'a Helm chart'],
    [['pull', 'registry.test/platform/katalog:v1'], 2, 'invalid OCI reference "registry.test/platform/katalog:v1": it does not start with oci://'],
    [['pull', 'oci://registry.test/Platform:v1'], 2, 'repository component "Platform"'],
    [['pull', REF, '--layer', 'chart'], 2, '--layer chart is not a layer'],
    [['pull'], 2, 'ork pull needs a reference'],
    [['push', '-f', 'k.yaml'], 2, 'ork push needs a reference'],
    [['push', '-f', 'bad.yaml', REF], 1, 'unknown field "replica"'],
    [['push', '-f', 'k.yaml', REF, '--created', 'yesterday'], 2, 'not an RFC 3339 time'],
    [['push', '-f', 'k.yaml', REF, '--include', 'docs'], 2, 'unknown layer "docs"'],
    [['push', '-f', REF, REF], 2, 'reads a Katalog file, not a reference'],
    [['pull', REF, '--ca-file', 'missing.pem'], 2, 'cannot read --ca-file'],
  ];
  for (const [argv, code, fragment] of cases) {
    io.err = '';
    io.out = '';
    assert.is(await run(io, argv), code, `${argv.join(' ')}: ${io.err}`);
    assert.ok(io.err.includes(fragment), `${argv.join(' ')}:\n${io.err}`);
    assert.not.match(io.err, /\n\s+at /);
  }
});

test('registry failures: credentials exit 2, an outage 1', async () => {
  const io = fakeIo({ 'k.yaml': KATALOG });
  io.fakeRegistry.failWith({ type: 'unauthorized', status: 401, message: 'credentials rejected: UNAUTHORIZED: authentication required' });
  assert.is(await run(io, ['pull', REF]), 2);
  assert.match(io.err, 'ORK1507');
  assert.match(io.err, 'hint: log in (docker login registry.test');
  io.err = '';
  io.fakeRegistry.failWith({ type: 'unavailable', message: 'registry.test: connect ECONNREFUSED' });
  assert.is(await run(io, ['push', '-f', 'k.yaml', REF]), 1);
  assert.match(io.err, 'ORK1509');
});

test('a corrupt Katalog layer is refused by digest', async () => {
  const io = fakeIo({ 'k.yaml': KATALOG });
  await run(io, ['push', '-f', 'k.yaml', REF]);
  const layer = digestOf(new TextEncoder().encode(KATALOG));
  io.fakeRegistry.blobs.set(layer, new TextEncoder().encode(KATALOG.replace('nginx', 'evil!')));
  assert.is(await run(io, ['pull', REF, '-o', 'x.yaml']), 1);
  assert.match(io.err, `ORK1506`);
  assert.match(io.err, `${LAYERS.katalog.title} layer should be`);
  assert.is(io.files.has('x.yaml'), false, 'nothing written');
});

test('ork run -f oci:// hands over with ORK_REGISTRY_URL; gate refuses it', async () => {
  const io = fakeIo();
  assert.is(await run(io, ['run', '-f', REF]), 0, io.err);
  assert.equal(io.handedOff, { app: 'runtime', argv: ['run'], env: { ORK_REGISTRY_URL: REF } });
  const gate = fakeIo();
  assert.is(await run(gate, ['gate', '-f', REF]), 2);
  assert.is(await run(fakeIo(), ['run', '-f', 'oci://reg/Bad']), 2);
});

test.run();
