// The controller-runtime operator (bench/peers/controller-runtime, built by bench/peers/build):
// Orkestra's CRD (`ork generate crd`), kubebuilder-style RBAC (rbac.yaml) and a token of its
// ServiceAccount; controller-runtime's defaults otherwise.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubectl, ork, REPO, tokenKubeconfig } from '../../runtime/control-plane.mjs';
import { fetchText, freePort, promSum, startProcess, stopProcess, tail, waitForLog } from '../process.mjs';

const NAMESPACE = 'app-operator-system';

export function controllerRuntime(peersEntry) {
  let kubeconfig;
  return {
    name: 'controller-runtime',
    user: `system:serviceaccount:${NAMESPACE}:app-operator`,
    lease: { namespace: NAMESPACE, name: 'app-operator.bench.orkestra.io' },
    settings: 'controller-runtime v0.25.3 defaults: 1 worker (MaxConcurrentReconciles), no client-side rate limit, 10 h sync period, leader election on; For(App) + Owns(ConfigMap, Service, Deployment): full-object caches',

    install(cluster) {
      const crd = ork(['generate', 'crd', '-f', join(REPO, 'bench/runtime/katalog.yaml')]);
      kubectl(cluster, ['apply', '--server-side', '--field-manager', 'bench', '-f', '-'], crd);
      kubectl(cluster, ['wait', '--for', 'condition=Established', '--timeout', '60s', 'crd/apps.bench.orkestra.io']);
      kubectl(cluster, ['apply', '--server-side', '--field-manager', 'bench', '-f', '-'], readFileSync(join(REPO, 'bench/peers/controller-runtime/rbac.yaml'), 'utf8'));
      const token = kubectl(cluster, ['-n', NAMESPACE, 'create', 'token', 'app-operator', '--duration', '6h']).trim();
      kubeconfig = tokenKubeconfig(cluster, token, 'app-operator');
    },

    /** Ready: the Ready condition is True for the CR's generation. */
    isReady(o) {
      const c = o.status?.conditions?.find((x) => x.type === 'Ready');
      return c?.status === 'True' && c.observedGeneration === o.metadata.generation;
    },

    start() {
      return goOperator(join(peersEntry, 'bin/app-operator'), async (metricsPort, probePort) => [
        `--metrics-bind-address=127.0.0.1:${metricsPort}`, `--health-probe-bind-address=127.0.0.1:${probePort}`,
        `--leader-election-namespace=${NAMESPACE}`,
      ], { KUBECONFIG: kubeconfig }, /"Starting workers"/, (text) => promSum(text, 'controller_runtime_reconcile_total', 'controller="app"'));
    },
  };
}

/**
 * Starts a Go operator on two free ports; `ready()` waits for `readyLog`, `reconciles()` reads
 * `countReconciles` from its /metrics. Shared by kro and the controller-runtime operator.
 */
export function goOperator(bin, argsFor, env, readyLog, countReconciles) {
  let p, metricsUrl;
  const started = (async () => {
    const [metricsPort, probePort] = [await freePort(), await freePort()];
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    p = startProcess(bin, await argsFor(metricsPort, probePort), env);
    return p;
  })();
  return {
    started,
    get pid() { return p?.child.pid; },
    get startedMs() { return p?.startedMs; },
    async ready() {
      await started;
      return (await waitForLog(p, readyLog, 180_000)).ms;
    },
    async reconciles() {
      await started;
      const text = await fetchText(metricsUrl);
      return text === undefined ? 0 : countReconciles(text);
    },
    async stop() {
      await started;
      return { code: await stopProcess(p) };
    },
    alive: () => p !== undefined && p.child.exitCode === null && p.child.signalCode === null,
    kill: () => p?.child.kill('SIGKILL'),
    logTail: () => (p ? tail(p) : ''),
  };
}
