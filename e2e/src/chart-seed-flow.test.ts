// The seed's install flow end to end on a real control plane (issue 6, "The seed's flow"):
// `ork validate --full` → `ork generate crd|bundle` → `kubectl apply` → `helm upgrade --install`
// (full split) → the runtime and gateway run as their Deployments say → a Website reconciles →
// `helm upgrade` rolls the pod templates → `helm uninstall` leaves the CRDs and CRs in place.
//
// The control plane has no kubelet, so no pod starts: the test reads the Deployments back from the
// API server and runs each container as a local process from the repository's bundled entry points
// (deployment-process.ts says what is mapped and why).
//
// The Katalog is the seed's Website operator with the gateway's protection block
// (examples/full-split/katalog.yaml): only a Katalog with a `security:` block gets the
// `orkestra-gateway` ServiceAccount in its bundle, and the full split runs the gateway under it.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { OWNER_LABEL } from '@orkestra/lib/children';
import { stopApp } from './harness/app-process.ts';
import { REPO } from './harness/control-plane.ts';
import { startFromDeployment, type Deployment, type DeploymentProcess } from './harness/deployment-process.ts';
import { gatewayReady, stoppedLine } from './harness/gateway-process.ts';
import { CHART, helm, helmOk } from './harness/helm.ts';
import { applyKatalogCrds } from './harness/install-for-runtime.ts';
import { uninstallGateway } from './harness/install-for-gateway.ts';
import { kubectl, kubectlJson, kubectlOk } from './harness/kubectl.ts';
import { cleanupNamespaces, freshNamespace } from './harness/namespace.ts';
import { ork } from './harness/ork.ts';
import { httpBase } from './harness/runtime-process.ts';
import { scratchDir } from './harness/scratch.ts';
import { waitFor } from './harness/wait.ts';

const KATALOG = 'examples/full-split/katalog.yaml';
const WEBSITE = 'examples/website/website.yaml';
const NS = 'orkestra-system';
const RELEASE = 'orkestra';
/** The seed's command, with the gateway on: the full split topology. */
const INSTALL = ['upgrade', '--install', RELEASE, CHART, '--namespace', NS, '--create-namespace', '--set', 'gateway.enabled=true'];
const PROTECTED = 'orkestra.io/deletion-protection';
const IMAGES = {
  runtime: { entry: 'apps/runtime/dist/ork-runtime.mjs', cmd: 'run' },
  gateway: { entry: 'apps/gateway/dist/ork-gateway.mjs', cmd: 'gate' },
} as const;

interface Obj {
  metadata: { name: string; generation?: number; finalizers?: string[]; ownerReferences?: { kind: string; name: string }[] };
  status?: { conditions?: { type: string; status: string; reason?: string }[] };
}

const test = suite('chart: the seed\'s flow (validate, bundle, helm install, reconcile, upgrade, uninstall)');
const dir = scratchDir('chart-seed-flow');
const bundle = join(dir, 'bundle.yaml');
let runtime: DeploymentProcess | undefined;
let gateway: DeploymentProcess | undefined;

const deployment = (name: string): Deployment => kubectlJson<Deployment>(['get', 'deployment', name], { namespace: NS });
/** True when kubectl lists something; NotFound is false, any other error throws (never read as "gone"). */
function exists(args: readonly string[], namespace?: string): boolean {
  const r = kubectl(['get', ...args, '-o', 'name'], namespace ? { namespace } : {});
  if (r.status === 0) return r.stdout.trim() !== '';
  if (/NotFound|not found/.test(r.stderr)) return false;
  throw new Error(`kubectl get ${args.join(' ')}: ${r.stderr.trim()}`);
}
const envOf = (d: Deployment, name: string): string | undefined => d.spec.template.spec.containers[0]!.env?.find((e) => e.name === name)?.value;
const checksumOf = (d: Deployment): string | undefined => d.spec.template.metadata?.annotations?.['checksum/katalog'];

async function stop(p: DeploymentProcess | undefined, name: string): Promise<number | null | undefined> {
  return p ? stopApp(p.app, name) : undefined;
}

test.after(async () => {
  try {
    await Promise.allSettled([stop(runtime, 'runtime'), stop(gateway, 'gateway')]);
  } finally {
    // cleanupOnShutdown is false in this Katalog: the webhooks (failurePolicy Fail) outlive the
    // gateway and would refuse the namespace deletions of every later e2e file.
    uninstallGateway();
    helm(['uninstall', RELEASE, '--namespace', NS]);
    // After a failure the runtime may be gone with its finalizer still on the Website.
    kubectl(['patch', 'website', 'hello', '-n', 'default', '--type', 'merge', '-p', '{"metadata":{"finalizers":null}}']);
    kubectl(['delete', '-f', WEBSITE, '--ignore-not-found', '--wait=false']);
    // The whole bundle, its cluster-wide half too: applied client-side as the seed does, the shared
    // ClusterRole(Binding) orkestra-runtime would conflict with the later files' server-side applies.
    if (existsSync(bundle)) kubectl(['delete', '-f', bundle, '--ignore-not-found', '--wait=false']);
    kubectl(['delete', 'namespace', NS, '--ignore-not-found', '--wait=false']);
    cleanupNamespaces();
  }
});

test('ork validate --full shows the runtime\'s and the gateway\'s permissions, offline', () => {
  const out = ork(['validate', '--full', '-f', KATALOG]);
  assert.match(out, `runtime  ServiceAccount ${NS}/orkestra`);
  assert.match(out, `gateway  ServiceAccount ${NS}/orkestra-gateway`);
  assert.match(out, 'ClusterRole orkestra-runtime');
});

test('ork generate crd and bundle, kubectl apply: the ServiceAccounts and the Katalog ConfigMap exist', () => {
  // "If your CRD is not installed yet": ork generate crd, applied and Established before the runtime starts.
  applyKatalogCrds(KATALOG);
  ork(['generate', 'bundle', '-f', KATALOG, '-o', bundle]);
  kubectlOk(['apply', '-f', bundle]);
  for (const sa of ['orkestra', 'orkestra-gateway', 'orkestra-cc']) assert.ok(exists(['serviceaccount', sa], NS), `no ServiceAccount ${sa}`);
  assert.ok(exists(['configmap', 'orkestra-katalog'], NS), 'no ConfigMap orkestra-katalog');
});

test('helm upgrade --install uses the bundle\'s ServiceAccounts and ConfigMap and creates no RBAC', () => {
  helmOk(INSTALL);
  const manifest = helmOk(['get', 'manifest', RELEASE, '--namespace', NS]);
  assert.not.match(manifest, /^kind: (ServiceAccount|Role|ClusterRole|RoleBinding|ClusterRoleBinding)$/m, 'the chart created RBAC');
  assert.not.ok(exists(['configmap', `${RELEASE}-inline-katalog`], NS), 'the inline Katalog was used although the bundle\'s ConfigMap exists');
  const accounts: Record<string, string> = { 'orkestra-runtime': 'orkestra', 'orkestra-gateway': 'orkestra-gateway', 'orkestra-cc': 'orkestra-cc' };
  for (const [name, sa] of Object.entries(accounts)) {
    const d = deployment(name);
    assert.is(d.spec.template.spec.serviceAccountName, sa, `${name}: serviceAccountName`);
    if (name !== 'orkestra-cc') assert.is(d.spec.template.spec.volumes?.find((v) => v.name === 'katalog')?.configMap?.name, 'orkestra-katalog', `${name}: Katalog volume`);
  }
});

test('the runtime and gateway run locally with their Deployments\' environment and ServiceAccounts', async () => {
  // The runtime watches every namespace. A Website an earlier e2e file left in a namespace still
  // being deleted would earn it a 403 ("being terminated") that is not RBAC: let those go first.
  await waitFor('no Website left by earlier files', () => (exists(['websites', '--all-namespaces']) ? undefined : true), 60_000, 500);
  // The local runs stand in for the images: the same bundled entry points and CMD as the Dockerfile's.
  const dockerfile = readFileSync(join(REPO, 'Dockerfile'), 'utf8');
  for (const image of Object.values(IMAGES)) {
    assert.ok(dockerfile.includes(`ENTRYPOINT ["/nodejs/bin/node", "/app/dist/${basename(image.entry)}"]\nCMD ["${image.cmd}"]`), `Dockerfile: no image runs ${image.entry} ${image.cmd}`);
  }
  runtime = startFromDeployment(deployment('orkestra-runtime'), IMAGES.runtime);
  gateway = startFromDeployment(deployment('orkestra-gateway'), IMAGES.gateway);
  assert.is(runtime.serviceAccount, 'orkestra');
  assert.is(gateway.serviceAccount, 'orkestra-gateway');
  assert.is(runtime.declared['ORK_NAMESPACE'], NS, 'downward API namespace');
  assert.is(runtime.declared['KATALOG_PATH'], '/etc/orkestra/katalog/katalog.yaml');
  assert.is(runtime.declared['LEADER_ELECTION'], 'true');
  // Only what cannot hold outside a pod is replaced (deployment-process.ts says why for each).
  assert.equal(Object.keys(runtime.mapped).sort(), ['KATALOG_PATH', 'KUBECONFIG', 'ORK_HOST', 'ORK_PORT']);
  assert.equal(Object.keys(gateway.mapped).sort(), ['KATALOG_PATH', 'KUBECONFIG', 'ORK_HOST', 'ORK_PORT', 'ORK_WEBHOOK_HOST', 'ORK_WEBHOOK_PORT']);
  const base = await httpBase(runtime.app, 30_000);
  await gatewayReady(gateway.app, 60_000);
  const katalog = await (await fetch(`${base}/katalog`)).json() as { name?: string };
  assert.is(katalog.name, 'my-platform', 'the runtime serves the bundle\'s Katalog');
  const hooks = kubectlJson<{ webhooks: { clientConfig: { url?: string; service?: unknown } }[] }>(['get', 'validatingwebhookconfiguration', 'orkestra-deletion-protection']);
  for (const h of hooks.webhooks) assert.match(h.clientConfig.url ?? '', /^https:\/\/127\.0\.0\.1:\d+\//, 'out of cluster, the webhooks call loopback');
});

test('a Website reconciles: Applied=True and its Deployment exists; the gateway protects a labelled object', async () => {
  kubectlOk(['apply', '-f', WEBSITE]);
  const site = await waitFor('the Website to be Applied', () => {
    const r = kubectl(['get', 'website', 'hello', '-n', 'default', '-o', 'json']);
    const cr = r.status === 0 ? (JSON.parse(r.stdout) as Obj) : undefined;
    return cr?.status?.conditions?.some((c) => c.type === 'Applied' && c.status === 'True') ? cr : undefined;
  }, 60_000);
  assert.ok(site.metadata.finalizers?.length, 'finalizer added');
  const children = kubectlJson<{ items: Obj[] }>(['get', 'deployments', '-n', 'default', '-l', `${OWNER_LABEL}=hello`]).items;
  assert.is(children.length, 1, 'one child Deployment');
  assert.ok(children[0]!.metadata.ownerReferences?.some((o) => o.kind === 'Website' && o.name === 'hello'), 'owned by the Website');

  const ns = freshNamespace('seed-protect');
  kubectlOk(['create', 'configmap', 'keep'], { namespace: ns });
  kubectlOk(['label', 'configmap', 'keep', `${PROTECTED}=true`], { namespace: ns });
  // The API server picks the new webhook configuration up from its informer: retry until it calls us.
  const denied = await waitFor('the gateway to deny the delete', () => {
    const r = kubectl(['delete', 'configmap', 'keep', '--dry-run=server'], { namespace: ns });
    return r.status !== 0 && /denied the request/.test(r.stderr) ? r.stderr : undefined;
  }, 30_000, 200);
  assert.match(denied, 'deletion-protection');
});

test('helm upgrade with runtime.config.logLevel=debug changes the runtime\'s pod template only', () => {
  const before = { runtime: deployment('orkestra-runtime'), gateway: deployment('orkestra-gateway') };
  assert.is(envOf(before.runtime, 'LOG_LEVEL'), 'info');
  helmOk([...INSTALL, '--set', 'runtime.config.logLevel=debug']);
  const after = { runtime: deployment('orkestra-runtime'), gateway: deployment('orkestra-gateway') };
  assert.is(envOf(after.runtime, 'LOG_LEVEL'), 'debug');
  assert.is(after.runtime.metadata.generation, before.runtime.metadata.generation! + 1, 'the runtime Deployment rolls');
  assert.is(checksumOf(after.runtime), checksumOf(before.runtime), 'same Katalog, same checksum');
  assert.is(after.gateway.metadata.generation, before.gateway.metadata.generation, 'the gateway is untouched');
});

test('a Katalog change rolls the runtime and the gateway through checksum/katalog', () => {
  const before = { runtime: deployment('orkestra-runtime'), gateway: deployment('orkestra-gateway') };
  const cm = kubectlJson<{ data: Record<string, string> }>(['get', 'configmap', 'orkestra-katalog'], { namespace: NS });
  const text = `${cm.data['katalog.yaml']!}\n# edited: a new Katalog revision\n`;
  kubectlOk(['patch', 'configmap', 'orkestra-katalog', '--type', 'merge', '-p', JSON.stringify({ data: { 'katalog.yaml': text } })], { namespace: NS });
  helmOk([...INSTALL, '--set', 'runtime.config.logLevel=debug']);
  for (const name of ['runtime', 'gateway'] as const) {
    const after = deployment(`orkestra-${name}`);
    assert.ok(checksumOf(before[name]), `${name}: a checksum/katalog annotation`);
    assert.is.not(checksumOf(after), checksumOf(before[name]), `${name}: the checksum follows the Katalog`);
    assert.is(after.metadata.generation, before[name].metadata.generation! + 1, `${name}: the Deployment rolls`);
  }
});

test('helm uninstall removes the Deployments and Services and leaves the CRDs and CRs in place', async () => {
  helmOk(['uninstall', RELEASE, '--namespace', NS]);
  const selector = `app.kubernetes.io/instance=${RELEASE}`;
  await waitFor('the release\'s objects to be gone', () => (exists(['deployments,services,poddisruptionbudgets', '-l', selector], NS) ? undefined : true), 30_000);
  assert.ok(exists(['crd', 'websites.demo.orkestra.io']), 'the CRD stays');
  assert.ok(exists(['website', 'hello'], 'default'), 'the Website stays');
  assert.ok(exists(['configmap', 'orkestra-katalog'], NS), 'the bundle\'s ConfigMap is not the chart\'s to remove');
});

test('the local runtime and gateway stop cleanly; their last log line counts forbidden: 0', async () => {
  // The Website carries the runtime's finalizer: delete it while the runtime still runs.
  kubectlOk(['delete', '-f', WEBSITE, '--timeout', '30s']);
  for (const [name, p, stopped] of [['runtime', runtime, 'runtime stopped'], ['gateway', gateway, 'gateway stopped']] as const) {
    assert.ok(p, `${name} never started`);
    const code = await stop(p, name);
    assert.is(code, 0, `${name} exit code; stderr: ${p!.app.stderr.join('')}`);
    const last = p!.app.lines.at(-1);
    assert.is(last?.['msg'], stopped, `${name}: last line ${JSON.stringify(last)}`);
    assert.is(last?.['forbidden'], 0, `${name}: ${JSON.stringify(last)}`);
  }
  assert.ok(stoppedLine(gateway!.app), 'the gateway summary line');
  runtime = undefined;
  gateway = undefined;
});

test.run();
