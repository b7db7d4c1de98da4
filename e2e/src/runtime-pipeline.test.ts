// examples/pipeline against a real API server, under the bundle's ServiceAccount: a Pipeline's
// status goes Pending -> Running (build, test, notify) -> Succeeded, each step's Job created when
// the previous one succeeded; and a Pipeline whose test fails goes to Failed with no notify Job.
// The control plane has no kubelet or Job controller: the test plays them by patching each Job's
// status through the status subresource; runtime-pipeline-node.test.ts runs the same steps in real
// containers on issue 17's node.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { controlPlane } from './harness/control-plane.ts';
import { kubectl, kubectlOk } from './harness/kubectl.ts';
import { installForRuntime } from './harness/install-for-runtime.ts';
import { startRuntime, stopRuntime, tearDownRuntime, type RuntimeProcess } from './harness/runtime-process.ts';
import { waitFor } from './harness/wait.ts';

const KATALOG = 'examples/pipeline/katalog.yaml';

interface Pipeline { metadata: { name: string }; status?: { phase?: string; step?: string; failedStep?: string; conditions?: { type: string; status: string; reason: string }[] } }

const test = suite('examples/pipeline: a Job pipeline written only in the Katalog, against a real API server');
let runtime: RuntimeProcess | undefined;
let ns = '';
const watchers: ChildProcess[] = [];

const exists = (kind: string, name: string) => kubectl(['get', kind, name], { namespace: ns }).status === 0;

/**
 * Every status the Pipeline shows, in order, as `phase/step`: a `kubectl get --watch` that is
 * connected before the Pipeline exists, so no intermediate status is missed however fast it moves
 * on. Connected means its watch request got its 200 (kubectl -v=6 logs it): spawning alone does
 * not wait for that, and a watch that starts late begins with a later status.
 */
async function watchStatus(name: string): Promise<string[]> {
  const seen: string[] = [];
  const cp = controlPlane();
  const child = spawn(join(cp.binDir, 'kubectl'), ['get', 'pipelines.ci.example.com', '-n', ns, '--watch', '--field-selector', `metadata.name=${name}`,
    '-o', 'jsonpath={.status.phase}/{.status.step}{"\\n"}', '-v=6'], { env: { ...process.env, KUBECONFIG: cp.kubeconfig }, stdio: ['ignore', 'pipe', 'pipe'] });
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const l of lines) if (l !== '/' && l !== seen.at(-1)) seen.push(l);
  });
  watchers.push(child);
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kubectl's watch of ${name} did not connect within 20 s: ${log.slice(-500)}`)), 20_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
      if (/watch=true[^\n]*200 OK/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return seen;
}

/** Plays the Job controller: the step's Job succeeds or fails. */
function finishJob(name: string, result: 'Complete' | 'Failed'): void {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const conditions = result === 'Complete'
    ? [{ type: 'SuccessCriteriaMet', status: 'True', lastTransitionTime: now }, { type: 'Complete', status: 'True', lastTransitionTime: now }]
    : [{ type: 'FailureTarget', status: 'True', lastTransitionTime: now }, { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', lastTransitionTime: now }];
  kubectlOk(['patch', 'job', name, '--subresource', 'status', '--type', 'merge', '-p', JSON.stringify({ status: {
    startTime: now, ...(result === 'Complete' ? { completionTime: now, succeeded: 1 } : { failed: 1 }), conditions,
  } })], { namespace: ns });
}

const pipeline = (name: string) => {
  const r = kubectl(['get', 'pipelines.ci.example.com', name, '-o', 'json'], { namespace: ns });
  return r.status === 0 ? (JSON.parse(r.stdout) as Pipeline) : undefined;
};

test.before(() => {
  const install = installForRuntime(KATALOG, 'pipeline');
  ns = install.namespace;
  runtime = startRuntime(KATALOG, { KUBECONFIG: install.kubeconfig, ORK_NAMESPACE: ns, LEASE_DURATION: '4', RENEW_DEADLINE: '3', RETRY_PERIOD: '1', LOG_LEVEL: 'debug' });
});

test.after(async () => {
  for (const w of watchers) w.kill();
  const r = runtime;
  runtime = undefined;
  await tearDownRuntime(r);
});

test('build -> test -> notify: every phase in order, each Job created when the previous one succeeded', async () => {
  const seen = await watchStatus('shop');
  kubectlOk(['apply', '-f', 'examples/pipeline/pipeline.yaml'], { namespace: ns });
  for (const [step, next] of [['build', 'test'], ['test', 'notify'], ['notify', undefined]] as const) {
    // The first step waits for the runtime to start too (CRD established, caches synced).
    await waitFor(`the ${step} Job`, () => (exists('job', `shop-${step}`) ? true : undefined), step === 'build' ? 90_000 : 30_000);
    if (next) assert.not.ok(exists('job', `shop-${next}`), `the ${next} Job before ${step} finished`);
    finishJob(`shop-${step}`, 'Complete');
  }
  const done = await waitFor('Succeeded', () => (pipeline('shop')?.status?.phase === 'Succeeded' ? pipeline('shop') : undefined), 30_000).catch((err: Error) => {
    // Say where it stopped: the Pipeline's status, the Jobs' conditions, the runtime's last lines.
    const jobs = kubectl(['get', 'jobs', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.status.conditions[*].type}{"\\n"}{end}'], { namespace: ns }).stdout;
    throw new Error(`${err.message}\npipeline: ${JSON.stringify(pipeline('shop')?.status)}\njobs: ${jobs}\nruntime: ${runtime!.lines.slice(-20).map((l) => JSON.stringify(l)).join('\n')}`);
  });
  assert.is(done.status?.step, 'done');
  await waitFor('the status history', () => (seen.at(-1) === 'Succeeded/done' ? true : undefined), 10_000);
  assert.equal(seen, ['Pending/build', 'Running/build', 'Running/test', 'Running/notify', 'Succeeded/done']);
  // Finished steps are kept, for their logs.
  for (const step of ['build', 'test', 'notify']) assert.ok(exists('job', `shop-${step}`), step);
  const ready = done.status?.conditions?.find((c) => c.type === 'Ready');
  assert.equal([ready?.status, ready?.reason], ['True', 'ReconcileSucceeded']);
});

test('a failing test step: Failed, the failed step named, no notify Job, Ready False with a Warning', async () => {
  const seen = await watchStatus('broken');
  kubectlOk(['apply', '-f', '-'], { namespace: ns, input: JSON.stringify({ apiVersion: 'ci.example.com/v1alpha1', kind: 'Pipeline', metadata: { name: 'broken' }, spec: { repo: 'github.com/example/broken' } }) });
  await waitFor('the build Job', () => (exists('job', 'broken-build') ? true : undefined), 30_000);
  finishJob('broken-build', 'Complete');
  await waitFor('the test Job', () => (exists('job', 'broken-test') ? true : undefined), 30_000);
  finishJob('broken-test', 'Failed');
  const failed = await waitFor('Failed', () => (pipeline('broken')?.status?.phase === 'Failed' ? pipeline('broken') : undefined), 30_000);
  assert.equal([failed.status?.step, failed.status?.failedStep], ['test', 'test']);
  await new Promise((r) => setTimeout(r, 3_000));
  assert.not.ok(exists('job', 'broken-notify'), 'a notify Job after a failed test');
  assert.equal(seen, ['Pending/build', 'Running/build', 'Running/test', 'Failed/test']);
  const ready = pipeline('broken')?.status?.conditions?.find((c) => c.type === 'Ready');
  assert.equal([ready?.status, ready?.reason], ['False', 'ChildFailed']);
  await waitFor('a Warning ChildFailed Event', () => {
    const r = kubectl(['get', 'events.events.k8s.io', '-o', 'json'], { namespace: ns });
    const items = r.status === 0 ? (JSON.parse(r.stdout) as { items: { reason: string; type: string; regarding: { name: string } }[] }).items : [];
    return items.find((e) => e.reason === 'ChildFailed' && e.type === 'Warning' && e.regarding.name === 'broken');
  }, 10_000);
});

test('deleting the Pipelines lets them go; the runtime made no forbidden request', async () => {
  kubectlOk(['delete', 'pipelines.ci.example.com', '--all', '--timeout', '30s'], { namespace: ns });
  const r = runtime!;
  runtime = undefined;
  assert.is(await stopRuntime(r), 0);
  assert.is(r.lines.find((l) => l['msg'] === 'runtime stopped')?.['forbidden'], 0);
});

test.run();
