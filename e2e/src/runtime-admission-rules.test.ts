// Issue 15 at reconcile, against a real API server, the runtime under its bundle's token and no
// gateway running (the webhook is off): a Website created past its rules is held with Ready=False
// naming every violation and gets no child; /katalog/website/health lists it and the active
// warnings; once fixed it reconciles (the defaults the mutating webhook would have set count).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { kubectl, kubectlJson, kubectlOk } from './harness/kubectl.ts';
import { waitFor } from './harness/wait.ts';
import { installForRuntime } from './harness/install-for-runtime.ts';
import { httpBase, startRuntime, stopRuntime, tearDownRuntime, type RuntimeProcess } from './harness/runtime-process.ts';

const KATALOG = 'examples/admission/katalog.yaml';

const test = suite('ork run: the Katalog\'s validation rules at reconcile');
let runtime: RuntimeProcess | undefined;
let ns = '';

interface Condition { type: string; status: string; reason: string; message: string }

function ready(name: string): Condition | undefined {
  const r = kubectl(['get', 'website', name, '-o', 'json'], { namespace: ns });
  if (r.status !== 0) return undefined;
  return ((JSON.parse(r.stdout) as { status?: { conditions?: Condition[] } }).status?.conditions ?? []).find((c) => c.type === 'Ready');
}

function apply(name: string, spec: Record<string, unknown>): void {
  kubectlOk(['apply', '-f', '-'], { namespace: ns, input: JSON.stringify({ apiVersion: 'demo.orkestra.io/v1', kind: 'Website', metadata: { name }, spec }) });
}

test.before(() => {
  const install = installForRuntime(KATALOG, 'rules-reconcile');
  ns = install.namespace;
  runtime = startRuntime(KATALOG, { KUBECONFIG: install.kubeconfig, ORK_NAMESPACE: ns, DEFAULT_RESYNC: '2s' });
});

test.after(async () => {
  const r = runtime;
  runtime = undefined;
  await tearDownRuntime(r);
});

test('a Website created while the webhook was off is held: Ready=False with every violation, no children', async () => {
  apply('shop', { replicas: 20, tier: 'db' });
  const c = await waitFor('Ready=False on shop', () => (ready('shop')?.status === 'False' ? ready('shop') : undefined), 60_000);
  assert.is(c.reason, 'ValidationFailed');
  assert.is(c.message, 'Website "shop" is refused by 3 validation rules of the Katalog: field spec.image: an image is required (got: nothing); '
    + 'field spec.replicas: at most 10 replicas (got: 20); field spec.tier: tier must be web, api or batch (got: "db")');
  const events = kubectlJson<{ items: { reason: string; type: string; note?: string; message?: string }[] }>(['get', 'events.events.k8s.io', '--field-selector', 'regarding.name=shop'], { namespace: ns });
  assert.ok(events.items.some((e) => e.reason === 'ValidationFailed' && e.type === 'Warning'), JSON.stringify(events.items.map((e) => e.reason)));
  // Several resyncs later, still no child and still one Event: the denial does not repeat itself.
  await new Promise((r) => setTimeout(r, 5000));
  assert.match(kubectl(['get', 'configmap', 'shop-site'], { namespace: ns }).stderr, /NotFound/);
  const again = kubectlJson<{ items: { reason: string }[] }>(['get', 'events.events.k8s.io', '--field-selector', 'regarding.name=shop'], { namespace: ns });
  assert.is(again.items.filter((e) => e.reason === 'ValidationFailed').length, 1);
});

test('/katalog/website/health lists the held Website and the active warnings of warn rules', async () => {
  apply('blog', { image: 'nginx:1.27', tier: 'batch' });
  await waitFor('blog Ready=True', () => (ready('blog')?.status === 'True' ? true : undefined), 60_000);
  const base = await httpBase(runtime!);
  const health = await (await fetch(`${base}/katalog/website/health`)).json() as { validation?: { denied: { cr: string; message: string }[]; activeWarnings: { cr: string; warning: string }[] } };
  assert.equal(health.validation?.denied.map((d) => d.cr), [`${ns}/shop`]);
  assert.equal(health.validation?.activeWarnings, [{ cr: `${ns}/blog`, warning: 'field spec.tier: the batch tier moves to the Job CRD in v2 (got: "batch")' }]);
  // blog lacks replicas, which the mutating webhook would default: no violation, and its child renders.
  const data = kubectlJson<{ data: Record<string, string> }>(['get', 'configmap', 'blog-site'], { namespace: ns }).data;
  assert.is(data['image'], 'nginx:1.27');
});

test('fixing the Website lets it reconcile: Ready=True and its child', async () => {
  apply('shop', { image: 'nginx:1.27', replicas: 3, tier: 'web' });
  await waitFor('shop Ready=True', () => (ready('shop')?.status === 'True' ? true : undefined), 60_000);
  const data = kubectlJson<{ data: Record<string, string> }>(['get', 'configmap', 'shop-site'], { namespace: ns }).data;
  assert.equal([data['image'], data['replicas']], ['nginx:1.27', '3']);
});

test('the runtime stops on SIGTERM with exit 0 and made no forbidden request', async () => {
  const r = runtime!;
  runtime = undefined;
  assert.is(await stopRuntime(r), 0, r.stderr.join(''));
  const stopped = r.lines.find((l) => l['msg'] === 'runtime stopped');
  assert.ok(stopped, r.stderr.join(''));
  assert.is(stopped!['forbidden'], 0);
});

test.run();
