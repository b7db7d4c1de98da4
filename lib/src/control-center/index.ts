// @orkestra/lib/control-center: the Control Center's pure core (DESIGN §8): runtime status, history, stats and the snapshot.
export { buildSnapshot, summarize } from './build-snapshot.ts';
export type { RuntimeEntry, SampleJson, Snapshot, SnapshotStats } from './build-snapshot.ts';
export type { CrdFacts, GatewayView, KatalogAnswer, KatalogFacts, PollResult, RuntimeState, RuntimeStatus, Sample } from './model.ts';
export { parseRuntimeUrls, runtimeUrlProblem } from './parse-runtime-urls.ts';
export { LEADER_ATTEMPTS, retryForLeader } from './prefer-leader.ts';
export { readKatalogFacts } from './read-katalog-facts.ts';
export { initialRuntimeState, sampleOf, stepRuntimeState, trimHistory } from './step-runtime-state.ts';
export type { StatePolicy } from './step-runtime-state.ts';
export { effectiveAllowedHosts, hostAllowed, isLoopbackAddress, LOOPBACK_HOSTS, parseAllowedHosts } from './allowed-hosts.ts';
export { renderSnapshot, RUNTIME_SNAPSHOT_BUDGET_CHARS } from './render-snapshot.ts';
export { runtimeDetailPath } from './runtime-detail-path.ts';
export type { DetailPath, DetailTarget } from './runtime-detail-path.ts';
