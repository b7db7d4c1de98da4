// @orkestra/lib/testing: in-memory fakes of the ports and the contract suites real adapters must pass.
export { fakeCluster, type FakeCluster, type FakeClusterOptions, type FakeMethod } from './fake-cluster.ts';
export { fakeClock, type FakeClock } from './fake-clock.ts';
export { fixedEntropy, seededEntropy } from './seeded-entropy.ts';
export { clusterContract, type ContractSubject } from './cluster-contract.ts';
export type { ContractAssert, ContractRunner, ContractSuite } from './contract-runner.ts';
export { createAbort, type Abort } from './abort.ts';
export { fakeLogger, type FakeLogger, type LogLine } from './fake-logger.ts';
export { fakeMetrics, type FakeMetrics } from './fake-metrics.ts';
export { matchesLabelSelector } from './label-selector.ts';
export { fakeRegistry, type FakeRegistry } from './fake-registry.ts';
export { registryContract } from './registry-contract.ts';
