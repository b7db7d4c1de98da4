// The node of tools/kube (issue 17) on a cluster of its own: `up --node` starts a control plane
// with a Ready node; an nginx Deployment becomes Available and answers through its Service, from
// a pod by its DNS name and from the node by its Service IP; `down` then leaves no process,
// namespace, mount, veth, iptables rule or cgroup behind. Its own cluster (not the run's shared
// one) so that the host can be compared before and after, and `up --node` is timed cold of any
// node state.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseEnv, REPO } from './harness/control-plane.ts';
import { processesOf } from './harness/leftovers.ts';
import { added, hostFacts, nodeFacts, remainingOf, type HostFacts, type NodeFacts } from './harness/node-leftovers.ts';
import { busyboxImage, nodeSupport } from './harness/node.ts';
import { waitFor } from './harness/wait.ts';

const KUBE = join(REPO, 'tools/kube');
const NGINX = 'docker.io/library/nginx:1.22.1';

const test = suite('node: up --node runs real pods; down leaves nothing on the host');
let dir: string | undefined;
let env: Record<string, string> = {};
let before: HostFacts;
let running: NodeFacts | undefined;

function k(args: readonly string[], input?: string): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(join(env['KUBE_BIN_DIR']!, 'kubectl'), args, { encoding: 'utf8', input, env: { ...process.env, KUBECONFIG: env['KUBECONFIG']! }, timeout: 60_000 });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error) };
}
function kOk(args: readonly string[], input?: string): string {
  const r = k(args, input);
  if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr.trim()}`);
  return r.stdout;
}

test.after(() => {
  if (dir && existsSync(dir)) spawnSync(join(KUBE, 'down'), [dir], { stdio: 'inherit', timeout: 120_000 });
});

test('this machine can run a node', () => {
  const support = nodeSupport();
  assert.ok(support.ok, support.ok ? '' : support.reason);
});

test('up --node: the control plane and a Ready node running kubelet v1.37.2 on containerd', () => {
  before = hostFacts();
  dir = mkdtempSync(join(tmpdir(), 'ork-e2e-node-'));
  const start = Date.now();
  const up = spawnSync(join(KUBE, 'up'), ['--node', dir], {
    encoding: 'utf8', timeout: 60 * 60 * 1000, env: { ...process.env, ORK_KUBE_WATCH_PID: String(process.pid) },
  });
  assert.is(up.status, 0, `up --node failed:\n${up.stderr}`);
  const tookMs = Date.now() - start;
  env = parseEnv(readFileSync(join(dir, 'env'), 'utf8'));
  const nodeUp = /node orkestra-node up in (\d+) s/.exec(up.stderr)?.[1];
  process.stderr.write(`e2e: up --node took ${(tookMs / 1000).toFixed(1)} s, of which node-up ${nodeUp ?? '?'} s\n`);
  const node = JSON.parse(kOk(['get', 'node', env['NODE_NAME']!, '-o', 'json'])) as {
    status: { conditions: { type: string; status: string }[]; nodeInfo: { kubeletVersion: string; containerRuntimeVersion: string }; addresses: { type: string; address: string }[] };
  };
  assert.ok(node.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True'), 'node Ready');
  assert.is(node.status.nodeInfo.kubeletVersion, 'v1.37.2');
  assert.match(node.status.nodeInfo.containerRuntimeVersion, /^containerd:\/\//);
  assert.ok(node.status.addresses.some((a) => a.type === 'InternalIP' && a.address === env['NODE_IP']), 'InternalIP is the node address');
});

test('an nginx Deployment becomes Available and answers through its Service (from a pod by DNS name, from the node by Service IP); a Job completes', async () => {
  kOk(['apply', '-f', '-'], `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: ${NGINX}
        imagePullPolicy: IfNotPresent
        ports: [{containerPort: 80}]
        readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 2}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 80}]
`);
  await waitFor('Deployment web Available', () => (k(['wait', 'deployment/web', '--for=condition=Available', '--timeout=2s']).status === 0 ? true : undefined), 90_000, 500);
  const busybox = busyboxImage(env['NODE_IMAGES']!);
  // busybox's own `timeout`: Debian's busybox-static 1.35 wget crashes on its -T option.
  kOk(['run', 'client', '--image', busybox, '--image-pull-policy=Never', '--restart=Never', '--command', '--',
    'timeout', '10', 'wget', '-q', '-O', '-', 'http://web.default.svc.cluster.local/']);
  const phase = await waitFor('the client pod to finish', () => {
    const p = k(['get', 'pod', 'client', '-o', 'jsonpath={.status.phase}']).stdout;
    return p === 'Succeeded' || p === 'Failed' ? p : undefined;
  }, 60_000, 500);
  const page = kOk(['logs', 'client']);
  assert.is(phase, 'Succeeded', `client pod: ${page}`);
  assert.match(page, '<title>Welcome to nginx!</title>');

  const clusterIP = kOk(['get', 'service', 'web', '-o', 'jsonpath={.spec.clusterIP}']);
  const fromNode = spawnSync(join(KUBE, 'node-exec'), [dir!, 'curl', '-sS', '--max-time', '5', `http://${clusterIP}/`], { encoding: 'utf8' });
  assert.is(fromNode.status, 0, fromNode.stderr);
  assert.match(fromNode.stdout, 'Welcome to nginx!');
  // The API server reaches the kubelet (logs): nginx logged both requests, by their user agents.
  const logs = kOk(['logs', '-l', 'app=web', '--tail=-1']);
  assert.match(logs, /"GET \/ HTTP\/1\.1" 200 .*"Wget"/);
  assert.match(logs, /"GET \/ HTTP\/1\.1" 200 .*"curl\//);

  // A Job runs its container to completion (the job controller is one of the node's controllers).
  kOk(['apply', '-f', '-'], JSON.stringify({
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'count', namespace: 'default' },
    spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'count', image: busybox, imagePullPolicy: 'Never', command: ['sh', '-c', 'for i in 1 2 3; do echo tick $i; done'] }] } } },
  }));
  await waitFor('Job count Complete', () => (k(['wait', 'job/count', '--for=condition=Complete', '--timeout=2s']).status === 0 ? true : undefined), 90_000, 500);
  assert.match(kOk(['logs', 'job/count']), 'tick 1\ntick 2\ntick 3');

  running = nodeFacts(Number(env['NODE_INIT_PID']));
  const nets = running.namespaces.filter((n) => n.startsWith('net:'));
  // The client pod has finished, and its sandbox with it: the node and the two nginx pods remain.
  assert.ok(nets.length >= 3, `the node and its 2 running pods each have a network namespace: ${nets.join(' ')}`);
  assert.ok(hostFacts().veths.includes(env['NODE_LINK']!), `the host end of the node's veth (${env['NODE_LINK']}) exists while it runs`);
});

test('down: no process, namespace, mount, veth, iptables rule or cgroup of the node is left', () => {
  assert.ok(running, 'the node ran');
  const link = env['NODE_LINK']!;
  const cgroupRoot = env['NODE_CGROUP_ROOT']!;
  const down = spawnSync(join(KUBE, 'down'), [dir!], { encoding: 'utf8', timeout: 120_000 });
  assert.is(down.status, 0, down.stderr);
  assert.not.ok(existsSync(dir!), 'the state dir is gone');
  assert.equal(processesOf(dir!), [], 'processes naming the state dir');
  assert.equal(remainingOf(running!), { pids: [], namespaces: [] }, 'processes of the node, namespaces of the node or its pods');
  const after = hostFacts();
  assert.not.ok(after.veths.includes(link), `veth ${link}`);
  assert.equal(added(before.veths, after.veths), [], 'veths added to the host');
  assert.equal(added(before.iptables, after.iptables), [], 'iptables rules added to the host');
  assert.equal(added(before.iptables, after.iptables.filter((l) => l.includes('KUBE-'))), [], 'kube-proxy chains on the host');
  assert.equal(added(before.mounts, after.mounts).filter((m) => m.includes(dir!) || /overlay|nsfs|tmpfs/.test(m)), [], 'mounts added to the host');
  const cgroups = readdirSync('/sys/fs/cgroup').filter((h) => existsSync(join('/sys/fs/cgroup', h, cgroupRoot)));
  assert.equal(cgroups, [], `cgroup ${cgroupRoot} left in hierarchies`);
  dir = undefined;
});

test.run();
