// Issue 18: a CRD with two versions converted by the gateway's /convert, against the real API
// server. The gateway runs under a token of the bundle's orkestra-gateway ServiceAccount and the
// runtime under the orkestra one. Objects written as v1alpha1 are stored as v1beta1 and read back
// in both versions with nothing lost (the v1beta1-only field rides in an annotation through
// v1alpha1); kubectl lists both versions; the deprecation warning reaches the client; a cleared
// caBundle is put back by the housekeeper; reads keep working while the certificates rotate; the
// runtime, which reads v1beta1 only, keeps reconciling; and neither process meets a 403. With no
// node here, the test plays each Site's Deployment available so Ready can turn True (issue 14).
import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { controlPlane } from './harness/control-plane.ts';
import { kubectl, kubectlOk, tokenKubeconfig } from './harness/kubectl.ts';
import { cleanupNamespaces, freshNamespace } from './harness/namespace.ts';
import { gatewayReady, linesOf, startGateway, stopGateway, stoppedLine, type GatewayProcess } from './harness/gateway-process.ts';
import { uninstallGateway } from './harness/install-for-gateway.ts';
import { applyBundle, applyKatalogCrds } from './harness/install-for-runtime.ts';
import { ork } from './harness/ork.ts';
import { startRuntime, stopRuntime, type RuntimeProcess } from './harness/runtime-process.ts';
import { scratchDir } from './harness/scratch.ts';
import { atomsOf, denialOf, describeAtom, replaceWithout, rolesBoundTo } from './harness/role-ablation.ts';
import { waitFor } from './harness/wait.ts';
import { playOwnedDeploymentsCaughtUp } from './harness/play-deployment.ts';
import { writeFileSync } from 'node:fs';

const KATALOG = 'e2e/fixtures/conversion/katalog.yaml';
const CRD = 'sites.conv.e2e.orkestra.io';
const ALPHA = `sites.v1alpha1.conv.e2e.orkestra.io`;
const BETA = `sites.v1beta1.conv.e2e.orkestra.io`;

type Obj = { apiVersion: string; metadata: { name: string; annotations?: Record<string, string>; generation?: number }; spec?: Record<string, unknown>; status?: { observedGeneration?: number; conditions?: { type: string; status: string }[] } };

const test = suite('conversion through the gateway: two versions of a CRD on the real API server');
let gateway: GatewayProcess | undefined;
let runtime: RuntimeProcess | undefined;
let ns = '';
let installNs = '';
let bundleFile = '';
let gatewayKubeconfig = '';

function getAs(resource: string, name: string): Obj {
  return JSON.parse(kubectlOk(['get', resource, name, '-o', 'json'], { namespace: ns })) as Obj;
}

function crdConversion(): { strategy?: string; webhook?: { clientConfig?: { url?: string; caBundle?: string } } } {
  return (JSON.parse(kubectlOk(['get', 'crd', CRD, '-o', 'json'])) as { spec: { conversion: ReturnType<typeof crdConversion> } }).spec.conversion;
}

test.before(async () => {
  applyKatalogCrds(KATALOG);
  installNs = freshNamespace('conv-install');
  ns = freshNamespace('conv-objs');
  const bundle = join(scratchDir('conversion'), 'bundle.yaml');
  bundleFile = bundle;
  writeFileSync(bundle, ork(['generate', 'bundle', '-f', KATALOG, '-n', installNs]));
  applyBundle(bundle);
  const admin = controlPlane().kubeconfig;
  const token = (sa: string): string => tokenKubeconfig(admin, kubectlOk(['create', 'token', sa, '--duration', '1h'], { namespace: installNs }).trim());
  // Certificates that live 3 minutes and rotate after 1: the reads below run across a rotation.
  gatewayKubeconfig = token('orkestra-gateway');
  gateway = startGateway(KATALOG, { KUBECONFIG: gatewayKubeconfig, ORK_NAMESPACE: installNs, HOUSEKEEPER_SYNC_INTERVAL: '1s' });
  await gatewayReady(gateway, 60_000);
  await waitFor('the CRD to point at the gateway with its CA', () => {
    const c = crdConversion();
    return c.strategy === 'Webhook' && c.webhook?.clientConfig?.url?.endsWith('/convert') && (c.webhook.clientConfig.caBundle ?? '') !== '' ? true : undefined;
  }, 30_000);
  runtime = startRuntime(KATALOG, { KUBECONFIG: token('orkestra'), ORK_NAMESPACE: installNs, DEFAULT_RESYNC: '2s' });
});

test.after(async () => {
  try {
    if (runtime) await stopRuntime(runtime).catch(() => undefined);
    if (gateway) await stopGateway(gateway).catch(() => undefined);
  } finally {
    // No gateway converts any more, and objects are stored in both versions: with the webhook
    // strategy left on, the API server could decode none of them, so the CRD's deletion (and the
    // namespace and garbage collectors of every later file) would stall on them. Strategy None
    // first: every stored object decodes again. Then the objects' finalizers (the runtime is
    // gone), then the CRD, waited for.
    kubectl(['patch', 'crd', CRD, '--type=merge', '-p', '{"spec":{"conversion":{"strategy":"None","webhook":null}}}']);
    for (const name of ['blog', 'shop', 'plain', 'later']) {
      kubectl(['patch', BETA, name, '--type=merge', '-p', '{"metadata":{"finalizers":null}}'], { namespace: ns });
    }
    kubectl(['delete', 'crd', CRD, '--ignore-not-found', '--timeout=60s']);
    kubectl(['delete', 'clusterrolebinding,clusterrole', 'orkestra-runtime', '--ignore-not-found', '--wait=false']);
    uninstallGateway();
    cleanupNamespaces();
  }
});

test('created as v1alpha1, stored as v1beta1, read in both versions with nothing lost', () => {
  const created = kubectl(['apply', '-f', '-'], {
    namespace: ns,
    input: `apiVersion: conv.e2e.orkestra.io/v1alpha1\nkind: Site\nmetadata:\n  name: blog\n  labels: {team: web}\nspec:\n  image: nginx:1.27\n  replicas: 2\n  domain: blog.example.com\n`,
  });
  assert.is(created.status, 0, created.stderr);
  // The API server shows the version's deprecationWarning to the client.
  assert.match(created.stderr, /Warning: conv\.e2e\.orkestra\.io\/v1alpha1 Site is deprecated; use v1beta1/);
  const beta = getAs(BETA, 'blog');
  assert.is(beta.apiVersion, 'conv.e2e.orkestra.io/v1beta1');
  assert.equal(beta.spec, { container: { image: 'nginx:1.27' }, replicas: 2, hostname: 'blog.example.com' });
  const alpha = getAs(ALPHA, 'blog');
  assert.is(alpha.apiVersion, 'conv.e2e.orkestra.io/v1alpha1');
  assert.equal(alpha.spec, { image: 'nginx:1.27', replicas: 2, domain: 'blog.example.com' });
  assert.is(alpha.metadata.annotations?.['website_port'], undefined);
});

test('a v1beta1-only field survives a round trip through v1alpha1 (kept in an annotation there)', () => {
  kubectlOk(['apply', '-f', '-'], {
    namespace: ns,
    input: `apiVersion: conv.e2e.orkestra.io/v1beta1\nkind: Site\nmetadata:\n  name: shop\nspec:\n  container: {image: httpd, port: 8080}\n  replicas: 1\n  hostname: shop.example.com\n`,
  });
  const alpha = getAs(ALPHA, 'shop');
  assert.equal(alpha.spec, { image: 'httpd', replicas: 1, domain: 'shop.example.com' });
  assert.is(alpha.metadata.annotations?.['website_port'], '8080');
  // Written back through v1alpha1 (an edit of a v1alpha1 field) the port is still there in v1beta1.
  const patched = kubectl(['patch', ALPHA, 'shop', '--type=merge', '-p', '{"spec":{"replicas":3}}'], { namespace: ns });
  assert.is(patched.status, 0, patched.stderr);
  const beta = getAs(BETA, 'shop');
  assert.equal(beta.spec, { container: { image: 'httpd', port: 8080 }, replicas: 3, hostname: 'shop.example.com' });
  assert.is(beta.metadata.annotations?.['website_port'], undefined);
});

test('kubectl get lists both versions', () => {
  const a = kubectlOk(['get', ALPHA, '-o', 'jsonpath={range .items[*]}{.apiVersion} {.metadata.name} {.spec.domain}{"\\n"}{end}'], { namespace: ns });
  const b = kubectlOk(['get', BETA, '-o', 'jsonpath={range .items[*]}{.apiVersion} {.metadata.name} {.spec.hostname}{"\\n"}{end}'], { namespace: ns });
  assert.equal(a.trim().split('\n').sort(), ['conv.e2e.orkestra.io/v1alpha1 blog blog.example.com', 'conv.e2e.orkestra.io/v1alpha1 shop shop.example.com']);
  assert.equal(b.trim().split('\n').sort(), ['conv.e2e.orkestra.io/v1beta1 blog blog.example.com', 'conv.e2e.orkestra.io/v1beta1 shop shop.example.com']);
});

test('the runtime (which reads v1beta1) reconciles objects written in either version', async () => {
  for (const name of ['blog', 'shop']) {
    await waitFor(`${name} Ready`, () => {
      playOwnedDeploymentsCaughtUp(ns, name);
      const o = getAs(BETA, name);
      const ready = o.status?.conditions?.find((c) => c.type === 'Ready');
      return ready?.status === 'True' && o.status?.observedGeneration === o.metadata.generation ? true : undefined;
    }, 60_000);
  }
  const image = kubectlOk(['get', 'deployment', '-o', 'jsonpath={range .items[*]}{.spec.template.spec.containers[0].image}{"\\n"}{end}'], { namespace: ns });
  assert.equal(image.trim().split('\n').sort(), ['httpd', 'nginx:1.27']);
  // The status the runtime wrote reads the same through v1alpha1.
  assert.equal(getAs(ALPHA, 'blog').status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
});

test('a cleared caBundle is put back by the housekeeper, and reads work again', async () => {
  const before = crdConversion().webhook!.clientConfig!.caBundle!;
  kubectlOk(['patch', 'crd', CRD, '--type=json', '-p', '[{"op":"remove","path":"/spec/conversion/webhook/clientConfig/caBundle"}]']);
  const clearedAt = Date.now();
  await waitFor('the caBundle to be restored', () => ((crdConversion().webhook?.clientConfig?.caBundle ?? '') !== '' ? true : undefined), 30_000, 100);
  const restoredMs = Date.now() - clearedAt;
  process.stderr.write(`  caBundle restored ${restoredMs} ms after it was cleared (housekeeper interval 1 s)\n`);
  assert.is(crdConversion().webhook!.clientConfig!.caBundle, before);
  assert.ok(linesOf(gateway!, 'CRD conversion repaired').some((l) => l['crd'] === CRD && String(l['fields']).includes('caBundle')));
  await waitFor('v1alpha1 reads to work again', () => (kubectl(['get', ALPHA, 'blog'], { namespace: ns }).status === 0 ? true : undefined), 30_000);
});

test('a stream of v1alpha1 reads loses none while the serving certificate is reloaded', async () => {
  const cp = controlPlane();
  const bin = cp.binDir ? join(cp.binDir, 'kubectl') : 'kubectl';
  const read = (): Promise<string | undefined> => new Promise((resolve) => {
    execFile(bin, ['get', ALPHA, '-n', ns, '-o', 'name'], { env: { ...process.env, KUBECONFIG: cp.kubeconfig }, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve(err ? `${String(stderr).trim().slice(0, 300)}` : stdout.includes('blog') && stdout.includes('shop') ? undefined : `unexpected: ${stdout}`);
    });
  });
  // Kill the serving certificate in the Secret: the next pass issues a new one and reloads in place.
  const reloadsBefore = linesOf(gateway!, 'serving certificate reloaded').length;
  let failures: string[] = [];
  let reads = 0;
  let stop = false;
  const reader = async (): Promise<void> => {
    while (!stop) {
      const r = await read();
      reads++;
      if (r !== undefined) failures = [...failures, r];
    }
  };
  const readers = [reader(), reader()];
  await new Promise((r) => setTimeout(r, 1000));
  kubectlOk(['patch', 'secret', 'orkestra-gateway-tls', '-n', installNs, '--type=json', '-p', '[{"op":"remove","path":"/data/tls.crt"}]']);
  await waitFor('a serving certificate reload', () => (linesOf(gateway!, 'serving certificate reloaded').length > reloadsBefore ? true : undefined), 30_000);
  // At least 6 more reads after the reload (kubectl takes about a second each on a busy machine).
  const afterReload = reads;
  await waitFor('reads after the reload', () => (reads >= afterReload + 6 ? true : undefined), 60_000, 100);
  stop = true;
  await Promise.all(readers);
  process.stderr.write(`  ${reads} v1alpha1 list reads across a serving certificate reload, ${failures.length} failed\n`);
  assert.equal(failures.slice(0, 3), []);
  assert.ok(reads >= 8, `only ${reads} reads`);
});

test('a review the gateway cannot convert fails the request with its message, not a 500', async () => {
  const r = kubectl(['apply', '-f', '-'], {
    namespace: ns,
    input: 'apiVersion: conv.e2e.orkestra.io/v1alpha1\nkind: Site\nmetadata:\n  name: plain\n  annotations: {website_port: eighty}\nspec:\n  image: nginx\n',
  });
  assert.is.not(r.status, 0);
  assert.match(r.stderr, /spec\.container\.port: "eighty" is not an integer/);
  // kubectl ran synchronously: the gateway's log lines are read once the event loop turns again.
  await waitFor('the gateway to log the failed conversion', () => (linesOf(gateway!, 'conversion failed').length >= 1 ? true : undefined), 10_000);
});

test('the storage version moves to v1alpha1; migrate-storage rewrites every object and storedVersions; the runtime keeps reconciling', async () => {
  // Move storage to v1alpha1 on the cluster's CRD (as a new release of the Katalog would).
  kubectlOk(['patch', 'crd', CRD, '--type=json', '-p', JSON.stringify([
    { op: 'replace', path: '/spec/versions/0/storage', value: true }, { op: 'replace', path: '/spec/versions/1/storage', value: false },
  ])]);
  // A new object written as v1beta1 is now stored as v1alpha1 (converted by the gateway on the way in).
  await waitFor('writes to be stored as v1alpha1', () => {
    const r = kubectl(['apply', '-f', '-'], { namespace: ns, input: 'apiVersion: conv.e2e.orkestra.io/v1beta1\nkind: Site\nmetadata:\n  name: later\nspec:\n  container: {image: caddy, port: 9090}\n' });
    const stored = (JSON.parse(kubectlOk(['get', 'crd', CRD, '-o', 'json'])) as { status: { storedVersions: string[] } }).status.storedVersions;
    return r.status === 0 && stored.includes('v1alpha1') ? stored : undefined;
  }, 30_000, 500);
  const storedBefore = (JSON.parse(kubectlOk(['get', 'crd', CRD, '-o', 'json'])) as { status: { storedVersions: string[] } }).status.storedVersions;
  assert.equal([...storedBefore].sort(), ['v1alpha1', 'v1beta1']);
  const migrate = (): { status: number | null; stdout: string; stderr: string } => spawnSync(process.execPath, ['apps/runtime/dist/main.js', 'migrate-storage', '-f', KATALOG], {
    encoding: 'utf8', env: { ...process.env, KUBECONFIG: controlPlane().kubeconfig }, timeout: 120_000,
  });
  const first = migrate();
  process.stderr.write(`  migrate-storage: ${first.stdout.trim()}\n`);
  assert.is(first.status, 0, first.stderr);
  assert.match(first.stdout, /sites\.conv\.e2e\.orkestra\.io: \d+ objects? rewritten as v1alpha1; status\.storedVersions \[v1beta1, v1alpha1\] → \[v1alpha1\]/);
  assert.equal((JSON.parse(kubectlOk(['get', 'crd', CRD, '-o', 'json'])) as { status: { storedVersions: string[] } }).status.storedVersions, ['v1alpha1']);
  // Safe to re-run: nothing left to do.
  const again = migrate();
  assert.is(again.status, 0, again.stderr);
  assert.match(again.stdout, /nothing to do \(status\.storedVersions is already \[v1alpha1\]\)/);
  // Stored as v1alpha1 now, nothing was lost: the v1beta1-only port is still there.
  assert.equal(getAs(BETA, 'shop').spec, { container: { image: 'httpd', port: 8080 }, replicas: 3, hostname: 'shop.example.com' });
  assert.equal(getAs(BETA, 'later').spec, { container: { image: 'caddy', port: 9090 } });
  assert.equal(getAs(ALPHA, 'blog').spec, { image: 'nginx:1.27', replicas: 2, domain: 'blog.example.com' });
  // The runtime (reading v1beta1 through the gateway now) reconciles the new object and an edit.
  kubectlOk(['patch', BETA, 'blog', '--type=merge', '-p', '{"spec":{"container":{"image":"nginx:1.28"}}}'], { namespace: ns });
  for (const name of ['blog', 'shop', 'later']) {
    await waitFor(`${name} Ready at its generation`, () => {
      playOwnedDeploymentsCaughtUp(ns, name);
      const o = getAs(BETA, name);
      const ready = o.status?.conditions?.find((c) => c.type === 'Ready');
      return ready?.status === 'True' && o.status?.observedGeneration === o.metadata.generation ? true : undefined;
    }, 60_000);
  }
  await waitFor('the Deployment to follow the edit', () => (kubectlOk(['get', 'deployment', '-o', 'jsonpath={range .items[*]}{.spec.template.spec.containers[0].image}{"\\n"}{end}'], { namespace: ns }).includes('nginx:1.28') ? true : undefined), 30_000);
});

test('both stop cleanly with 0 forbidden requests; /metrics counts conversions per version pair', async () => {
  const base = String(linesOf(gateway!, 'http listening')[0]?.['port']);
  const metrics = await (await fetch(`http://127.0.0.1:${base}/metrics`)).text();
  const pair = /orkestra_conversion_objects_total\{crd="website",from="v1alpha1",to="v1beta1",result="success"\} (\d+)/.exec(metrics);
  const back = /orkestra_conversion_objects_total\{crd="website",from="v1beta1",to="v1alpha1",result="success"\} (\d+)/.exec(metrics);
  assert.ok(pair && Number(pair[1]) >= 1, 'v1alpha1 → v1beta1 counted');
  assert.ok(back && Number(back[1]) >= 1, 'v1beta1 → v1alpha1 counted');
  // The rolling window of the last conversionWindow (50) reviews, in the view the Control Center reads.
  type Window = { size: number; reviews: number; objects: number; latencyMs?: { p50: number; p99: number }; pairs: { crd: string; from: string; to: string; converted: number }[] };
  const view = await (await fetch(`http://127.0.0.1:${base}/katalog`)).json() as {
    conversionEnabled: boolean; conversion: { total: { reviews: number; failedReviews: number }; window: Window };
    crds: { name: string; conversion: { enabled: boolean; total: number; failures: number; p95LatencyMs?: number } }[];
  };
  const w = view.conversion.window;
  process.stderr.write(`  /katalog conversion window: ${w.reviews}/${w.size} reviews, ${w.objects} objects, p50 ${w.latencyMs?.p50} ms, p99 ${w.latencyMs?.p99} ms; ${view.conversion.total.reviews} reviews since start\n`);
  assert.is(view.conversionEnabled, true);
  assert.is(w.size, 50);
  assert.ok(w.reviews === Math.min(50, view.conversion.total.reviews) && w.reviews >= 5, JSON.stringify(view.conversion));
  assert.ok(w.latencyMs !== undefined && w.latencyMs.p50 <= w.latencyMs.p99, JSON.stringify(w.latencyMs));
  assert.ok(w.pairs.some((p) => p.crd === 'website' && p.converted >= 1), JSON.stringify(w.pairs));
  assert.ok(view.conversion.total.failedReviews >= 1, 'the review with port "eighty" counted as failed');
  const site = view.crds.find((c) => c.name === 'website')!.conversion;
  assert.ok(site.enabled && site.total >= Number(pair![1]) + Number(back![1]) && site.failures >= 1, JSON.stringify(site));
  const r = runtime!;
  runtime = undefined;
  assert.is(await stopRuntime(r), 0);
  const rStopped = r.lines.find((l) => l['msg'] === 'runtime stopped');
  assert.is(rStopped?.['forbidden'], 0, JSON.stringify(rStopped));
  const g = gateway!;
  gateway = undefined;
  assert.is(await stopGateway(g), 0);
  const stopped = stoppedLine(g);
  assert.is(stopped?.['forbidden'], 0, JSON.stringify(stopped));
  assert.ok(Number(stopped?.['conversions']) >= 5, JSON.stringify(stopped));
});

test('each RBAC atom the bundle adds for conversion is needed: without it the housekeeper cannot keep the caBundle', async () => {
  const roles = rolesBoundTo(bundleFile, 'orkestra-gateway', installNs);
  const atoms = atomsOf(roles).filter((a) => a.resource === 'customresourcedefinitions');
  assert.equal(atoms.map((a) => `${a.verb} ${a.name ?? '*'}`).sort(), [`get ${CRD}`, `update ${CRD}`]);
  for (const atom of atoms) {
    replaceWithout(atom);
    const g = startGateway(KATALOG, { KUBECONFIG: gatewayKubeconfig, ORK_NAMESPACE: installNs, HOUSEKEEPER_SYNC_INTERVAL: '1s' });
    try {
      // A merge patch: the caBundle may already be gone (the previous atom's gateway could not restore it).
      kubectlOk(['patch', 'crd', CRD, '--type=merge', '-p', '{"spec":{"conversion":{"webhook":{"clientConfig":{"caBundle":null}}}}}']);
      const denied = await waitFor(`the housekeeper to be refused ${describeAtom(atom)}`, () => denialOf(atom, linesOf(g, 'CRD conversion not applied').map((l) => String(l['err']))), 60_000, 200)
        .catch((err: unknown) => { throw new Error(`${err instanceof Error ? err.message : String(err)}; last gateway lines: ${g.lines.slice(-5).map((l) => JSON.stringify(l)).join('\n')}`); });
      process.stderr.write(`  without ${describeAtom(atom)}: ${denied.slice(0, 160)}\n`);
      assert.is(crdConversion().webhook?.clientConfig?.caBundle ?? '', '', 'the caBundle came back without the atom');
    } finally {
      await stopGateway(g);
      applyBundle(bundleFile);
    }
  }
  // With the bundle's role back, a gateway restores it again.
  const g = startGateway(KATALOG, { KUBECONFIG: gatewayKubeconfig, ORK_NAMESPACE: installNs, HOUSEKEEPER_SYNC_INTERVAL: '1s' });
  try {
    await waitFor('the caBundle to be restored with the whole role', () => ((crdConversion().webhook?.clientConfig?.caBundle ?? '') !== '' ? true : undefined), 30_000, 200);
  } finally {
    await stopGateway(g);
  }
  assert.is(stoppedLine(g)?.['forbidden'], 0);
});

test.run();
