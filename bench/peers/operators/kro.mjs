// kro v0.9.4 (built by bench/peers/build) installed from its own chart in its module: the chart's
// CRDs and RBAC (rbac.mode: unrestricted, the default) applied as rendered by `helm template`, the
// controller started with exactly the flags the chart's Deployment passes (only the listen
// addresses moved to free loopback ports and the leader-election namespace named, as outside a
// pod it cannot be read from the pod's files), under a token of the chart's ServiceAccount.
// The App kind comes from kro/rgd.yaml: kro generates its CRD.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseAllDocuments, stringify } from 'yaml';
import { kubectl, REPO, tokenKubeconfig } from '../../runtime/control-plane.mjs';
import { promSum } from '../process.mjs';
import { goOperator } from './controller-runtime.mjs';

const NAMESPACE = 'kro-system';
const INSTALLED_KINDS = new Set(['CustomResourceDefinition', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding']);

export function kro(peersEntry, helmDir) {
  let kubeconfig, args, cluster;
  return {
    name: 'kro',
    user: `system:serviceaccount:${NAMESPACE}:kro`,
    lease: { namespace: NAMESPACE, name: 'controller.kro.run' },
    settings: "kro v0.9.4, its chart's defaults: 1 instance worker (dynamic-controller-concurrent-reconciles), client QPS 100 / burst 150, work-queue limiter 10/s burst 100, 10 h resync, leader election on; metadata-only caches of children",

    install(c) {
      cluster = c;
      kubectl(cluster, ['create', 'namespace', NAMESPACE]);
      const docs = parseAllDocuments(helmTemplate(helmDir, peersEntry)).map((d) => d.toJS()).filter(Boolean);
      const install = docs.filter((d) => INSTALLED_KINDS.has(d.kind));
      kubectl(cluster, ['apply', '--server-side', '--field-manager', 'bench', '-f', '-'], install.map((d) => stringify(d)).join('---\n'));
      for (const crd of install.filter((d) => d.kind === 'CustomResourceDefinition')) {
        kubectl(cluster, ['wait', '--for', 'condition=Established', '--timeout', '60s', `crd/${crd.metadata.name}`]);
      }
      args = chartArgs(docs.find((d) => d.kind === 'Deployment'));
      const token = kubectl(cluster, ['-n', NAMESPACE, 'create', 'token', 'kro', '--duration', '6h']).trim();
      kubeconfig = tokenKubeconfig(cluster, token, 'kro');
      kubectl(cluster, ['apply', '--server-side', '--field-manager', 'bench', '-f', '-'], readFileSync(join(REPO, 'bench/peers/kro/rgd.yaml'), 'utf8'));
    },

    /** Ready: kro's Ready condition is True for the instance's generation. */
    isReady(o) {
      const c = o.status?.conditions?.find((x) => x.type === 'Ready');
      return c?.status === 'True' && c.observedGeneration === o.metadata.generation;
    },

    start() {
      const op = goOperator(join(peersEntry, 'bin/kro'), async (metricsPort, probePort) => [
        ...args, `--metrics-bind-address=127.0.0.1:${metricsPort}`, `--health-probe-bind-address=127.0.0.1:${probePort}`,
        `--leader-election-namespace=${NAMESPACE}`,
      ], { KUBECONFIG: kubeconfig }, /Starting dynamic controller/, (text) => promSum(text, 'dynamic_controller_reconcile_total'));
      const logReady = op.ready;
      // Ready for instances once the RGD is Active (kro has generated the App CRD and registered it).
      op.ready = async () => {
        await logReady();
        for (const deadline = performance.now() + 180_000; performance.now() < deadline; await sleep(100)) {
          const rgd = JSON.parse(kubectl(cluster, ['get', 'rgd', 'apps.bench.orkestra.io', '-o', 'json']));
          if (rgd.status?.state === 'Active') {
            kubectl(cluster, ['wait', '--for', 'condition=Established', '--timeout', '60s', 'crd/apps.bench.orkestra.io']);
            return performance.now();
          }
        }
        throw new Error(`the ResourceGraphDefinition did not become Active:\n${op.logTail()}`);
      };
      return op;
    },
  };
}

/** kro's chart as `helm template` renders it (`helmDir`: where `tools/kube/build helm` put helm). */
function helmTemplate(helmDir, peersEntry) {
  const r = spawnSync(join(helmDir, 'helm'), ['template', 'kro', join(peersEntry, 'kro-chart'), '--namespace', NAMESPACE, '--include-crds'],
    { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 60_000 });
  if (r.status !== 0) throw new Error(`helm template of kro's chart failed (${r.status}): ${(r.stderr || String(r.error)).trim()}`);
  return r.stdout;
}

/** The kro container's args from the chart's Deployment, with its $(VAR) references resolved from the container's env. */
function chartArgs(deployment) {
  const container = deployment.spec.template.spec.containers[0];
  const env = Object.fromEntries((container.env ?? []).filter((e) => 'value' in e).map((e) => [e.name, String(e.value)]));
  const resolved = container.args.map((a) => String(a).replace(/\$\((\w+)\)/g, (_, name) => env[name] ?? ''));
  // Drop the listen addresses (they get free ports) and any leader-election namespace (named by the caller).
  const out = [];
  for (let i = 0; i < resolved.length; i++) {
    const a = resolved[i];
    if (['--metrics-bind-address', '--health-probe-bind-address', '--leader-election-namespace'].includes(a)) { i++; continue; }
    if (/^--(metrics-bind-address|health-probe-bind-address|leader-election-namespace)=/.test(a)) continue;
    out.push(a);
  }
  return out;
}
