// @orkestra/lib/testing: in-memory fakes of the ports and the contract suites real adapters must pass.
export { fakeCluster, type FakeCluster, type FakeClusterOptions, type FakeMethod } from './fake-cluster.ts';
export { fakeClock, type FakeClock } from './fake-clock.ts';
export { fixedEntropy, seededEntropy } from './seeded-entropy.ts';
export { clusterContract, type ContractSubject } from './cluster-contract.ts';
export { createAbort, type Abort } from './abort.ts';
export { fakeLogger, type FakeLogger, type LogLine } from './fake-logger.ts';
export { fakeMetrics, type FakeMetrics } from './fake-metrics.ts';
export { matchesLabelSelector } from './label-selector.ts';
// The port types, until lib/src/index.ts exports them: adapters import them from here with `import type`.
export type * from '../ports/index.ts';
export { fakeRegistry, type FakeRegistry } from './fake-registry.ts';
export { registryContract } from './registry-contract.ts';
