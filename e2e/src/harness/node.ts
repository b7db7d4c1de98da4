// A node for the e2e cluster (issue 17): tools/kube/node-up gives the run's control plane a
// kubelet, containerd + runc, CNI networking, kube-proxy, CoreDNS, a scheduler and the workload
// controllers, so Deployments become Available and Jobs complete with real containers.
//
// Opt-in per test file: `startNode()` in a before hook (it starts the control plane too when this
// is the first file to need one), `stopNode()` in the after hook, so the files after it see the
// node-less cluster they were written for. `nodeSupport()` says whether this machine can have a
// node at all, and why not; a test that needs one must fail with that reason, never skip.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { controlPlane, parseEnv, REPO } from './control-plane.ts';
import { kubectl } from './kubectl.ts';
import { scratchDir } from './scratch.ts';

const KUBE = join(REPO, 'tools/kube');

/** The node of the run's cluster. */
export interface Node {
  readonly name: string;
  /** The node's address (its InternalIP, and the pods' DNS server). */
  readonly ip: string;
  readonly podCidr: string;
  /** The cluster's state dir (tools/kube), absent for ORK_E2E_KUBECONFIG clusters. */
  readonly stateDir?: string;
  /** How long node-up took, builds included (0 when the node was already there). */
  readonly startedMs: number;
}

let current: Node | undefined;

/** Whether a node can run here: `{ ok: false, reason }` says what is missing. */
export function nodeSupport(): { ok: true } | { ok: false; reason: string } {
  if (process.env['ORK_E2E_KUBECONFIG']) {
    const r = kubectl(['get', 'nodes', '-o', 'jsonpath={.items[*].status.conditions[?(@.type=="Ready")].status}']);
    return r.status === 0 && r.stdout.split(' ').includes('True')
      ? { ok: true }
      : { ok: false, reason: `the cluster of ORK_E2E_KUBECONFIG has no Ready node (${r.stderr.trim() || r.stdout.trim() || 'no nodes'})` };
  }
  if (process.platform !== 'linux') return { ok: false, reason: `a node needs Linux (this is ${process.platform})` };
  if (process.getuid?.() !== 0) return { ok: false, reason: 'a node needs root: namespaces, cgroups and iptables (tools/kube/node-up)' };
  const mounts = readFileSync('/proc/self/mounts', 'utf8');
  if (!/ cgroup2? /.test(mounts)) return { ok: false, reason: 'no cgroup file system is mounted (/proc/self/mounts)' };
  return { ok: true };
}

/** The run's node, added on first use (and the control plane with it); throws with node-up's reason. */
export function startNode(): Node {
  if (current) return current;
  const support = nodeSupport();
  if (!support.ok) throw new Error(`no node: ${support.reason}`);
  const cp = controlPlane();
  if (!cp.stateDir) {
    current = { name: firstNodeName(), ip: '', podCidr: '', startedMs: 0 };
    return current;
  }
  const start = Date.now();
  const up = spawnSync(join(KUBE, 'node-up'), [cp.stateDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 60 * 60 * 1000 });
  if (up.status !== 0) throw new Error(`tools/kube/node-up failed (exit ${up.status}); see the output above`);
  const env = readEnv(cp.stateDir);
  current = { name: env['NODE_NAME']!, ip: env['NODE_IP']!, podCidr: env['NODE_POD_CIDR']!, stateDir: cp.stateDir, startedMs: Date.now() - start };
  process.stderr.write(`e2e: node ${current.name} up in ${(current.startedMs / 1000).toFixed(1)} s\n`);
  return current;
}

/** Removes the node we added (tools/kube/node-down); idempotent. */
export function stopNode(): void {
  const dir = current?.stateDir;
  current = undefined;
  if (!dir) return;
  const r = spawnSync(join(KUBE, 'node-down'), [dir], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 120_000 });
  if (r.status !== 0) throw new Error(`tools/kube/node-down failed (exit ${r.status})`);
}

/** Imports OCI image layouts into the node's containerd; returns the image names loaded. */
export function loadImages(...layouts: string[]): string[] {
  const node = requireOwnNode('load images');
  const r = spawnSync(join(KUBE, 'load-images'), [node.stateDir, ...layouts], { encoding: 'utf8', timeout: 10 * 60 * 1000 });
  if (r.status !== 0) throw new Error(`tools/kube/load-images failed (exit ${r.status}): ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean);
}

let orkestraImages: { names: string[]; buildMs: number; loadMs: number } | undefined;

/**
 * The Orkestra images (runtime, gateway, Control Center) assembled from the Dockerfile's final
 * stages and this checkout's bundles (tools/images/build-app), loaded into the node; once per run.
 */
export function loadOrkestraImages(): { names: string[]; buildMs: number; loadMs: number } {
  if (orkestraImages) return orkestraImages;
  const out = join(scratchDir('orkestra-images'), 'layout');
  const start = Date.now();
  const built = spawnSync(join(REPO, 'tools/images/build-app'), [out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 30 * 60 * 1000 });
  if (built.status !== 0 || !existsSync(join(out, 'index.json'))) throw new Error(`tools/images/build-app failed (exit ${built.status})`);
  const buildMs = Date.now() - start;
  const names = loadImages(out);
  orkestraImages = { names, buildMs, loadMs: Date.now() - start - buildMs };
  process.stderr.write(`e2e: Orkestra images built in ${(buildMs / 1000).toFixed(1)} s, loaded in ${(orkestraImages.loadMs / 1000).toFixed(1)} s: ${names.join(', ')}\n`);
  return orkestraImages;
}

/** Runs a host command in the node's network namespace (tools/kube/node-exec): Service IPs answer there. */
export function onNode(command: readonly string[], timeoutMs = 60_000): SpawnSyncReturns<string> {
  const node = requireOwnNode('run a command on the node');
  return spawnSync(join(KUBE, 'node-exec'), [node.stateDir, ...command], { encoding: 'utf8', timeout: timeoutMs });
}

/** The command line that runs `command` in the node's network namespace (for tools that spawn it themselves). */
export function onNodeArgv(command: readonly string[]): string[] {
  return [join(KUBE, 'node-exec'), requireOwnNode('run a command on the node').stateDir, ...command];
}

/** Kills a container's process with SIGKILL, as a crash or the OOM killer would: no graceful shutdown. */
export function killContainer(containerId: string): void {
  const node = requireOwnNode('kill a container');
  const address = readEnv(node.stateDir)['NODE_CONTAINERD_ADDRESS']!;
  const id = containerId.replace(/^containerd:\/\//, '');
  const r = spawnSync('ctr', ['--address', address, '-n', 'k8s.io', 'tasks', 'kill', '--signal', 'SIGKILL', id], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ctr tasks kill ${id}: ${r.stderr.trim()}`);
}

/** The busybox test image in a node's image layout (its tag is Debian's busybox version). */
export function busyboxImage(layout = readEnv(requireOwnNode('find the test image').stateDir)['NODE_IMAGES']!): string {
  const prefix = 'localhost/orkestra/busybox:';
  const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8')) as { manifests: { annotations?: Record<string, string> }[] };
  const name = index.manifests.map((m) => m.annotations?.['io.containerd.image.name'] ?? '').find((n) => n.startsWith(prefix));
  if (!name) throw new Error(`no ${prefix}* image in ${layout}`);
  return name;
}

function requireOwnNode(what: string): Node & { stateDir: string } {
  const node = current;
  if (!node?.stateDir) throw new Error(`cannot ${what}: ${node ? 'the cluster is not one tools/kube started' : 'no node (startNode() first)'}`);
  return node as Node & { stateDir: string };
}

function firstNodeName(): string {
  return kubectl(['get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name}']).stdout.trim();
}

function readEnv(stateDir: string): Record<string, string> {
  return parseEnv(readFileSync(join(stateDir, 'env'), 'utf8'));
}
