// One run of a runtime RBAC-ablation scenario (website-scenario.ts, lifecycle-scenario.ts; DESIGN
// §4 (b)): a fresh runtime under a role goes through the scenario's steps and stops. A run "breaks"
// when the runtime made a forbidden request or a step did not happen in time; the first 403 seen on
// /metrics ends the steps early (ForbiddenSeen): the run has broken, and the rest would only cost time.
import { kubectl, kubectlOk } from './kubectl.ts';
import { startRuntime, stopRuntime, type RuntimeProcess } from './runtime-process.ts';

/** Where one run of a scenario happens. */
export interface ScenarioSetup {
  readonly katalog: string;
  /** A kubeconfig with only the runtime ServiceAccount's token. */
  readonly kubeconfig: string;
  /** ORK_NAMESPACE: where the Lease lives. */
  readonly installNamespace: string;
  /** A namespace of its own for the scenario's objects. */
  readonly namespace: string;
  /** A token of the Control Center's ServiceAccount, which the runtime's HTTP API checks (issue 12). */
  readonly ccToken: string;
}

/** What one run did; it broke when `forbidden` > 0 or `missed` is set. */
export interface ScenarioOutcome {
  /** 403s the runtime counted (its `runtime stopped` line), or undefined when it printed none. */
  readonly forbidden: number | undefined;
  /** The first step that did not happen in time. */
  readonly missed?: string;
  /** Each distinct log line naming a 403 (message and error), in order: which requests they were. */
  readonly forbiddenLogs: readonly string[];
  readonly durationMs: number;
}

/** A scenario: its steps against a started runtime, and what to remove after any run. */
export interface Scenario {
  steps(r: RuntimeProcess, setup: ScenarioSetup): Promise<void>;
  /** Whatever a run left in its namespace (finalizers stripped: the runtime that would remove them is gone). */
  cleanup(namespace: string): void;
  /** With ORK_E2E_DEBUG, what to print when a step missed. */
  debug?(r: RuntimeProcess, setup: ScenarioSetup): string;
}

/**
 * Runs `scenario` once: starts the runtime (no Lease: every run is a first start, so acquiring by
 * create is exercised each time), runs the steps, stops it with SIGTERM (exit 0 and the Lease
 * released are steps too), cleans up, and says what broke.
 */
export async function runScenario(scenario: Scenario, setup: ScenarioSetup): Promise<ScenarioOutcome> {
  const startMs = Date.now();
  kubectlOk(['delete', 'lease', 'orkestra-runtime', '--ignore-not-found'], { namespace: setup.installNamespace });
  const r = startRuntime(setup.katalog, {
    KUBECONFIG: setup.kubeconfig, ORK_NAMESPACE: setup.installNamespace, DEFAULT_RESYNC: '2s',
    LEASE_DURATION: '4', RENEW_DEADLINE: '3', RETRY_PERIOD: '1',
  });
  let missed: string | undefined;
  try {
    await scenario.steps(r, setup);
  } catch (err) {
    if (!(err instanceof ForbiddenSeen)) missed = err instanceof Error ? err.message : String(err);
    if (process.env['ORK_E2E_DEBUG'] && scenario.debug) process.stderr.write(`${scenario.debug(r, setup)}\n`);
  }
  let stoppedLine: Record<string, unknown> | undefined;
  try {
    const code = await stopRuntime(r);
    stoppedLine = r.lines.find((l) => l['msg'] === 'runtime stopped');
    if (!missed && code !== 0) missed = `exit 0 on SIGTERM (exit ${code}; ${r.stderr.join('').trim().slice(0, 200)})`;
    if (!missed && !r.lines.some((l) => l['msg'] === 'lease released')) missed = 'the Lease released on SIGTERM';
    if (!missed) {
      const lease = kubectl(['get', 'lease', 'orkestra-runtime', '-o', 'jsonpath={.spec.holderIdentity}'], { namespace: setup.installNamespace });
      if (lease.status === 0 && lease.stdout.trim()) missed = `the Lease released on SIGTERM (holder ${lease.stdout.trim()})`;
    }
  } catch (err) {
    const last = r.lines.slice(-3).map((l) => String(l['msg'])).join(' | ');
    missed ??= `${err instanceof Error ? err.message : String(err)} (last log lines: ${last})`;
  }
  scenario.cleanup(setup.namespace);
  const forbidden = typeof stoppedLine?.['forbidden'] === 'number' ? stoppedLine['forbidden'] : undefined;
  const forbiddenLogs = [...new Set(r.lines
    .filter((l) => l['msg'] !== 'runtime stopped' && /forbidden|\b403\b/i.test(JSON.stringify(l)))
    .map((l) => `${String(l['msg'])}: ${String(l['err'] ?? l['resource'] ?? '')}`))];
  return { forbidden, ...(missed !== undefined ? { missed } : {}), forbiddenLogs, durationMs: Date.now() - startMs };
}

/** Thrown by pollUnless403 when the runtime's /metrics counts a 403. */
export class ForbiddenSeen extends Error {}

/** The runtime's HTTP base URL from its `http listening` line, if it printed one yet. */
export function listeningBase(r: RuntimeProcess): string | undefined {
  const line = r.lines.find((l) => l['msg'] === 'http listening');
  return line ? `http://${String(line['host'])}:${String(line['port'])}` : undefined;
}

async function saw403(r: RuntimeProcess): Promise<boolean> {
  const base = listeningBase(r);
  if (!base) return false;
  try {
    const text = await (await fetch(`${base}/metrics`)).text();
    return /^rest_client_requests_total\{[^}]*code="403"[^}]*\}\s+[1-9]/m.test(text);
  } catch {
    return false;
  }
}

/** Polls `check` like waitFor, but throws ForbiddenSeen as soon as the runtime's /metrics shows a 403. */
export async function pollUnless403<T>(r: RuntimeProcess, what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await saw403(r)) throw new ForbiddenSeen();
    const value = await check();
    if (value !== undefined) return value;
    if (r.child.exitCode !== null) throw new Error(`${what}: the runtime exited (${r.child.exitCode})`);
    if (Date.now() > deadline) throw new Error(`${what} (not within ${timeoutMs} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
