// Orkestra: `ork run` (the image's single-file runtime bundle) on bench/runtime's Katalog, under
// a token of its bundle's `orkestra` ServiceAccount (the bundle's RBAC only), every setting at its
// default unless the bench was given --env.
import { join } from 'node:path';
import { install, REPO } from '../../runtime/control-plane.mjs';
import { httpBase, scrape, startRuntime, stopRuntime, waitForLine } from '../../runtime/runtime-process.mjs';

const KATALOG = join(REPO, 'bench/runtime/katalog.yaml');
const NAMESPACE = 'ork-bench';

/**
 * `options.env`: extra runtime env; `options.nodeArgs`: flags for node (such as --cpu-prof);
 * `options.bundle`: another runtime bundle than this checkout's (a before/after comparison).
 */
export function orkestra(options = {}) {
  let kubeconfig;
  return {
    name: 'orkestra',
    user: `system:serviceaccount:${NAMESPACE}:orkestra`,
    lease: { namespace: NAMESPACE, name: 'orkestra-runtime' },
    settings: `ork run (${options.bundle ?? 'apps/runtime/dist/ork-runtime.mjs'}), ${Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`).join(' ') || 'defaults'}: 2 workers, no client-side rate limit, 30 s resync, leader election on`,

    /** The CRD from `ork generate crd`, the bundle from `ork generate bundle`, a token of its ServiceAccount. */
    install(cluster) {
      kubeconfig = install(cluster, KATALOG, NAMESPACE).kubeconfig;
    },

    /**
     * Reconciled: Applied=True for the CR's generation. Orkestra's Ready also waits for the
     * children to be Current (a Deployment's replicas available), and this control plane runs no
     * Deployment controller or kubelet, so Ready would never come; the peers' Ready means
     * "children applied", which is what Applied says here.
     */
    isReady(o) {
      const c = o.status?.conditions?.find((x) => x.type === 'Applied');
      return c?.status === 'True' && c.observedGeneration === o.metadata.generation && o.status.observedGeneration === o.metadata.generation;
    },

    start() {
      const r = startRuntime(KATALOG, { KUBECONFIG: kubeconfig, ORK_NAMESPACE: NAMESPACE, ...options.env }, options.bundle ?? 'bundle', options.nodeArgs ?? []);
      let base;
      return {
        started: Promise.resolve(),
        pid: r.child.pid,
        startedMs: r.startedMs,
        async ready() {
          return (await waitForLine(r, 'caches synced', 120_000)).benchMs;
        },
        /** Reconciles finished since start (the runtime's /katalog counters). */
        async reconciles() {
          base ??= await httpBase(r);
          return (await scrape(base)).reconciles;
        },
        async stop() {
          const code = await stopRuntime(r);
          return { code, forbidden: r.lines.find((l) => l.msg === 'runtime stopped')?.forbidden };
        },
        alive: () => r.child.exitCode === null && r.child.signalCode === null,
        kill: () => r.child.kill('SIGKILL'),
        logTail: () => [...r.lines.slice(-10).map((l) => JSON.stringify(l)), r.stderr.join('').slice(-2000)].join('\n'),
      };
    },
  };
}
