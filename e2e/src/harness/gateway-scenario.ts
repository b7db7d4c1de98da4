// Scenario G of the gateway's RBAC ablation (DESIGN §4 (b)): one fresh gateway, from nothing in the
// cluster, through every write the housekeeper makes and its cleanup on shutdown. A run "breaks"
// when the gateway made a forbidden request or a step did not happen in time. The first log line
// carrying a 403 ends the run early (SIGTERM then): it has broken, and the rest would only cost time.
import { kubectl, kubectlOk } from './kubectl.ts';
import { linesOf, startGateway, stopGateway, stoppedLine, type GatewayProcess } from './gateway-process.ts';
import { GATEWAY_MUTATING_CONFIG, GATEWAY_WEBHOOK_CONFIGS, removeGatewayWebhooks } from './install-for-gateway.ts';
import type { RuleAtom } from './rbac-atoms.ts';
import { denialOf } from './role-ablation.ts';

/** The gateway's TLS Secret in its install namespace (apps/gateway/src/cert-secret.ts). */
export const GATEWAY_TLS_SECRET = 'orkestra-gateway-tls';
/** The label deletion protection looks for. */
export const PROTECTION_LABEL = 'orkestra.io/deletion-protection';
const DELETION_WEBHOOK = 'labels.deletion-protection.orkestra.io';
const EVICTION_WEBHOOK = 'evictions.deletion-protection.orkestra.io';

/** Where one run of the scenario happens. */
export interface GatewayScenarioSetup {
  readonly katalog: string;
  /** A kubeconfig with only the gateway ServiceAccount's token. */
  readonly kubeconfig: string;
  /** ORK_NAMESPACE: where the TLS Secret lives. */
  readonly installNamespace: string;
  /** A namespace (not the install namespace: that one is exempt) holding ConfigMap `guarded` and Pod `guarded` with the protection label. */
  readonly guardedNamespace: string;
}

/** What one run did; it broke when `forbidden` > 0 or `missed` is set. */
export interface GatewayScenarioOutcome {
  /** 403s the gateway counted (its `gateway stopped` line), or undefined when it printed none. */
  readonly forbidden: number | undefined;
  /** The first step that did not happen in time. */
  readonly missed?: string;
  /** Each distinct log line (and stderr text) naming a 403, in order: which requests they were. */
  readonly forbiddenLogs: readonly string[];
  readonly durationMs: number;
}

class ForbiddenSeen extends Error {}

/** Only the API server's refusals say it (the gateway's own counter is on `gateway stopped`, left out). */
const FORBIDDEN = /forbidden/i;

/** Log lines that carry a 403 from the API server (not our own admission denials, which are 403s we answer). */
function forbiddenLines(g: GatewayProcess): string[] {
  const fromLog = g.lines
    .filter((l) => l['msg'] !== 'gateway stopped' && l['msg'] !== 'admission denied' && FORBIDDEN.test(JSON.stringify(l)))
    .map((l) => `${String(l['msg'])}: ${l['name'] !== undefined ? `${String(l['name'])}: ` : ''}${String(l['err'] ?? '')}`);
  const fromStderr = g.stderr.join('').split('\n').filter((l) => FORBIDDEN.test(l));
  return [...new Set([...fromLog, ...fromStderr])];
}

/**
 * The first text carrying the API server's RBAC denial of exactly this atom: its verb, resource and
 * group, and its object name when the atom is limited to one (the API server's message quotes it:
 * `<resource> "<name>" is forbidden`, and the gateway's line names the configuration).
 */
export function gatewayDenialOf(atom: RuleAtom, logs: readonly string[]): string | undefined {
  return logs.find((l) => denialOf(atom, [l]) !== undefined && (atom.name === undefined || l.includes(`"${atom.name}"`)));
}

/**
 * Runs G: with neither the TLS Secret nor the two configurations present, a gateway starts and
 * creates the Secret and both configurations (/readyz 200); the API server calls it and a labelled
 * ConfigMap's delete is denied; the eviction of a labelled Pod is denied on the Pod the gateway
 * read; both configurations edited by hand are repaired; the Secret with its
 * serving key removed is repaired; the deleted Secret is restored; SIGTERM stops the gateway with
 * exit 0 and both configurations deleted (cleanupOnShutdown).
 */
export async function runGatewayScenario(setup: GatewayScenarioSetup): Promise<GatewayScenarioOutcome> {
  const startMs = Date.now();
  resetGatewayState(setup.installNamespace);
  const g = startGateway(setup.katalog, { KUBECONFIG: setup.kubeconfig, ORK_NAMESPACE: setup.installNamespace, HOUSEKEEPER_SYNC_INTERVAL: '1s' });
  let missed: string | undefined;
  try {
    await steps(g, setup);
  } catch (err) {
    if (!(err instanceof ForbiddenSeen)) missed = err instanceof Error ? err.message : String(err);
  }
  try {
    const code = await stopGateway(g);
    if (!missed && code !== 0) missed = `exit 0 on SIGTERM (exit ${code}; ${g.stderr.join('').trim().slice(0, 200)})`;
    for (const name of GATEWAY_WEBHOOK_CONFIGS) {
      if (missed) break;
      if (!linesOf(g, 'webhook configuration deleted').some((l) => l['name'] === name)) missed = `"webhook configuration deleted" for ${name} on SIGTERM`;
      else if (exists(['validatingwebhookconfiguration', name])) missed = `${name} gone after SIGTERM (cleanupOnShutdown)`;
    }
    // Issue 15: the mutating configuration of the rules goes too.
    if (!missed && !linesOf(g, 'webhook configuration deleted').some((l) => l['name'] === GATEWAY_MUTATING_CONFIG)) missed = `"webhook configuration deleted" for ${GATEWAY_MUTATING_CONFIG} on SIGTERM`;
    else if (!missed && exists(['mutatingwebhookconfiguration', GATEWAY_MUTATING_CONFIG])) missed = `${GATEWAY_MUTATING_CONFIG} gone after SIGTERM (cleanupOnShutdown)`;
  } catch (err) {
    const last = g.lines.slice(-3).map((l) => String(l['msg'])).join(' | ');
    missed ??= `${err instanceof Error ? err.message : String(err)} (last log lines: ${last})`;
  }
  // Whatever the run left (a configuration it could not delete points at a dead gateway and fails closed).
  removeGatewayWebhooks();
  const stopped = stoppedLine(g);
  const forbidden = typeof stopped?.['forbidden'] === 'number' ? stopped['forbidden'] : undefined;
  return { forbidden, ...(missed !== undefined ? { missed } : {}), forbiddenLogs: forbiddenLines(g), durationMs: Date.now() - startMs };
}

/** No TLS Secret, no configuration: every run is a first start, so each create is exercised. */
export function resetGatewayState(installNamespace: string): void {
  kubectlOk(['delete', 'secret', GATEWAY_TLS_SECRET, '--ignore-not-found'], { namespace: installNamespace });
  kubectlOk(['delete', 'validatingwebhookconfiguration', '--ignore-not-found', ...GATEWAY_WEBHOOK_CONFIGS]);
  kubectlOk(['delete', 'mutatingwebhookconfiguration', '--ignore-not-found', GATEWAY_MUTATING_CONFIG]);
}

async function steps(g: GatewayProcess, setup: GatewayScenarioSetup): Promise<void> {
  const until = <T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs: number) => pollUnless403(g, what, check, timeoutMs);
  const ns = setup.installNamespace;
  await until('/readyz 200 (certificates and both configurations applied)', async () => {
    const line = g.lines.find((l) => l['msg'] === 'http listening');
    if (!line) return undefined;
    const res = await fetch(`http://${String(line['host'])}:${String(line['port'])}/readyz`).catch(() => undefined);
    return res?.status === 200 ? true : undefined;
    // Generous: on a loaded machine loading the gateway's modules alone has taken 27 s.
  }, 90_000);
  await until(`Secret ${GATEWAY_TLS_SECRET} created`, () => secretOf(ns), 2_000);
  for (const name of GATEWAY_WEBHOOK_CONFIGS) await until(`${name} created`, () => (exists(['validatingwebhookconfiguration', name]) ? true : undefined), 2_000);
  await until(`${GATEWAY_MUTATING_CONFIG} created`, () => (exists(['mutatingwebhookconfiguration', GATEWAY_MUTATING_CONFIG]) ? true : undefined), 2_000);

  // The API server picks new configurations up from its own informer: wait until it calls us.
  await until('a labelled ConfigMap\'s delete denied by the gateway', () => {
    const r = kubectl(['delete', 'configmap', 'guarded', '--dry-run=server'], { namespace: setup.guardedNamespace });
    return r.status !== 0 && r.stderr.includes(`admission webhook "${DELETION_WEBHOOK}" denied the request`) ? true : undefined;
  }, 20_000);

  // An eviction names a Pod but carries none of its labels: the gateway reads the Pod (get pods).
  await until('a labelled Pod\'s eviction denied by the gateway on the labels it read', () => {
    const r = kubectl(['create', '--raw', `/api/v1/namespaces/${setup.guardedNamespace}/pods/guarded/eviction`, '-f', '-'], {
      input: JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'guarded', namespace: setup.guardedNamespace } }),
    });
    return r.status !== 0 && r.stderr.includes(`admission webhook "${EVICTION_WEBHOOK}" denied the request: evicting Pod "guarded"`) && r.stderr.includes('carries the label') ? true : undefined;
  }, 20_000);

  // Both configurations, each under its own name: get and update are granted per name.
  for (const name of GATEWAY_WEBHOOK_CONFIGS) {
    kubectlOk(['patch', 'validatingwebhookconfiguration', name, '--type', 'json', '-p', JSON.stringify([{ op: 'replace', path: '/webhooks/0/failurePolicy', value: 'Ignore' }])]);
  }
  kubectlOk(['patch', 'mutatingwebhookconfiguration', GATEWAY_MUTATING_CONFIG, '--type', 'json', '-p', JSON.stringify([{ op: 'replace', path: '/webhooks/0/failurePolicy', value: 'Ignore' }])]);
  const configs = [...GATEWAY_WEBHOOK_CONFIGS.map((name) => ['validatingwebhookconfiguration', name] as const), ['mutatingwebhookconfiguration', GATEWAY_MUTATING_CONFIG] as const];
  for (const [kind, name] of configs) {
    await until(`${name} repaired (failurePolicy back to Fail)`, () => (
      kubectl(['get', kind, name, '-o', 'jsonpath={.webhooks[*].failurePolicy}']).stdout.split(' ').every((p) => p === 'Fail')
      && linesOf(g, 'webhook configuration repaired').some((l) => l['name'] === name) ? true : undefined), 8_000);
  }

  // A Secret damaged by hand (serving key gone) is written back whole: update.
  const before = secretOf(ns)!;
  kubectlOk(['patch', 'secret', GATEWAY_TLS_SECRET, '--type', 'json', '-p', JSON.stringify([{ op: 'remove', path: '/data/tls.key' }])], { namespace: ns });
  await until('the damaged Secret repaired (tls.key back)', () => {
    const s = secretOf(ns);
    return s && s.metadata.uid === before.metadata.uid && s.data?.['tls.key'] ? true : undefined;
  }, 8_000);

  // A deleted Secret is restored: create.
  kubectlOk(['delete', 'secret', GATEWAY_TLS_SECRET], { namespace: ns });
  await until('the deleted Secret restored', () => {
    const s = secretOf(ns);
    return s && s.metadata.uid !== before.metadata.uid && s.data?.['tls.key'] ? true : undefined;
  }, 8_000);
  // One more pass after the last write: a 403 on it still breaks the run.
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  if (forbiddenLines(g).length > 0) throw new ForbiddenSeen();
}

interface SecretObj {
  metadata: { uid: string };
  data?: Record<string, string>;
}

function secretOf(ns: string): SecretObj | undefined {
  const r = kubectl(['get', 'secret', GATEWAY_TLS_SECRET, '-o', 'json'], { namespace: ns });
  return r.status === 0 ? (JSON.parse(r.stdout) as SecretObj) : undefined;
}

function exists(args: readonly string[]): boolean {
  return kubectl(['get', ...args, '-o', 'name']).status === 0;
}

/** Polls `check` like waitFor, but throws ForbiddenSeen as soon as the gateway logged a 403. */
async function pollUnless403<T>(g: GatewayProcess, what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (forbiddenLines(g).length > 0) throw new ForbiddenSeen();
    const value = await check();
    if (value !== undefined) return value;
    if (g.child.exitCode !== null) {
      // Its last words (stderr) may carry the 403 that stopped it.
      if (forbiddenLines(g).length > 0) throw new ForbiddenSeen();
      throw new Error(`${what}: the gateway exited (${g.child.exitCode}): ${g.stderr.join('').trim().slice(0, 200)}`);
    }
    if (Date.now() > deadline) throw new Error(`${what} (not within ${timeoutMs} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
