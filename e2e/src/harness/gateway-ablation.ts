// The gateway's RBAC ablation (DESIGN §4 (b)) as its two files run it: webhook mode
// (gateway-rbac-ablation) and policy mode (gateway-policy-mode-webhook, issue 15), each with its
// own form of scenario G (gateway-scenario.ts) over the atoms its bundle grants `orkestra-gateway`.
import { canI } from './access-review.ts';
import { applyBundle } from './install-for-runtime.ts';
import type { GatewayInstall } from './install-for-gateway.ts';
import { ablateEach, describeAtom, type RoleAtom } from './role-ablation.ts';
import { gatewayDenialOf, type GatewayScenarioOutcome } from './gateway-scenario.ts';

/** One file's ablation: its install, a token of `orkestra-gateway`, the atoms, and its scenario. */
export interface GatewayAblation {
  readonly install: GatewayInstall;
  readonly token: string;
  readonly atoms: readonly RoleAtom[];
  /** The scenario's name in the report ("G", "G (policy mode)"). */
  readonly scenario: string;
  run(): Promise<GatewayScenarioOutcome>;
}

/** A Role's atoms are asked in its namespace; for the ClusterRole's (cluster-scoped) the namespace is ignored. */
function reviewNamespaceOf(install: GatewayInstall): (atom: RoleAtom) => string {
  return (atom) => atom.role.namespace ?? install.namespace;
}

/** The atoms the API server denies the token with the whole bundle applied (described; none expected). */
export function deniedAtoms(a: GatewayAblation): string[] {
  const ns = reviewNamespaceOf(a.install);
  return a.atoms.filter((atom) => !canI(a.token, atom, ns(atom))).map(describeAtom);
}

/** Runs the scenario with the whole bundle; throws unless every step happened with no forbidden request. */
export async function assertScenarioClean(a: GatewayAblation): Promise<void> {
  const outcome = await a.run();
  process.stderr.write(`\n  baseline ${a.scenario}: ${(outcome.durationMs / 1000).toFixed(1)} s\n`);
  if (outcome.missed !== undefined) throw new Error(`a step of ${a.scenario} did not happen: ${outcome.missed}`);
  if (outcome.forbidden !== 0 || outcome.forbiddenLogs.length > 0) {
    throw new Error(`${a.scenario}: forbidden ${String(outcome.forbidden)}, expected 0:\n${outcome.forbiddenLogs.join('\n')}`);
  }
}

/**
 * Removes each atom in turn and runs the scenario; throws naming every atom whose removal did not
 * break it. A denial counts only when it names the verb, resource, group, and the name for atoms
 * bound to one. The bundle is applied again after each run.
 */
export async function assertEveryAtomNeeded(a: GatewayAblation): Promise<void> {
  const unproven = await ablateEach(a.atoms, {
    scenario: a.scenario, finalLine: 'gateway stopped', token: a.token, reviewNamespace: reviewNamespaceOf(a.install), run: () => a.run(),
    denial: gatewayDenialOf, restore: () => applyBundle(a.install.bundle),
  });
  if (unproven.length > 0) throw new Error(`${unproven.length} of ${a.atoms.length} atoms are not needed by ${a.scenario}:\n${unproven.join('\n')}\n`);
}
