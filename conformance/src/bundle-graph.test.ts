// "Two binaries, two attack surfaces" (DESIGN §1): the runtime bundle may run and report its
// version, nothing else. esbuild's metafile (written by scripts/bundle.mjs) lists, per output,
// the modules that contributed bytes after tree shaking; this reads it rather than the sources
// because a barrel import can look like it pulls in everything while shaking most of it away.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const test = suite('bundle module graphs');
const repo = new URL('../../', import.meta.url).pathname;

interface Metafile {
  readonly outputs: Readonly<Record<string, { readonly inputs: Readonly<Record<string, { readonly bytesInOutput: number }>> }>>;
}

/** The modules that contributed bytes to `out`, repo-relative. */
function bundledModules(meta: string, out: string): string[] {
  const path = `${repo}${meta}`;
  if (!existsSync(path)) throw new Error(`${meta} is missing: run node scripts/bundle.mjs (part of npm run build)`);
  const output = (JSON.parse(readFileSync(path, 'utf8')) as Metafile).outputs[out];
  if (!output) throw new Error(`${meta} has no output ${out}`);
  return Object.entries(output.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([p]) => p);
}

// What the runtime must never carry: the generators and planners of the developer CLI, the CLI's
// commands, and anything that serves admission webhooks (the gateway's job; none exists yet, so
// these paths guard the future). The runtime does carry the derivation of its own grants
// (plan-crd-rules and the runtime-grant files it uses) to show each CRD's rules with their reasons
// on /katalog/{crd}; what turns grants into a bundle (plan-rbac, the gateway's grants, installer
// needs, the lint, the bundle planner) stays out.
const NOT_IN_RUNTIME: readonly [RegExp, string][] = [
  [/^lib\/dist\/rbac\/(plan-rbac|plan-gateway-grants|installer-needs|lint-rules)\.js$/, 'RBAC planner'],
  [/^lib\/dist\/bundle\//, 'bundle generator'],
  [/^lib\/dist\/crd\/plan-crd\.js$/, 'CRD generator'],
  [/^lib\/dist\/json-schema\//, 'JSON Schema generator'],
  [/^lib\/dist\/report\//, 'validate --full report'],
  [/^apps\/cli\//, 'CLI command'],
  [/^apps\/gateway\//, 'gateway'],
  [/^(adapters\/dist\/(pki|gateway|webhook|tls)\/|apps\/runtime\/dist\/http\/(webhook|admission))/, 'webhook server or certificate generation'],
];

// What the gateway must never carry (DESIGN §1: "cannot generate RBAC bundles or enumerate CRDs").
// lib/dist/rbac/names.js holds only the fixed object names the webhook plan shares with the RBAC
// planner; parseKatalog's validation infers spec schemas (lib/dist/crd/*-schema), but the CRD
// generator itself (plan-crd.js) must stay out, as must the informer (list + watch).
const NOT_IN_GATEWAY: readonly [RegExp, string][] = [
  [/^lib\/dist\/rbac\/(?!names\.js$)/, 'RBAC planner'],
  [/^lib\/dist\/bundle\//, 'bundle planner'],
  [/^lib\/dist\/crd\/plan-crd\.js$/, 'CRD generator'],
  [/^lib\/dist\/json-schema\//, 'JSON Schema generator'],
  [/^lib\/dist\/report\//, 'validate --full report'],
  [/^lib\/dist\/runtime\/plan-reconcile\.js$/, 'runtime reconcile'],
  [/^lib\/dist\/runtime\/(plan-children|evaluate-conditions|read-path)\.js$/, 'runtime reconcile'],
  [/^adapters\/dist\/kube\/informer\.js$/, 'informer (lists and watches)'],
  [/^apps\/runtime\/dist\/http\//, 'runtime HTTP API'],
  [/^apps\/(cli|runtime)\//, 'CLI or runtime'],
];

/** Each bundled module that must not be there, with why. */
function violations(modules: readonly string[]): string[] {
  return modules.flatMap((m) => NOT_IN_RUNTIME.filter(([re]) => re.test(m)).map(([, why]) => `${m} (${why})`));
}

const runtime = () => bundledModules('apps/runtime/dist/ork-runtime.meta.json', 'apps/runtime/dist/ork-runtime.mjs');
const cli = () => bundledModules('apps/cli/dist/ork.meta.json', 'apps/cli/dist/ork.mjs');

test('the runtime bundle holds no planner, generator, CLI command or webhook server', () => {
  assert.equal(violations(runtime()), []);
});

test('the runtime bundle holds no fastify: its HTTP API is plain node:http (the idle RSS budget)', () => {
  assert.equal(runtime().filter((m) => /node_modules\/(fastify|@fastify\/|find-my-way|light-my-request|fast-json-stringify|ajv|pino)/.test(m)), []);
});

test('the runtime bundle holds what ork run needs', () => {
  const modules = runtime();
  // Without these the check above could pass on an empty or wrong metafile.
  for (const m of ['apps/runtime/dist/main.js', 'lib/dist/runtime/plan-reconcile.js', 'apps/runtime/dist/http/build-runtime-server.js', 'adapters/dist/kube/informer.js', 'lib/dist/rbac/plan-crd-rules.js']) {
    assert.ok(modules.includes(m), m);
  }
});

test('the CLI bundle exists and the same check flags its generators', () => {
  assert.ok(existsSync(`${repo}apps/cli/dist/ork.mjs`));
  const found = violations(cli());
  // Proves the patterns match real paths: the CLI carries exactly what the runtime must not.
  for (const m of ['lib/dist/rbac/plan-rbac.js (RBAC planner)', 'lib/dist/bundle/plan-bundle.js (bundle generator)', 'lib/dist/crd/plan-crd.js (CRD generator)']) {
    assert.ok(found.includes(m), m);
  }
});

test('the runtime bundle runs on its own and reports its version', () => {
  const r = spawnSync(process.execPath, [`${repo}apps/runtime/dist/ork-runtime.mjs`, 'version'], { encoding: 'utf8', timeout: 20_000 });
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /^ork-runtime \d+\.\d+\.\d+\S* \(node v\d+/);
});

// Issue 16: the gateway's code is in ork-gateway.cjs (ork-gateway.mjs loads it with V8's code cache).
const gateway = () => bundledModules('apps/gateway/dist/ork-gateway.meta.json', 'apps/gateway/dist/ork-gateway.cjs');
const gatewayViolations = (modules: readonly string[]): string[] => modules.flatMap((m) => NOT_IN_GATEWAY.filter(([re]) => re.test(m)).map(([, why]) => `${m} (${why})`));

test('the gateway bundle holds no RBAC planner, CRD generator, informer or runtime reconcile', () => {
  assert.equal(gatewayViolations(gateway()), []);
});

test('the gateway bundle holds what ork gate needs', () => {
  const modules = gateway();
  for (const m of ['apps/gateway/dist/main.js', 'lib/dist/gateway/decide-deletion-protection.js', 'lib/dist/gateway/plan-certificates.js', 'adapters/dist/webhook/build-webhook-server.js', 'adapters/dist/tls/generate-ca.js']) {
    assert.ok(modules.includes(m), m);
  }
});

test('the gateway patterns match real paths: the CLI and runtime bundles trip them', () => {
  const found = [...gatewayViolations(cli()), ...gatewayViolations(runtime())];
  for (const m of ['lib/dist/rbac/plan-rbac.js (RBAC planner)', 'lib/dist/crd/plan-crd.js (CRD generator)', 'lib/dist/runtime/plan-reconcile.js (runtime reconcile)', 'adapters/dist/kube/informer.js (informer (lists and watches))']) {
    assert.ok(found.includes(m), m);
  }
});

test('the gateway bundle runs on its own and reports its version; it has no other command', () => {
  const r = spawnSync(process.execPath, [`${repo}apps/gateway/dist/ork-gateway.mjs`, 'version'], { encoding: 'utf8', timeout: 20_000 });
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /^ork-gateway \d+\.\d+\.\d+\S* \(node v\d+/);
  const other = spawnSync(process.execPath, [`${repo}apps/gateway/dist/ork-gateway.mjs`, 'generate', 'rbac'], { encoding: 'utf8', timeout: 20_000 });
  assert.is(other.status, 2);
  assert.match(other.stderr, /^ork-gateway: unknown command "generate"/);
});

// The Control Center reads runtimes over HTTP and nothing else: no cluster client, no planner,
// no reconcile, no webhook or certificate code, no runtime HTTP API.
const NOT_IN_CONTROL_CENTER: readonly [RegExp, string][] = [
  [/^lib\/dist\/(rbac|bundle|crd|validate|json-schema|report|gateway)\//, 'planner or generator'],
  [/^lib\/dist\/runtime\/(plan-reconcile|plan-children|evaluate-conditions|read-path)\.js$/, 'runtime reconcile'],
  [/^adapters\/dist\/(kube|tls|webhook)\//, 'cluster client or webhook server'],
  [/^apps\/runtime\/dist\/http\//, 'runtime HTTP API'],
  [/^node_modules\/@kubernetes\//, 'Kubernetes client'],
  [/^apps\/(cli|runtime|gateway)\//, 'another app'],
];
const controlCenter = () => bundledModules('apps/control-center/dist/ork-control-center.meta.json', 'apps/control-center/dist/ork-control-center.mjs');

test('the Control Center bundle holds no cluster client, planner, reconcile or webhook server', () => {
  const found = controlCenter().flatMap((m) => NOT_IN_CONTROL_CENTER.filter(([re]) => re.test(m)).map(([, why]) => `${m} (${why})`));
  assert.equal(found, []);
  // The patterns match real paths: the runtime bundle trips them.
  const runtimeFound = runtime().filter((m) => NOT_IN_CONTROL_CENTER.some(([re]) => re.test(m)));
  for (const m of ['adapters/dist/kube/informer.js', 'lib/dist/runtime/plan-reconcile.js', 'lib/dist/rbac/plan-crd-rules.js']) assert.ok(runtimeFound.includes(m), m);
});

test('the Control Center bundle holds what it serves with and reports its version; it has no other command', () => {
  const modules = controlCenter();
  for (const m of ['apps/control-center/dist/main.js', 'apps/control-center/dist/poller.js', 'lib/dist/control-center/step-runtime-state.js']) assert.ok(modules.includes(m), m);
  const r = spawnSync(process.execPath, [`${repo}apps/control-center/dist/ork-control-center.mjs`, 'version'], { encoding: 'utf8', timeout: 20_000 });
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /^ork-control-center \d+\.\d+\.\d+\S* \(node v\d+/);
  const other = spawnSync(process.execPath, [`${repo}apps/control-center/dist/ork-control-center.mjs`, 'run'], { encoding: 'utf8', timeout: 20_000 });
  assert.is(other.status, 2);
  assert.match(other.stderr, /^ork-control-center: unknown command "run"\nusage: ork-control-center serve \| version/);
});

test.run();
