// The CRD and bundle `ork generate` makes for the examples apply to a real API server (server-side,
// so every object is validated), and a custom resource of the CRD can be created and read back.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { kubectl, kubectlJson, kubectlOk } from './harness/kubectl.ts';
import { cleanupNamespaces, freshNamespace } from './harness/namespace.ts';
import { ork } from './harness/ork.ts';
import { scratchDir } from './harness/scratch.ts';
import { waitFor } from './harness/wait.ts';

const test = suite('generated CRD and bundle on a real API server');
const dir = scratchDir('bundle');
test.after(() => {
  cleanupNamespaces();
});

function applyServerSide(yaml: string, namespace?: string): string {
  const file = join(dir, `apply-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, yaml);
  return kubectlOk(['apply', '--server-side', '--field-manager', 'e2e', '-f', file], namespace ? { namespace } : {});
}

function waitEstablished(name: string): Promise<true> {
  return waitFor(`CRD ${name} Established`, () => {
    const r = kubectl(['get', 'crd', name, '-o', 'jsonpath={.status.conditions[?(@.type=="Established")].status}']);
    return r.stdout === 'True' ? true : undefined;
  });
}

test('the website CRD and bundle apply server-side; a Website can be created and read back', async () => {
  applyServerSide(ork(['generate', 'crd', '-f', 'examples/website/katalog.yaml']));
  await waitEstablished('websites.demo.orkestra.io');
  const install = freshNamespace('install');
  kubectlOk(['delete', 'namespace', install]);
  const out = applyServerSide(ork(['generate', 'bundle', '-f', 'examples/website/katalog.yaml', '-n', install]));
  for (const kind of ['namespace', 'serviceaccount', 'clusterrole', 'clusterrolebinding', 'role', 'rolebinding', 'configmap']) {
    assert.match(out, new RegExp(`^${kind}[^\\n]* serverside-applied$`, 'm'), `${kind} not applied:\n${out}`);
  }
  const cm = kubectlJson<{ data: Record<string, string> }>(['get', 'configmap', 'orkestra-katalog'], { namespace: install });
  assert.match(cm.data['katalog.yaml']!, 'kind: Katalog');

  const ns = freshNamespace('website');
  applyServerSide('apiVersion: demo.orkestra.io/v1alpha1\nkind: Website\nmetadata: {name: hello}\nspec: {replicas: 2, title: hi}\n', ns);
  const cr = kubectlJson<{ spec: Record<string, unknown>; metadata: { uid: string } }>(['get', 'website', 'hello'], { namespace: ns });
  assert.equal(cr.spec, { replicas: 2, title: 'hi' });
  assert.ok(cr.metadata.uid.length > 0);
});

test('a declared schema is enforced by the API server: the starter CRD rejects replicas "two"', async () => {
  applyServerSide(ork(['generate', 'crd', '-f', 'examples/starter/katalog.yaml']));
  await waitEstablished('websites.demo.orkestra.io');
  const ns = freshNamespace('starter');
  const file = join(dir, 'bad-cr.yaml');
  writeFileSync(file, 'apiVersion: demo.orkestra.io/v1alpha1\nkind: Website\nmetadata: {name: bad}\nspec: {replicas: two}\n');
  const r = kubectl(['apply', '--server-side', '-f', file], { namespace: ns });
  assert.is.not(r.status, 0);
  assert.match(r.stderr, 'spec.replicas');
  applyServerSide('apiVersion: demo.orkestra.io/v1alpha1\nkind: Website\nmetadata: {name: good}\nspec: {replicas: 3}\n', ns);
  const good = kubectlJson<{ spec: Record<string, unknown> }>(['get', 'website', 'good'], { namespace: ns });
  // Defaults from the declared schema are applied by the API server.
  assert.equal(good.spec, { image: 'nginx:1.27', port: 80, replicas: 3 });
  // Leave the seed's schema-less CRD in place for the other tests.
  applyServerSide(ork(['generate', 'crd', '-f', 'examples/website/katalog.yaml']));
});

test('the standalone gateway bundle (--for gateway) applies server-side', () => {
  const install = freshNamespace('gw');
  kubectlOk(['delete', 'namespace', install]);
  const out = applyServerSide(ork(['generate', 'bundle', '--for', 'gateway', '-f', 'examples/gateway/katalog.yaml', '-n', install]));
  assert.match(out, 'serviceaccount/orkestra-gateway serverside-applied');
  assert.not.match(out, 'serviceaccount/orkestra serverside-applied');
});

test.run();
