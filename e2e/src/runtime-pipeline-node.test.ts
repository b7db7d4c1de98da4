// examples/pipeline with real pods (issue 14 with issue 17's node): the cluster gets a kubelet,
// containerd and the Job controller, and every step's Job runs its script in a busybox container.
// Nothing plays the kubelet here: a step succeeds or fails because its container exits 0 or not.
// A machine that cannot have a node fails this file with nodeSupport()'s reason; it never skips.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { kubectl, kubectlJson, kubectlOk } from './harness/kubectl.ts';
import { cleanupNamespaces } from './harness/namespace.ts';
import { installForRuntime } from './harness/install-for-runtime.ts';
import { busyboxImage, nodeSupport, startNode, stopNode } from './harness/node.ts';
import { startRuntime, stopRuntime, type RuntimeProcess } from './harness/runtime-process.ts';
import { waitFor } from './harness/wait.ts';

const KATALOG = 'examples/pipeline/katalog.yaml';

interface Pipeline { status?: { phase?: string; step?: string; failedStep?: string; conditions?: { type: string; status: string; reason: string }[] } }

const test = suite('examples/pipeline on a real node: every step a Job whose container really runs');
let runtime: RuntimeProcess | undefined;
let ns = '';
let image = '';

const pipeline = (name: string): Pipeline | undefined => {
  const r = kubectl(['get', 'pipelines.ci.example.com', name, '-o', 'json'], { namespace: ns });
  return r.status === 0 ? (JSON.parse(r.stdout) as Pipeline) : undefined;
};
const exists = (kind: string, name: string) => kubectl(['get', kind, name], { namespace: ns }).status === 0;
const apply = (name: string, spec: Record<string, string>) =>
  kubectlOk(['apply', '-f', '-'], { namespace: ns, input: JSON.stringify({ apiVersion: 'ci.example.com/v1alpha1', kind: 'Pipeline', metadata: { name }, spec: { image, ...spec } }) });
/** What the step's container printed (kubectl logs through the kubelet). */
const logs = (job: string) => kubectl(['logs', `job/${job}`], { namespace: ns }).stdout.trim();

test.before(() => {
  const support = nodeSupport();
  // Fail, not skip: a run without a node must not count this file as passing.
  if (!support.ok) throw new Error(`this file needs a node and this machine cannot have one: ${support.reason}`);
  startNode();
  image = busyboxImage();
  const install = installForRuntime(KATALOG, 'pipeline-node');
  ns = install.namespace;
  runtime = startRuntime(KATALOG, { KUBECONFIG: install.kubeconfig, ORK_NAMESPACE: ns });
});

test.after(async () => {
  try {
    const r = runtime;
    runtime = undefined;
    if (r) await stopRuntime(r);
    cleanupNamespaces();
  } finally {
    // Later files expect the node-less cluster they were written for.
    stopNode();
  }
});

test('build -> test -> notify run for real: Succeeded, each step\'s container printed its line', async () => {
  apply('shop', { repo: 'github.com/example/shop' });
  const done = await waitFor('Succeeded', () => (pipeline('shop')?.status?.phase === 'Succeeded' ? pipeline('shop') : undefined), 180_000);
  assert.is(done.status?.step, 'done');
  assert.is(logs('shop-build'), 'building github.com/example/shop');
  assert.is(logs('shop-test'), 'testing github.com/example/shop');
  assert.is(logs('shop-notify'), 'notifying github.com/example/shop');
  // Each Job started after the one before it completed (the Job controller's own times).
  const times = ['build', 'test', 'notify'].map((s) => kubectlJson<{ metadata: { creationTimestamp: string }; status: { completionTime?: string } }>(['get', 'job', `shop-${s}`, '-o', 'json'], { namespace: ns }));
  for (let i = 1; i < times.length; i++) {
    assert.ok(Date.parse(times[i]!.metadata.creationTimestamp) >= Date.parse(times[i - 1]!.status.completionTime ?? ''), `step ${i + 1} created before step ${i} completed`);
  }
  const ready = done.status?.conditions?.find((c) => c.type === 'Ready');
  assert.equal([ready?.status, ready?.reason], ['True', 'ReconcileSucceeded']);
});

test('a test script that exits 1: Failed at test, no notify Job, Ready False ChildFailed', async () => {
  apply('broken', { repo: 'github.com/example/broken', test: 'false' });
  const failed = await waitFor('Failed', () => (pipeline('broken')?.status?.phase === 'Failed' ? pipeline('broken') : undefined), 180_000);
  assert.equal([failed.status?.step, failed.status?.failedStep], ['test', 'test']);
  assert.is(logs('broken-build'), 'building github.com/example/broken');
  await new Promise((r) => setTimeout(r, 3_000));
  assert.not.ok(exists('job', 'broken-notify'), 'a notify Job after a failed test');
  const ready = pipeline('broken')?.status?.conditions?.find((c) => c.type === 'Ready');
  assert.equal([ready?.status, ready?.reason], ['False', 'ChildFailed']);
});

test('deleting the Pipelines lets them go; the runtime made no forbidden request', async () => {
  kubectlOk(['delete', 'pipelines.ci.example.com', '--all', '--timeout', '60s'], { namespace: ns });
  const r = runtime!;
  runtime = undefined;
  assert.is(await stopRuntime(r), 0);
  assert.is(r.lines.find((l) => l['msg'] === 'runtime stopped')?.['forbidden'], 0);
});

test.run();
