// `ork run` with a bad configuration: one clear line on stderr naming the problem, exit 2, no stack
// trace and no JSON log (DESIGN §6). Every case fails before the runtime loads a kubeconfig, so
// none of them needs the control plane; KUBECONFIG points nowhere to prove it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO } from './harness/control-plane.ts';

const MAIN = join(REPO, 'apps/runtime/dist/main.js');
const STARTER = 'examples/starter/katalog.yaml';
const FIXTURES = 'e2e/fixtures/bad-config';

interface Outcome {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the runtime with only the given variables on top of a clean environment; 20 s is far more than a refusal takes. */
function run(args: readonly string[], env: Record<string, string> = {}): Outcome {
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 20_000,
    // No inherited KATALOG_PATH, LOG_LEVEL... from the test's own environment.
    env: { PATH: process.env['PATH'] ?? '', KUBECONFIG: '/nonexistent/kubeconfig', ...env },
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Asserts exit 2 and exactly one `ork-runtime: ...` line containing every fragment, and no stack trace. */
function assertRefused(o: Outcome, ...fragments: string[]): void {
  assert.is(o.status, 2, `exit code; stderr: ${o.stderr}`);
  const lines = o.stderr.split('\n').filter((l) => l.trim() !== '');
  assert.is(lines.length, 1, `one line on stderr, got: ${o.stderr}`);
  assert.match(lines[0]!, /^ork-runtime: /);
  for (const f of fragments) assert.ok(lines[0]!.includes(f), `"${f}" in: ${lines[0]}`);
  assert.not.match(o.stderr, /\n\s+at /, 'no stack trace');
  assert.is(o.stdout, '', 'nothing on stdout (no runtime start)');
}

const test = suite('ork run: bad configuration is one line and exit 2');

test('an unparseable DEFAULT_RESYNC names the variable', () => {
  assertRefused(run(['run', '-f', STARTER], { DEFAULT_RESYNC: 'soon' }), 'DEFAULT_RESYNC', 'duration');
});

test('a non-numeric FAILURE_THRESHOLD names the variable', () => {
  assertRefused(run(['run', '-f', STARTER], { FAILURE_THRESHOLD: 'two' }), 'FAILURE_THRESHOLD', 'whole number');
});

test('inconsistent lease timings are refused', () => {
  assertRefused(run(['run', '-f', STARTER], { LEASE_DURATION: '1' }), 'LEASE_DURATION', 'renewDeadline');
});

test('a missing Katalog file', () => {
  assertRefused(run(['run', '-f', 'e2e/fixtures/bad-config/does-not-exist.yaml']), 'does-not-exist.yaml', 'no such file');
});

test('a missing Katalog file given by KATALOG_PATH', () => {
  assertRefused(run(['run'], { KATALOG_PATH: '/nonexistent/katalog.yaml' }), '/nonexistent/katalog.yaml', 'no such file');
});

test('no Katalog at all', () => {
  assertRefused(run(['run']), 'no Katalog');
});

test('an invalid Katalog: file:line:col and the diagnostic code', () => {
  assertRefused(run(['run', '-f', `${FIXTURES}/invalid-katalog.yaml`]), 'invalid-katalog.yaml:9:', 'ORK1102', '"kind"');
});

test('a dependsOn cycle', () => {
  assertRefused(run(['run', '-f', `${FIXTURES}/cycle-katalog.yaml`]), 'cycle-katalog.yaml:', 'cycle', 'left');
});

test.run();
