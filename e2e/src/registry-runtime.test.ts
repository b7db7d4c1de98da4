// The runtime following a Katalog tag in the real CNCF distribution registry (TLS, basic auth with
// an image pull Secret's .dockerconfigjson mounted as a file), under the bundle's ServiceAccount
// against a real API server: v1 runs; v2 adds a CRD that starts without a restart; a broken v3 is
// refused while v2 keeps running; v4 needs a rule the bundle lacks and is refused with the bundle
// to apply, then runs once it is applied; the registry goes down and comes back; a wrong password
// is a clear error and no crash loop. Not one request is forbidden.
import { mkdirSync, writeFileSync } from 'node:fs';
import { KATALOG_ARTIFACT_TYPE, LAYERS } from '@orkestra/lib/registry';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startApp, stopApp, type AppProcess } from './harness/app-process.ts';
import { controlPlane } from './harness/control-plane.ts';
import { httpGet, pollHttp } from './harness/http-poll.ts';
import { applyBundle, applyKatalogCrds } from './harness/install-for-runtime.ts';
import { kubectl, kubectlJson, kubectlOk, tokenKubeconfig } from './harness/kubectl.ts';
import { cleanupNamespaces, freshNamespace } from './harness/namespace.ts';
import { orasOk, orkRegistryOk, pauseRegistry, restartRegistry, rotateRegistryPassword, stopRegistry, testRegistry } from './harness/registry.ts';
import { httpBase } from './harness/runtime-process.ts';
import { scratchDir } from './harness/scratch.ts';
import { waitFor } from './harness/wait.ts';

const test = suite('registry: the runtime follows a tag (v1..v4), outages and a wrong password');
const GROUP = 'registry.example.com';

const crd = (name: string, kind: string, children: string) => `    ${name}:
      apiTypes: {group: ${GROUP}, version: v1, kind: ${kind}, plural: ${name}s}
      operatorBox:
        onCreate:
${children}`;
const CONFIG = (prefix: string) => `          configMaps:\n            - name: "{{ .metadata.name }}-${prefix}"\n              data: {color: "{{ .spec.color | default \\"blue\\" }}"}\n`;
const katalog = (version: string, crds: string) => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: team-platform
  version: ${version}
spec:
  crds:
${crds}`;
const V1 = katalog('1.0.0', crd('alpha', 'Alpha', CONFIG('a')));
const V2 = katalog('2.0.0', crd('alpha', 'Alpha', CONFIG('a')) + crd('beta', 'Beta', CONFIG('b')));
const V3 = V2.replace('version: 2.0.0', 'version: 3.0.0').replace('      apiTypes: {group: registry.example.com, version: v1, kind: Beta', '      replicaz: 3\n      apiTypes: {group: registry.example.com, version: v1, kind: Beta');
const V4 = katalog('4.0.0', crd('alpha', 'Alpha', `${CONFIG('a')}          services:\n            - name: "{{ .metadata.name }}-svc"\n              port: 80\n`) + crd('beta', 'Beta', CONFIG('b')));

let dir = '';
let ns = '';
let repo = '';
let authFile = '';
let token = '';
let runtime: AppProcess | undefined;
let base = '';

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Pushes `text` to `tag` and returns the pinned reference ork printed. */
function push(text: string, tag: string, name: string): string {
  return orkRegistryOk(['push', '-f', file(name, text), `${repo}:${tag}`]).trim();
}

/** What a platform team does before promoting a Katalog: apply its CRDs and bundle from the pinned artifact. */
function install(pinned: string, name: string): void {
  const pulled = join(dir, `${name}-pulled.yaml`);
  orkRegistryOk(['pull', pinned, '-o', pulled]);
  applyKatalogCrds(pulled);
  writeFileSync(join(dir, `${name}-bundle.yaml`), orkRegistryOk(['generate', 'bundle', '-f', pinned, '-n', ns]));
  applyBundle(join(dir, `${name}-bundle.yaml`));
}

function startFollower(env: Record<string, string> = {}): AppProcess {
  const reg = testRegistry();
  return startApp('apps/runtime/dist/main.js', ['run'], {
    KUBECONFIG: tokenKubeconfig(controlPlane().kubeconfig, token), ORK_NAMESPACE: ns, ORK_PORT: '0', ORK_HOST: '127.0.0.1',
    ORK_REGISTRY_URL: `${repo}:stable`, ORK_REGISTRY_POLL_INTERVAL: '1s', ORK_REGISTRY_AUTH_FILE: authFile, ORK_REGISTRY_CA_FILE: reg.ca,
    DEFAULT_RESYNC: '2s', LEASE_DURATION: '4', RENEW_DEADLINE: '3', RETRY_PERIOD: '1', ...env,
  });
}

function cr(kind: string, name: string, spec: Record<string, unknown> = {}): void {
  kubectlOk(['apply', '-f', '-'], { namespace: ns, input: JSON.stringify({ apiVersion: `${GROUP}/v1`, kind, metadata: { name }, spec }) });
}

function ready(plural: string, name: string): true | undefined {
  const r = kubectl(['get', `${plural}.${GROUP}`, name, '-o', 'json'], { namespace: ns });
  if (r.status !== 0) return undefined;
  const o = JSON.parse(r.stdout) as { metadata: { generation: number }; status?: { observedGeneration?: number; conditions?: { type: string; status: string }[] } };
  return o.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') && o.status.observedGeneration === o.metadata.generation ? true : undefined;
}

function child(kind: string, name: string): true | undefined {
  return kubectl(['get', kind, name], { namespace: ns }).status === 0 ? true : undefined;
}

const source = async () => (await httpGet(base, '/health')).json().source as Record<string, any>;
const said = (r: AppProcess, msg: string) => r.lines.filter((l) => l['msg'] === msg);

test.before(() => {
  const reg = testRegistry();
  controlPlane();
  dir = scratchDir('registry-runtime');
  ns = freshNamespace('registry');
  repo = `oci://${reg.host}/platform/${ns}`;
  // The pull Secret, as a platform team creates it; the kubelet would mount its .dockerconfigjson.
  kubectlOk(['create', 'secret', 'docker-registry', 'katalog-pull', `--docker-server=${reg.host}`, `--docker-username=${reg.user}`, `--docker-password=${reg.password}`], { namespace: ns });
  const mounted = join(dir, 'pull-secret');
  mkdirSync(mounted);
  const data = kubectlOk(['get', 'secret', 'katalog-pull', '-o', 'jsonpath={.data.\\.dockerconfigjson}'], { namespace: ns });
  authFile = join(mounted, '.dockerconfigjson');
  writeFileSync(authFile, Buffer.from(data, 'base64'));
});

test.after(async () => {
  try {
    if (runtime) await stopApp(runtime, 'runtime');
  } finally {
    cleanupNamespaces();
    stopRegistry();
  }
});

test('v1: loaded at start, digest on /katalog, its CRs reconciled', async () => {
  const v1 = push(V1, 'stable', 'v1.yaml');
  install(v1, 'v1');
  token = kubectlOk(['create', 'token', 'orkestra', '--duration', '1h'], { namespace: ns }).trim();
  runtime = startFollower();
  base = await httpBase(runtime);
  const digest = v1.split('@')[1]!;
  await waitFor('katalog loaded', () => said(runtime!, 'katalog loaded from the registry').find((l) => l['digest'] === digest), 60_000);
  const katalog = await pollHttp(base, 'the v1 digest on /katalog', '/katalog', (r) => (r.json().source?.digest === digest ? r.json() : undefined));
  assert.is(katalog.name, 'team-platform');
  assert.is(katalog.version, '1.0.0');
  assert.is(katalog.source.version, '1.0.0');
  assert.is(katalog.source.reference, `${repo}:stable`);
  cr('Alpha', 'a1', { color: 'red' });
  await waitFor('a1 reconciled', () => (ready('alphas', 'a1') && child('configmap', 'a1-a')), 60_000);
});

test('v2 adds a CRD: it starts without a restart, alpha is not disturbed', async () => {
  const r = runtime!;
  const v2 = push(V2, 'candidate', 'v2.yaml');
  install(v2, 'v2');
  const alphaStarts = r.lines.filter((l) => l['msg'] === 'controller started' && l['controller'] === 'alpha').length;
  assert.is(push(V2, 'stable', 'v2.yaml'), v2.replace(':candidate', ':stable'), 'promoting by tag: the same digest');
  const updated = await waitFor('v2 applied', () => said(r, 'katalog updated from the registry').find((l) => l['digest'] === v2.split('@')[1]), 60_000);
  assert.is(updated['started'], 'beta');
  assert.is(updated['restarted'], '');
  assert.is(updated['kept'], 1);
  cr('Beta', 'b1');
  await waitFor('b1 reconciled', () => (ready('betas', 'b1') && child('configmap', 'b1-b')), 60_000);
  assert.is(r.lines.filter((l) => l['msg'] === 'controller started' && l['controller'] === 'alpha').length, alphaStarts, 'alpha kept running');
  assert.is(r.child.exitCode, null);
});

test('a broken v3 is refused: v2 keeps running, /health says why, an Event too', async () => {
  const v2digest = (await source())['digest'];
  // ork push refuses an invalid Katalog, so it arrives the way any other tool could push it: oras.
  const reg = testRegistry();
  const tagged = `${repo.slice('oci://'.length)}:stable`;
  file('katalog.yaml', V3);
  orasOk(['push', '--ca-file', reg.ca, '--artifact-type', KATALOG_ARTIFACT_TYPE, tagged, `katalog.yaml:${LAYERS.katalog.mediaType}`], dir);
  const d3 = orasOk(['resolve', '--ca-file', reg.ca, tagged]).trim();
  const health = await pollHttp(base, 'v3 refused on /health', '/health', (h) => (h.json().source?.refused?.digest === d3 ? h : undefined));
  assert.is(health.status, 200, 'the running Katalog is healthy');
  const body = health.json();
  assert.is(body.status, 'healthy');
  assert.is(body.source.digest, v2digest);
  assert.is(body.source.refused.code, 'ORK5102');
  assert.match(body.source.refused.reason, 'ORK1100 spec.crds.beta.replicaz: unknown field "replicaz"');
  cr('Beta', 'b2');
  await waitFor('b2 reconciled by v2', () => (ready('betas', 'b2') && child('configmap', 'b2-b')), 60_000);
  await waitFor('a KatalogRefused Event', () => {
    const events = kubectlJson<{ items: { reason: string; note: string; regarding: { kind: string } }[] }>(['get', 'events.events.k8s.io', '-o', 'json'], { namespace: ns }).items;
    return events.find((e) => e.reason === 'KatalogRefused' && e.note.includes('ORK5102'));
  }, 30_000);
});

test('v4 needs a rule the bundle lacks: refused with the bundle to apply; runs once it is applied', async () => {
  const r = runtime!;
  const v4 = push(V4, 'stable', 'v4.yaml');
  const d4 = v4.split('@')[1]!;
  const refused = await pollHttp(base, 'v4 refused for RBAC', '/health', (h) => (h.json().source?.refused?.digest === d4 ? h.json().source.refused : undefined));
  assert.is(refused.code, 'ORK5103');
  assert.ok(refused.missing.includes('create services') && refused.missing.includes('watch services'), refused.missing.join(', '));
  assert.is(refused.apply, `ork generate bundle -f ${repo}@${d4} -n ${ns} | kubectl apply --server-side -f -`);
  assert.match(said(r, 'katalog refused: permissions missing')[0]?.['apply'] as string, `${repo}@${d4}`);
  // The command it names, as the platform team runs it.
  writeFileSync(join(dir, 'v4-bundle.yaml'), orkRegistryOk(['generate', 'bundle', '-f', `${repo}@${d4}`, '-n', ns]));
  applyBundle(join(dir, 'v4-bundle.yaml'));
  const updated = await waitFor('v4 applied', () => said(r, 'katalog updated from the registry').find((l) => l['digest'] === d4), 60_000);
  assert.is(updated['restarted'], 'alpha');
  assert.is(updated['started'], '');
  await waitFor('a1 gets its Service', () => child('service', 'a1-svc'), 60_000);
  assert.is((await source())['refused'], undefined, 'a newer accepted digest clears the refusal');
});

test('registry down for a while: the runtime keeps running, says so, and recovers', async () => {
  pauseRegistry();
  try {
    const err = await pollHttp(base, 'the outage on /health', '/health', (h) => (h.json().source?.lastError ? h : undefined));
    assert.is(err.status, 200);
    assert.is(err.json().source.lastError.code, 'ORK5104');
    cr('Alpha', 'a2');
    await waitFor('a2 reconciled during the outage', () => (ready('alphas', 'a2') && child('service', 'a2-svc')), 60_000);
  } finally {
    restartRegistry();
  }
  await pollHttp(base, 'recovery', '/health', (h) => (h.json().source?.lastError === undefined ? h : undefined));
  assert.ok(said(runtime!, 'registry reachable again').length >= 1);
});

test('a wrong password: a clear error, no crash loop; fixed, it recovers', async () => {
  const r = runtime!;
  const reg = testRegistry();
  // The registry's password is rotated; the runtime's pull Secret still holds the old one.
  rotateRegistryPassword('rotated-password');
  const err = await pollHttp(base, 'the credentials error', '/health', (h) => (h.json().source?.lastError?.code === 'ORK5105' ? h : undefined));
  assert.is(err.status, 200, 'the running Katalog is still healthy');
  assert.match(err.json().source.lastError.message, 'ORK1507');
  assert.match(err.json().source.lastError.message, `${reg.host} refused the credentials`);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  assert.is(said(r, 'registry credentials refused').length, 1, 'said once, not every poll');
  assert.is(r.child.exitCode, null);
  // A fresh runtime with the wrong password: nothing to run, /health 503 with the reason, and it stays up.
  const fresh = startFollower({ LEADER_ELECTION: 'false' });
  try {
    const freshBase = await httpBase(fresh);
    const h = await pollHttp(freshBase, 'the fresh runtime reports the credentials error', '/health', (x) => (x.json().source?.lastError?.code === 'ORK5105' ? x : undefined));
    assert.is(h.status, 503);
    assert.is(h.json().status, 'degraded');
    assert.is(h.json().source.digest, undefined);
    assert.is((await httpGet(freshBase, '/readyz')).status, 503);
    await new Promise((resolve) => setTimeout(resolve, 4000));
    assert.is(fresh.child.exitCode, null, 'no exit, so no crash loop');
  } finally {
    assert.is(await stopApp(fresh, 'runtime'), 0);
  }
  assert.is(fresh.lines.at(-1)?.['forbidden'], 0);
  // The Secret is updated; the kubelet rewrites the mounted file and the next poll reads it.
  writeFileSync(authFile, JSON.stringify({ auths: { [reg.host]: { auth: Buffer.from(`${reg.user}:rotated-password`).toString('base64') } } }));
  await pollHttp(base, 'recovery with the new password', '/health', (h) => (h.json().source?.lastError === undefined ? h : undefined));
});

test('stopped cleanly, and not one request was forbidden', async () => {
  const r = runtime!;
  runtime = undefined;
  assert.is(await stopApp(r, 'runtime'), 0);
  const last = r.lines.at(-1)!;
  assert.is(last['msg'], 'runtime stopped');
  assert.is(last['forbidden'], 0);
  const kinds = kubectlJson<{ items: { reason: string }[] }>(['get', 'events.events.k8s.io', '-o', 'json'], { namespace: ns }).items.map((e) => e.reason);
  for (const reason of ['KatalogLoaded', 'KatalogUpdated', 'KatalogRefused']) assert.ok(kinds.includes(reason), `${reason} in ${kinds.join(',')}`);
});

test.run();
