// The seed's flow for real (issue 17): on a cluster with a node, the images built from the
// Dockerfile's final stages (tools/images, no daemon) run as pods. `ork generate bundle` →
// `kubectl apply` → `helm upgrade --install ./chart` with the restricted Pod Security Standard
// enforced on orkestra-system → the runtime (2 replicas), gateway (2) and Control Center Running
// and Ready → a Website gets its Deployment, Available, answering through its Service → the
// gateway pod, called by the API server through its Service, denies a protected delete → the
// Control Center page, through its Service, shows the Website → the leader pod is killed and the
// other replica takes over within lease + 2 s → `helm uninstall` leaves the CRD and the CRs, and
// every runtime and gateway pod's last words count forbidden: 0.
//
// The Katalog is examples/full-split with two additions, both written down in the test: the
// Website's Deployment pulls IfNotPresent (the node has no registry; the `nginx` it names is
// Debian's nginx, assembled by tools/images), and it gets a Service to be reached through.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import { parse, stringify } from 'yaml';
import { OWNER_LABEL } from '@orkestra/lib/children';
import { CHROMIUM, launchChromium, screenshot } from './harness/browser.ts';
import { controlPlane, REPO } from './harness/control-plane.ts';
import { CHART, helm, helmOk } from './harness/helm.ts';
import { uninstallGateway } from './harness/install-for-gateway.ts';
import { applyKatalogCrds } from './harness/install-for-runtime.ts';
import { kubectl, kubectlJson, kubectlOk } from './harness/kubectl.ts';
import { cleanupNamespaces, freshNamespace } from './harness/namespace.ts';
import { busyboxImage, killContainer, loadOrkestraImages, onNodeArgv, startNode, stopNode } from './harness/node.ts';
import { ork } from './harness/ork.ts';
import { scratchDir } from './harness/scratch.ts';
import { waitFor } from './harness/wait.ts';

const NS = 'orkestra-system';
const RELEASE = 'orkestra';
// retryPeriod 2 s: a crashed leader is replaced at most leaseDuration + retryPeriod after its last
// renewal (spec/runtime.md §4, the follower may see that renewal one period late), so the issue's
// "within lease + 2 s" holds by design, not by luck; with the chart's 5 s it is lease + 5 s.
const INSTALL = ['upgrade', '--install', RELEASE, CHART, '--namespace', NS, '--set', 'gateway.enabled=true', '--set', 'runtime.leaderElection.retryPeriod=2'];
const WEBSITE = 'examples/website/website.yaml';
const PROTECTED = 'orkestra.io/deletion-protection';

interface Pod {
  metadata: { name: string; labels?: Record<string, string> };
  spec: { containers: { image: string; securityContext?: { readOnlyRootFilesystem?: boolean } }[]; securityContext?: { runAsUser?: number; runAsNonRoot?: boolean } };
  status: { phase: string; podIP?: string; conditions?: { type: string; status: string }[]; containerStatuses?: { ready: boolean; containerID?: string; restartCount: number }[] };
}
interface Lease { spec: { holderIdentity?: string; acquireTime?: string; leaseDurationSeconds?: number } }

const test = suite('node: the seed\'s flow for real, the Orkestra images as pods');
const dir = scratchDir('node-seed-flow');
const katalog = join(dir, 'katalog.yaml');
const bundle = join(dir, 'bundle.yaml');
let browser: Browser | undefined;
let nodeUp = false;
/** Every test after the first needs its node and images: without them, fail at once, not after each timeout. */
function needNode(): void {
  if (!nodeUp) throw new Error('no node or no images (the first test failed)');
}

const component = (pod: Pod): string => pod.metadata.labels?.['app.kubernetes.io/component'] ?? '?';
const ready = (pod: Pod): boolean => pod.status.phase === 'Running' && !!pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
const pods = (): Pod[] => kubectlJson<{ items: Pod[] }>(['get', 'pods', '-l', `app.kubernetes.io/instance=${RELEASE}`], { namespace: NS }).items;
const lease = (): Lease => kubectlJson<Lease>(['get', 'lease', 'orkestra-runtime'], { namespace: NS });

test.after(async () => {
  try {
    await browser?.close();
    uninstallGateway();
    helm(['uninstall', RELEASE, '--namespace', NS]);
    kubectl(['patch', 'website', 'hello', '-n', 'default', '--type', 'merge', '-p', '{"metadata":{"finalizers":null}}']);
    kubectl(['delete', '-f', WEBSITE, '--ignore-not-found', '--wait=false']);
    if (existsSync(bundle)) kubectl(['delete', '-f', bundle, '--ignore-not-found', '--wait=false']);
    kubectl(['delete', 'namespace', NS, '--ignore-not-found', '--wait=false']);
    cleanupNamespaces();
  } finally {
    stopNode();
  }
});

test('a node joins the cluster, and the images built from the Dockerfile are loaded into it', () => {
  const node = startNode();
  const images = loadOrkestraImages();
  const values = parse(readFileSync(join(CHART, 'values.yaml'), 'utf8')) as Record<string, { image: { repository: string } }>;
  const version = (parse(readFileSync(join(CHART, 'Chart.yaml'), 'utf8')) as { appVersion: string }).appVersion;
  for (const key of ['runtime', 'gateway', 'controlCenter']) assert.ok(images.names.includes(`${values[key]!.image.repository}:${version}`), `${key}: ${images.names.join(', ')}`);
  const status = kubectlJson<{ status: { conditions: { type: string; status: string }[] } }>(['get', 'node', node.name]).status;
  assert.ok(status.conditions.some((c) => c.type === 'Ready' && c.status === 'True'), 'node Ready');
  nodeUp = true;
});

test('ork generate crd and bundle, kubectl apply; the restricted Pod Security Standard is enforced on orkestra-system', () => {
  needNode();
  // examples/full-split, plus what a cluster without a registry needs and a Service to test through.
  const doc = parse(readFileSync(join(REPO, 'examples/full-split/katalog.yaml'), 'utf8')) as { spec: { crds: { website: { operatorBox: { onCreate: Record<string, unknown[]> } } } } };
  const onCreate = doc.spec.crds.website.operatorBox.onCreate;
  onCreate['deployments'] = onCreate['deployments']!.map((d) => ({ ...(d as object), imagePullPolicy: 'IfNotPresent' }));
  onCreate['services'] = [{ port: 80 }];
  writeFileSync(katalog, stringify(doc));
  ork(['validate', '--full', '-f', katalog]);
  applyKatalogCrds(katalog);
  ork(['generate', 'bundle', '-f', katalog, '-o', bundle]);
  kubectlOk(['apply', '-f', bundle]);
  kubectlOk(['label', 'namespace', NS, '--overwrite', 'pod-security.kubernetes.io/enforce=restricted', 'pod-security.kubernetes.io/enforce-version=latest']);
  // Enforced, not just labelled: a root pod is refused.
  const root = kubectl(['run', 'root-probe', '--image', busyboxImage(), '--dry-run=server', '--overrides', '{"spec":{"securityContext":{"runAsUser":0}}}'], { namespace: NS });
  assert.is.not(root.status, 0, 'a root pod was admitted');
  assert.match(root.stderr, /violates PodSecurity "restricted:latest"/);
});

test('helm upgrade --install: the runtime, gateway and Control Center pods are Running and Ready under restricted', async () => {
  needNode();
  helmOk(INSTALL);
  const all = await waitFor('2 runtime, 2 gateway and 1 Control Center pods Ready', () => {
    const list = pods();
    const count = (c: string) => list.filter((p) => component(p) === c && ready(p)).length;
    return count('runtime') === 2 && count('gateway') === 2 && count('control-center') === 1 ? list : undefined;
  }, 240_000, 1000);
  const table = kubectlOk(['get', 'pods', '-o', 'wide'], { namespace: NS });
  process.stderr.write(`e2e: kubectl get pods -n ${NS}\n${table}`);
  for (const pod of all) {
    assert.is(pod.spec.securityContext?.runAsUser, 65532, `${pod.metadata.name}: runAsUser`);
    assert.is(pod.spec.containers[0]!.securityContext?.readOnlyRootFilesystem, true, `${pod.metadata.name}: read-only root`);
    assert.match(pod.spec.containers[0]!.image, /^ghcr\.io\/orkspace\/orkestra(-gateway|-cc)?:/);
  }
  const rejected = kubectlOk(['get', 'events', '--field-selector', 'reason=FailedCreate', '-o', 'name'], { namespace: NS });
  assert.is(rejected.trim(), '', 'no ReplicaSet was refused a pod');
});

test('a Website created with kubectl: Ready, its Deployment Available, its Pod answering HTTP through its Service', async () => {
  needNode();
  kubectlOk(['apply', '-f', join(REPO, WEBSITE)]);
  await waitFor('the Website to be Ready', () => {
    const r = kubectl(['get', 'website', 'hello', '-n', 'default', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}']);
    return r.stdout === 'True' ? true : undefined;
  }, 90_000, 500);
  const owned = `${OWNER_LABEL}=hello`;
  const deployment = kubectlOk(['get', 'deployments', '-l', owned, '-o', 'jsonpath={.items[0].metadata.name}'], { namespace: 'default' });
  await waitFor(`Deployment ${deployment} Available`, () => (kubectl(['wait', `deployment/${deployment}`, '--for=condition=Available', '--timeout=2s'], { namespace: 'default' }).status === 0 ? true : undefined), 120_000, 500);
  const service = kubectlOk(['get', 'services', '-l', owned, '-o', 'jsonpath={.items[0].metadata.name}'], { namespace: 'default' });
  assert.ok(service, 'the Website has a Service');
  const page = await runClient(`http://${service}.default.svc.cluster.local/`);
  assert.match(page, '<title>Welcome to nginx!</title>');
});

test('the gateway, a pod behind its Service, denies deleting a labelled object when the API server calls it', async () => {
  needNode();
  const hooks = kubectlJson<{ webhooks: { clientConfig: { url?: string; service?: { name: string; namespace: string } } }[] }>(['get', 'validatingwebhookconfiguration', 'orkestra-deletion-protection']);
  for (const h of hooks.webhooks) {
    assert.is(h.clientConfig.url, undefined, 'in the cluster, no URL');
    assert.equal(h.clientConfig.service, { ...h.clientConfig.service, name: 'orkestra-gateway', namespace: NS });
  }
  const ns = freshNamespace('node-protect');
  kubectlOk(['create', 'configmap', 'keep'], { namespace: ns });
  kubectlOk(['label', 'configmap', 'keep', `${PROTECTED}=true`], { namespace: ns });
  const denied = await waitFor('the gateway to deny the delete', () => {
    const r = kubectl(['delete', 'configmap', 'keep', '--dry-run=server'], { namespace: ns });
    return r.status !== 0 && /denied the request/.test(r.stderr) ? r.stderr : undefined;
  }, 60_000, 500);
  assert.match(denied, 'deletion-protection');
  assert.ok(kubectl(['get', 'configmap', 'keep'], { namespace: ns }).status === 0, 'still there');
});

test('the Control Center page, through its Service, shows the Website Ready', async () => {
  needNode();
  const ip = kubectlOk(['get', 'service', 'orkestra-cc', '-o', 'jsonpath={.spec.clusterIP}'], { namespace: NS });
  const port = kubectlOk(['get', 'service', 'orkestra-cc', '-o', 'jsonpath={.spec.ports[0].port}'], { namespace: NS });
  // Chromium runs on the node (in its network namespace), where the Service IP is routed. The
  // Control Center answers only the names it is reached by (Host check, issue 12), so the page is
  // asked for by the Service's name, which Chromium maps to its IP (the node has no cluster DNS).
  const host = `orkestra-cc.${NS}.svc`;
  const wrapper = join(dir, 'chromium-on-node');
  const argv = onNodeArgv([CHROMIUM, `--host-resolver-rules=MAP ${host} ${ip}`]);
  writeFileSync(wrapper, `#!/bin/sh\nexec ${argv.map((a) => `'${a}'`).join(' ')} "$@"\n`);
  chmodSync(wrapper, 0o755);
  browser = await launchChromium(wrapper);
  const page = await browser.newPage();
  await page.goto(`http://${host}:${port}/controlcenter#/r0/crd/website/crs`);
  const row = page.locator('table.cr-table tbody tr').filter({ has: page.locator('td[data-label="Name"] a', { hasText: 'hello' }) });
  await row.locator('td[data-label="Ready"] .badge[data-value="True"]').waitFor({ timeout: 60_000 });
  assert.match(await row.locator('td[data-label="Namespace"]').innerText(), 'default');
  await screenshot(page, 'node-seed-flow-websites');
});

// Who takes over is a race the design allows: the standby replica looks again exactly when the
// lease expires as it observed it (at most retryPeriod after the last renewal, so at most
// lease + 2 s after the kill), and the killed pod's container, restarted by the kubelet within a
// second or two, counts its own full lease from its start. Either is a new identity; the standby's
// bound is what makes lease + 2 s hold whichever wins (CI once saw the restarted one win at 16.6 s).
test('the leader pod is killed (SIGKILL): a new holder takes over within lease + 2 s', async () => {
  needNode();
  const before = lease();
  const holder = before.spec.holderIdentity ?? '';
  const leaderPod = pods().find((p) => holder.startsWith(`${p.metadata.name}_`));
  assert.ok(leaderPod, `a runtime pod holds the Lease (holder "${holder}")`);
  const killedMs = Date.now();
  killContainer(leaderPod!.status.containerStatuses![0]!.containerID!);
  const after = await waitFor('another holder of the Lease', () => {
    const l = lease();
    return l.spec.holderIdentity && l.spec.holderIdentity !== holder ? l : undefined;
  }, 60_000, 200);
  const takeoverMs = Date.parse(after.spec.acquireTime!) - killedMs;
  const limitMs = ((before.spec.leaseDurationSeconds ?? 15) + 2) * 1000;
  process.stderr.write(`e2e: leader ${holder} killed; ${after.spec.holderIdentity} took over after ${(takeoverMs / 1000).toFixed(2)} s (limit ${limitMs / 1000} s)\n`);
  const by = after.spec.holderIdentity!.startsWith(`${leaderPod!.metadata.name}_`) ? 'the killed pod, restarted' : 'the other replica';
  process.stderr.write(`e2e: the new holder is ${by}\n`);
  assert.is.not(after.spec.holderIdentity, holder, 'a new identity holds the Lease');
  assert.ok(takeoverMs <= limitMs, `takeover after ${takeoverMs} ms > ${limitMs} ms`);
});

test('helm uninstall leaves the CRD and the CRs; every runtime and gateway pod stops with forbidden: 0', async () => {
  needNode();
  // Follow each pod's log to its end: the last line is the stop summary with its 403 count.
  const followed = pods().filter((p) => component(p) === 'runtime' || component(p) === 'gateway').map((p) => followLog(p.metadata.name));
  helmOk(['uninstall', RELEASE, '--namespace', NS]);
  const lasts = await Promise.all(followed.map((f) => f.last));
  for (const [i, last] of lasts.entries()) {
    const line = JSON.parse(last) as { msg?: string; forbidden?: number };
    assert.match(line.msg ?? '', /^(runtime|gateway) stopped$/, `${followed[i]!.pod}: last line ${last}`);
    assert.is(line.forbidden, 0, `${followed[i]!.pod}: ${last}`);
  }
  await waitFor('the release\'s pods to be gone', () => (pods().length === 0 ? true : undefined), 90_000, 1000);
  assert.ok(kubectl(['get', 'crd', 'websites.demo.orkestra.io']).status === 0, 'the CRD stays');
  assert.ok(kubectl(['get', 'website', 'hello', '-n', 'default']).status === 0, 'the Website stays');
});

/** Runs a busybox pod that fetches `url`; returns what it printed (throws unless it succeeded). */
async function runClient(url: string): Promise<string> {
  const name = `client-${Date.now().toString(36)}`;
  // busybox's own `timeout`: Debian's busybox-static 1.35 wget crashes on its -T option.
  kubectlOk(['run', name, '--image', busyboxImage(), '--image-pull-policy=Never', '--restart=Never', '--command', '--', 'timeout', '10', 'wget', '-q', '-O', '-', url], { namespace: 'default' });
  const phase = await waitFor(`pod ${name} to finish`, () => {
    const p = kubectl(['get', 'pod', name, '-o', 'jsonpath={.status.phase}'], { namespace: 'default' }).stdout;
    return p === 'Succeeded' || p === 'Failed' ? p : undefined;
  }, 60_000, 500);
  const out = kubectlOk(['logs', name], { namespace: 'default' });
  kubectl(['delete', 'pod', name, '--wait=false'], { namespace: 'default' });
  assert.is(phase, 'Succeeded', `wget ${url}: ${out}`);
  return out;
}

/** `kubectl logs -f` of a pod until its container exits; `last` resolves with the last line. */
function followLog(pod: string): { pod: string; last: Promise<string> } {
  const cp = controlPlane();
  const child: ChildProcess = spawn(join(cp.binDir, 'kubectl'), ['logs', '-f', '-n', NS, pod], { env: { ...process.env, KUBECONFIG: cp.kubeconfig }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (b: Buffer) => { text += b.toString(); });
  const last = new Promise<string>((resolve) => {
    const timer = setTimeout(() => child.kill(), 90_000);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(text.trimEnd().split('\n').at(-1) ?? '');
    });
  });
  return { pod, last };
}

test.run();
