// The harness leaves nothing behind: a child test run that ends normally, is interrupted (Ctrl-C)
// or is killed outright stops its control plane and removes its temp directories.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO } from './harness/control-plane.ts';
import { e2eTempDirs, processesOf } from './harness/leftovers.ts';
import { waitFor } from './harness/wait.ts';

const test = suite('no process or temp directory left behind');
const CHILD = join(REPO, 'e2e/dist/harness/child-run.js');

async function runChild(signal: NodeJS.Signals | undefined): Promise<{ stateDir: string; code: number | null }> {
  const before = new Set(e2eTempDirs());
  const child = spawn(process.execPath, [CHILD], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ORK_E2E_KUBECONFIG: '' } });
  let out = '';
  child.stdout.on('data', (d) => { out += d.toString(); });
  child.stderr.on('data', () => undefined);
  const stateDir = await waitFor('the child to start its control plane', () => /^state (\S+)$/m.exec(out)?.[1], 120_000, 100);
  assert.ok(processesOf(stateDir).length >= 3, 'etcd, apiserver and controller-manager should run');
  if (signal) child.kill(signal);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  // SIGKILL leaves teardown to tools/kube's watchdog, which notices within about a second.
  await waitFor(`no process of ${stateDir}`, () => (processesOf(stateDir).length === 0 ? true : undefined), 30_000, 200);
  await waitFor('the temp directories to go', () => (e2eTempDirs().filter((d) => !before.has(d)).length === 0 ? true : undefined), 30_000, 200);
  return { stateDir, code };
}

test('after a normal end', async () => {
  const r = await runChild(undefined);
  assert.is(r.code, 0);
});

test('after Ctrl-C (SIGINT)', async () => {
  const r = await runChild('SIGINT');
  assert.is(r.code, 130);
});

test('after SIGKILL', async () => {
  const r = await runChild('SIGKILL');
  assert.is(r.code, null);
});

test.run();
