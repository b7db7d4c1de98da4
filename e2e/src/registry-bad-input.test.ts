// Bad input from a real registry (the CNCF distribution registry, TLS and basic auth): a tag that
// does not exist, another artifact type, a 100 MB layer, a corrupt blob. Each is a clear error
// with its code, the right exit code, nothing written, and no stack trace.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { KATALOG_ARTIFACT_TYPE, LAYERS } from '@orkestra/lib/registry';
import { REPO } from './harness/control-plane.ts';
import { orasOk, orkAt, orkRegistryOk, stopRegistry, testRegistry } from './harness/registry.ts';

const test = suite('registry: bad input, each a clear error and exit code');
const KATALOG = join(REPO, 'examples/website/katalog.yaml');
let dir = '';

/** `ork <args> --ca-file CA` and its result, with the no-stack-trace check every case makes. */
function ork(args: string[]): { status: number; stderr: string; stdout: string } {
  const r = orkAt([...args, '--ca-file', testRegistry().ca]);
  assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
  return { status: r.status ?? -1, stderr: r.stderr, stdout: r.stdout };
}

test.before(() => {
  testRegistry();
  dir = mkdtempSync(join(tmpdir(), 'ork-registry-bad-'));
  orkRegistryOk(['push', '-f', KATALOG, `oci://${testRegistry().host}/platform/website:v1`]);
});
test.after(() => stopRegistry());

test('a tag that does not exist: exit 1, ORK1501, for pull, validate and generate alike', () => {
  const ref = `oci://${testRegistry().host}/platform/website:no-such-tag`;
  for (const args of [['pull', ref, '-o', join(dir, 'x.yaml')], ['validate', '-f', ref], ['generate', 'bundle', '-f', ref]]) {
    const r = ork(args);
    assert.is(r.status, 1, `${args[0]}: ${r.stderr}`);
    assert.match(r.stderr, `error: ORK1501: ${ref}: tag "no-such-tag" in oci://${testRegistry().host}/platform/website not found`);
    assert.match(r.stderr, 'MANIFEST_UNKNOWN');
  }
  assert.not.ok(existsSync(join(dir, 'x.yaml')));
  const repo = ork(['pull', `oci://${testRegistry().host}/no/such/repo:v1`]);
  assert.is(repo.status, 1);
  assert.match(repo.stderr, 'ORK1501');
});

test('a manifest of another artifact type: exit 1, ORK1502, naming what it is', () => {
  const reg = testRegistry();
  writeFileSync(join(dir, 'chart-config.json'), '{"name":"web","version":"1.0.0"}');
  writeFileSync(join(dir, 'web-1.0.0.tgz'), 'not really a chart');
  orasOk(['push', '--ca-file', reg.ca, '--config', 'chart-config.json:application/vnd.cncf.helm.config.v1+json', `${reg.host}/platform/website:chart`,
    'web-1.0.0.tgz:application/vnd.cncf.helm.chart.content.v1.tar+gzip'], dir);
  const chart = ork(['pull', `oci://${reg.host}/platform/website:chart`]);
  assert.is(chart.status, 1, chart.stderr);
  assert.match(chart.stderr, 'ORK1502');
  assert.match(chart.stderr, 'the artifact is a Helm chart, not a Katalog');
  writeFileSync(join(dir, 'sbom.json'), '{}');
  orasOk(['push', '--ca-file', reg.ca, '--artifact-type', 'application/vnd.example.sbom.v1', `${reg.host}/platform/website:sbom`, 'sbom.json:application/json'], dir);
  const sbom = ork(['validate', '-f', `oci://${reg.host}/platform/website:sbom`]);
  assert.is(sbom.status, 1);
  assert.match(sbom.stderr, 'the artifact is "application/vnd.example.sbom.v1", not a Katalog');
  assert.match(sbom.stderr, `hint: push a Katalog with ork push, or with oras: oras push --artifact-type ${KATALOG_ARTIFACT_TYPE}`);
});

test('a 100 MB Katalog layer: exit 1, ORK1505, refused by its declared size before any download', () => {
  const reg = testRegistry();
  const big = join(dir, 'katalog.yaml');
  writeFileSync(big, Buffer.alloc(100 * 1024 * 1024, '#'));
  orasOk(['push', '--ca-file', reg.ca, '--artifact-type', KATALOG_ARTIFACT_TYPE, `${reg.host}/platform/huge:v1`, `katalog.yaml:${LAYERS.katalog.mediaType}`], dir);
  const manifest = JSON.parse(orasOk(['manifest', 'fetch', '--ca-file', reg.ca, `${reg.host}/platform/huge:v1`])) as { layers: { digest: string; size: number }[] };
  assert.is(manifest.layers[0]!.size, 100 * 1024 * 1024);
  const logFile = join(reg.stateDir, 'logs/registry.log');
  const logBefore = readFileSync(logFile, 'utf8').length;
  const r = ork(['pull', `oci://${reg.host}/platform/huge:v1`, '-o', join(dir, 'huge-out.yaml')]);
  assert.is(r.status, 1, r.stderr);
  assert.match(r.stderr, 'ORK1505');
  assert.match(r.stderr, 'layers[0].size: the katalog.yaml layer is 100.0 MiB, over the 2.0 MiB limit; it was not downloaded');
  assert.not.ok(existsSync(join(dir, 'huge-out.yaml')));
  // The registry's access log of the pull: the manifest was read, the blob never asked for.
  const log = readFileSync(logFile, 'utf8').slice(logBefore);
  assert.match(log, '"GET /v2/platform/huge/manifests/v1 ');
  assert.not.match(log, `/blobs/${manifest.layers[0]!.digest} `);
});

test('a corrupt blob in the registry: exit 1, ORK1506 with both digests, nothing written', () => {
  const reg = testRegistry();
  const ref = `oci://${reg.host}/platform/corrupt:v1`;
  orkRegistryOk(['push', '-f', KATALOG, ref]);
  const manifest = JSON.parse(orasOk(['manifest', 'fetch', '--ca-file', reg.ca, `${reg.host}/platform/corrupt:v1`])) as { layers: { digest: string }[] };
  const digest = manifest.layers[0]!.digest;
  const hex = digest.slice('sha256:'.length);
  // The filesystem driver's layout: what a disk error or a tampering hand would change.
  const blob = join(reg.stateDir, 'data/docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex, 'data');
  const original = readFileSync(blob);
  writeFileSync(blob, Buffer.from(original.toString('utf8').replace('nginx', 'evilx')));
  const out = join(dir, 'corrupt-out.yaml');
  const r = ork(['pull', ref, '-o', out]);
  assert.is(r.status, 1, r.stderr);
  assert.match(r.stderr, 'ORK1506');
  assert.match(r.stderr, `the katalog.yaml layer should be ${original.length} bytes with digest ${digest}; the registry sent ${original.length} bytes with digest sha256:`);
  assert.not.ok(existsSync(out), 'nothing written');
  const v = ork(['validate', '-f', ref]);
  assert.is(v.status, 1);
  assert.match(v.stderr, 'ORK1506');
});

test('a malformed reference: exit 2 with the fix', () => {
  const r = ork(['pull', `${testRegistry().host}/platform/website:v1`]);
  assert.is(r.status, 2);
  assert.match(r.stderr, 'invalid OCI reference');
  assert.match(r.stderr, `hint: write oci://${testRegistry().host}/platform/website:v1`);
});

test.run();
