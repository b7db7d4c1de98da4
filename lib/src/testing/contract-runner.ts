// The test framework a contract suite registers with, passed in by the caller: the suites ship in
// @orkestra/lib/testing, which must load with the library's dependencies alone (no uvu).
/** One suite of the test framework: uvu's `suite(title)` fits as it is. */
export interface ContractSuite {
  (name: string, test: () => void | Promise<void>): void;
  before(hook: () => void | Promise<void>): void;
  after(hook: () => void | Promise<void>): void;
  run(): void;
}

/** The assertions the contract uses: `uvu/assert` fits as it is. */
export interface ContractAssert {
  ok(actual: unknown, message?: string): asserts actual;
  is: ((actual: unknown, expected: unknown, message?: string) => void) & { not(actual: unknown, expected: unknown, message?: string): void };
  equal(actual: unknown, expected: unknown, message?: string): void;
}

/** The test framework the contract registers with, e.g. `{ suite, assert }` from uvu and uvu/assert. */
export interface ContractRunner {
  suite(title: string): ContractSuite;
  readonly assert: ContractAssert;
}
