// The runtime's HTTP API (DESIGN §6) against a real API server: probes, controller-runtime metrics
// and the /katalog views of a reconciled starter Website, read from the runtime's own caches.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { kubectl, kubectlOk } from './harness/kubectl.ts';
import { cleanupNamespaces } from './harness/namespace.ts';
import { httpBase, startRuntime, stopRuntime, type RuntimeProcess } from './harness/runtime-process.ts';
import { httpGet, pollHttp, type HttpResponse } from './harness/http-poll.ts';
import { installForRuntime } from './harness/install-for-runtime.ts';

const KATALOG = 'examples/starter/katalog.yaml';

const test = suite('ork run: the HTTP API against a real API server');
let runtime: RuntimeProcess | undefined;
let base = '';
let ns = '';
let kubeconfig = '';
// Issue 12: the CR routes answer only a caller whose token may read the CRs: the Control Center's.
let cc: Record<string, string> = {};

const get = (path: string, headers = cc): Promise<HttpResponse> => httpGet(base, path, headers);
const poll = <T>(what: string, path: string, check: (r: HttpResponse) => T | undefined, timeoutMs = 60_000): Promise<T> =>
  pollHttp(base, what, path, check, timeoutMs, 250, cc);

/** The value of the series `name{labels}` in a Prometheus text body, or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const want = Object.entries(labels);
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)\{(.*)\} (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found = new Map([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((p) => [p[1], p[2]]));
    if (want.every(([k, v]) => found.get(k) === v)) return Number(m[3]);
  }
  return undefined;
}

test.before(async () => {
  const install = installForRuntime(KATALOG, 'runtime-http');
  ns = install.namespace;
  kubeconfig = install.kubeconfig;
  cc = { authorization: `Bearer ${install.ccToken}` };
  runtime = startRuntime(KATALOG, {
    KUBECONFIG: kubeconfig, ORK_NAMESPACE: ns, DEFAULT_RESYNC: '2s',
    ORK_GATEWAY_ENDPOINT: 'https://gateway.example:8443',
  });
  base = await httpBase(runtime);
});

test.after(async () => {
  try {
    // Delete while the runtime still runs: it must drop its finalizer, or the namespace stays
    // Terminating and the next suite's cluster-wide runtime meets 403s writing into it.
    if (runtime && ns) kubectl(['delete', 'websites', '--all', '--timeout', '30s'], { namespace: ns });
    const r = runtime;
    runtime = undefined;
    if (r) await stopRuntime(r);
  } finally {
    cleanupNamespaces();
  }
});

test('the runtime listens on the port it was given (0: a free one) and logs it', () => {
  assert.match(base, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.not.match(base, /:0$/);
});

test('a port in use is one line on stderr and exit 1', async () => {
  const port = new URL(base).port;
  const second = startRuntime(KATALOG, { KUBECONFIG: kubeconfig, ORK_NAMESPACE: ns, ORK_PORT: port });
  const code = await Promise.race([second.exited, new Promise<'timeout'>((resolve) => setTimeout(resolve, 15_000, 'timeout'))]);
  if (code === 'timeout') await stopRuntime(second);
  assert.is(code, 1);
  assert.match(second.stderr.join(''), `ork-runtime: cannot listen on 127.0.0.1:${port}: `);
  assert.ok(!second.lines.some((l) => l['msg'] === 'runtime starting'), 'nothing started');
});

test('/livez, /readyz and /health answer 200 once the caches synced', async () => {
  const live = await get('/livez');
  assert.is(live.status, 200);
  assert.is(live.json()['status'], 'ok');
  await poll('/readyz 200', '/readyz', (r) => (r.status === 200 ? true : undefined));
  const health = await poll('/health 200 with the CRD started', '/health', (r) => {
    const crds = r.status === 200 ? (r.json()['crds'] as { name: string; state: string }[]) : [];
    return crds.some((c) => c.state === 'pending' || c.state === 'healthy') ? r.json() : undefined;
  });
  assert.is(health['ready'], true);
  assert.equal((health['crds'] as { name: string }[]).map((c) => c.name), ['website']);
});

test('/katalog lists the CRD, the leader flag and the gateway endpoint', async () => {
  const body = await poll('the runtime to lead', '/katalog', (r) => (r.json()['isLeader'] === true ? r.json() : undefined), 30_000);
  assert.is(body['name'], 'starter');
  assert.is(body['gatewayEndpoint'], 'https://gateway.example:8443');
  const crds = body['crds'] as { name: string; kind: string; group: string; enabled: boolean }[];
  assert.equal(crds.map((c) => [c.name, c.kind, c.group, c.enabled]), [['website', 'Website', 'demo.orkestra.io', true]]);
  const info = await get('/katalog/website');
  assert.is(info.status, 200);
  assert.is(info.json()['namespaced'], true);
  assert.is((await get('/katalog/nope')).status, 404);
});

test('a created Website is listed as reconciled (not Ready: no kubelet runs its Deployment) and shows its children', async () => {
  kubectlOk(['apply', '-f', '-'], {
    namespace: ns,
    input: JSON.stringify({ apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website', metadata: { name: 'site' }, spec: { replicas: 1 } }),
  });
  type Item = { name: string; namespace?: string; ready: string; reason?: string; generation: number; observedGeneration?: number };
  const item = await poll('the Website listed as reconciled', '/katalog/website/cr', (r) => {
    const items = (r.json()['items'] as Item[] | undefined) ?? [];
    return items.find((i) => i.namespace === ns && i.name === 'site' && i.reason === 'ChildrenNotReady');
  });
  assert.is(item.ready, 'False');
  assert.is(item.observedGeneration, item.generation);
  const detail = await poll('both children in the cache', `/katalog/website/cr/${ns}/site`, (r) => {
    const children = r.status === 200 ? (r.json()['children'] as Record<string, { name: string; namespace: string; apiVersion: string; exists: boolean }[]>) : {};
    return children['Deployment'] && children['Service'] ? r.json() : undefined;
  });
  const children = detail['children'] as Record<string, { name: string; namespace: string; apiVersion: string; exists: boolean }[]>;
  assert.equal(Object.keys(children).sort(), ['Deployment', 'Service']);
  assert.equal(children['Deployment']!.map((c) => [c.apiVersion, c.namespace, c.exists]), [['apps/v1', ns, true]]);
  assert.equal(children['Service']!.map((c) => [c.apiVersion, c.namespace, c.exists]), [['v1', ns, true]]);
  assert.is(detail['isLeader'], true);
  assert.ok((detail['finalizers'] as string[]).length > 0);
  assert.is((await get(`/katalog/website/cr/${ns}/missing`)).status, 404);
});

test('issue 12: the CRs answer only a token that may get them (TokenReview + SubjectAccessReview against the real API server)', async () => {
  const path = `/katalog/website/cr/${ns}/site`;
  // A ServiceAccount with no role at all, and one that may get and list Websites in this namespace only.
  kubectlOk(['create', 'serviceaccount', 'nobody'], { namespace: ns });
  kubectlOk(['create', 'serviceaccount', 'reader'], { namespace: ns });
  kubectlOk(['create', 'role', 'website-reader', '--verb=get,list', '--resource=websites.demo.orkestra.io'], { namespace: ns });
  kubectlOk(['create', 'rolebinding', 'website-reader', '--role=website-reader', `--serviceaccount=${ns}:reader`], { namespace: ns });
  const tokenOf = (sa: string) => ({ authorization: `Bearer ${kubectlOk(['create', 'token', sa, '--duration', '10m'], { namespace: ns }).trim()}` });
  const nobody = tokenOf('nobody');
  const reader = tokenOf('reader');

  const anonymous = await get(path, {});
  assert.is(anonymous.status, 401);
  assert.not.match(anonymous.text, '"spec"');
  assert.is((await get(path, { authorization: 'Bearer not-a-token' })).status, 401);
  const denied = await get(path, nobody);
  assert.is(denied.status, 403);
  assert.match(denied.json()['message'], `system:serviceaccount:${ns}:nobody may not get websites.demo.orkestra.io in namespace ${ns}`);
  assert.is((await get(`${path}/events`, nobody)).status, 403);
  assert.equal((await get('/katalog/website/cr', nobody)).json()['items'], [], 'the list hides what the caller may not list');

  // RBAC is read live by the API server; the namespaced Role may take a moment to be seen.
  await pollHttp(base, 'the reader to see the Website', path, (r) => (r.status === 200 ? true : undefined), 15_000, 250, reader);
  const mine = await get('/katalog/website/cr', reader);
  assert.ok((mine.json()['items'] as { namespace: string }[]).every((i) => i.namespace === ns), 'only its namespace');
  assert.is((await get(path, cc)).json()['name'], 'site', 'the Control Center\'s ServiceAccount (bundle ClusterRole orkestra-cc) sees it');
  // Probes, metrics and /katalog stay open.
  for (const open of ['/livez', '/readyz', '/metrics', '/katalog', '/katalog/website']) assert.is((await get(open, {})).status, 200, open);
});

test('/metrics uses controller-runtime names, and the leader reports 1', async () => {
  const r = await get('/metrics');
  assert.is(r.status, 200);
  assert.is(sample(r.text, 'leader_election_master_status', { name: 'orkestra-runtime' }), 1);
  // The Website above was reconciled: its reconciles are counted and timed as they finish.
  const successes = sample(r.text, 'controller_runtime_reconcile_total', { controller: 'website', result: 'success' }) ?? 0;
  assert.ok(successes >= 1, `reconcile_total{result=success}: ${successes}`);
  assert.ok((sample(r.text, 'controller_runtime_reconcile_time_seconds_count', { controller: 'website' }) ?? 0) >= successes, 'reconcile_time observed');
  assert.ok((sample(r.text, 'workqueue_queue_duration_seconds_count', { name: 'website', controller: 'website' }) ?? 0) >= 1, 'queue wait observed');
  assert.is(sample(r.text, 'controller_runtime_reconcile_total', { controller: 'website', result: 'error' }), 0);
  assert.is(sample(r.text, 'workqueue_depth', { name: 'website', controller: 'website' }) !== undefined, true, 'workqueue_depth series');
  assert.is(sample(r.text, 'controller_runtime_max_concurrent_reconciles', { controller: 'website' }), 2);
  assert.is(sample(r.text, 'orkestra_crd_health', { crd: 'website', state: 'degraded' }), 0);
  assert.ok((sample(r.text, 'rest_client_requests_total', { code: '200', method: 'GET' }) ?? 0) > 0, 'API requests counted');
  assert.is(sample(r.text, 'rest_client_requests_total', { code: '403' }), undefined, 'no 403 with the bundle RBAC');
});

test('a deleted Website leaves the cache, and the runtime stops cleanly without a 403', async () => {
  kubectlOk(['delete', 'website', 'site', '--timeout', '30s'], { namespace: ns });
  await poll('the Website gone from the list', '/katalog/website/cr', (r) =>
    ((r.json()['items'] as { namespace?: string }[] | undefined) ?? []).some((i) => i.namespace === ns) ? undefined : true, 10_000);
  assert.is((await get(`/katalog/website/cr/${ns}/site`)).status, 404);
  const r = runtime!;
  runtime = undefined;
  assert.is(await stopRuntime(r), 0);
  assert.is(r.lines.find((l) => l['msg'] === 'runtime stopped')?.['forbidden'], 0);
  // The server closed with the runtime.
  const refused = await fetch(`${base}/livez`).then(() => false, () => true);
  assert.ok(refused, 'the port still answers after exit');
});

test.run();
