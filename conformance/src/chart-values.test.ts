// Keeps the chart's environment variables in step with the apps (DESIGN §6, §9): every name the chart
// renders into the runtime, gateway and Control Center Deployments is one the app reads, and every name the app
// reads can be set from values, save the listed exceptions. The apps' names are read as text from
// the ENV schema in apps/*/src/config.ts, so a new variable there fails this test until the chart maps it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { kubeTool } from './kube-tools.ts';

const REPO = new URL('../../', import.meta.url).pathname;
const CHART = join(REPO, 'chart');
const test = suite('chart env vars against the apps');

type App = 'runtime' | 'gateway' | 'control-center';

/** App variables the chart deliberately does not set, with the reason. */
const NOT_FROM_VALUES: Record<App, Record<string, string>> = {
  runtime: {
    ORK_HOST: 'the default 0.0.0.0 is right in a pod; loopback is for tests only',
  },
  gateway: {
    ORK_HOST: 'the default 0.0.0.0 is right in a pod; loopback is for tests only',
    ORK_WEBHOOK_HOST: 'the default 0.0.0.0 is right in a pod; loopback is for tests only',
    ORK_WEBHOOK_URL: 'out of cluster only: in a pod the webhooks name the Service (ORK_GATEWAY_SERVICE_NAME)',
    KUBERNETES_SERVICE_HOST: 'set by the kubelet in every pod; it tells the gateway it runs in cluster',
    POD_NAMESPACE: 'fallback spelling of ORK_NAMESPACE, which the chart sets from the downward API',
  },
  'control-center': {
    ORK_HOST: 'the default 0.0.0.0 is right in a pod; loopback is for tests only',
    REQUEST_TIMEOUT: 'the seed has no value for it; the 5s default suits in-cluster runtimes, extraEnv can change it',
    ORK_TOKEN_FILE: 'the default is the ServiceAccount token the kubelet mounts in the pod; other paths are for ork control outside a cluster',
  },
};

/** The fewest variables each app's ENV block can hold, so a broken extraction cannot pass as "nothing to check". */
const MIN_VARIABLES: Record<App, number> = { runtime: 10, gateway: 10, 'control-center': 5 };

/** Values that make every optional variable render (gatewayEndpoint, provided TLS). */
const EVERYTHING = `
runtime:
  gatewayEndpoint: http://orkestra-gateway.orkestra-system.svc:8080
gateway:
  enabled: true
  tls:
    existingSecret: my-gateway-tls
    hasCA: true
  clientAuth:
    enabled: true
    caConfigMap: {name: apiserver-webhook-client-ca}
    allowedNames: [kube-apiserver-webhook-client]
  webhooks: {enabled: true, conversion: true}
`;

/** EVERYTHING with the runtime following a registry Katalog, with every optional registry value. */
const EVERYTHING_REGISTRY = `
runtime:
  gatewayEndpoint: http://orkestra-gateway.orkestra-system.svc:8080
  registry: {enabled: true, url: "oci://registry.example.com/platform/katalog:stable", pullSecret: katalog-pull, caConfigMap: registry-ca}
`;

function render(extraValues?: string): unknown[] {
  const args = ['template', 'orkestra', CHART, '--namespace', 'orkestra-system'];
  if (extraValues !== undefined) {
    const file = join(mkdtempSync(join(tmpdir(), 'ork-chart-')), 'values.yaml');
    writeFileSync(file, extraValues);
    args.push('--values', file);
  }
  const r = spawnSync(kubeTool('helm'), args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.is(r.status, 0, `helm template failed: ${r.stderr}`);
  return parseAllDocuments(r.stdout).map((d) => d.toJS() as unknown).filter((o) => o !== null);
}

interface Deployment { kind: string; metadata: { name: string }; spec: { template: { spec: { containers: { env?: { name: string }[] }[] } } } }

function envNames(objects: unknown[], deployment: string): string[] {
  const d = objects.find((o): o is Deployment => (o as Deployment).kind === 'Deployment' && (o as Deployment).metadata.name === deployment);
  assert.ok(d, `no Deployment ${deployment} rendered`);
  return d.spec.template.spec.containers.flatMap((c) => (c.env ?? []).map((e) => e.name)).sort();
}

/** Files with a `const ENV = v.object({ ... })` block per app (the runtime's registry settings have their own, issue 19). */
const CONFIG_FILES: Record<App, readonly string[]> = { runtime: ['config.ts', 'registry-config.ts'], gateway: ['config.ts'], 'control-center': ['config.ts'] };

/** The keys of `const ENV = v.object({ ... })` in an app's config files. */
function appEnvNames(app: App): string[] {
  const names = CONFIG_FILES[app].flatMap((file) => {
    const text = readFileSync(join(REPO, 'apps', app, 'src', file), 'utf8');
    const body = /const ENV = v\.object\(\{\n([\s\S]*?)\n\}\);/.exec(text)?.[1];
    assert.ok(body, `apps/${app}/src/${file}: no "const ENV = v.object({" block`);
    return [...body.matchAll(/^\s{2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!);
  });
  assert.ok(names.length >= MIN_VARIABLES[app], `apps/${app}/src/config.ts: only ${names.length} variables found`);
  return names.sort();
}

for (const [app, deployment] of [['runtime', 'orkestra-runtime'], ['gateway', 'orkestra-gateway'], ['control-center', 'orkestra-cc']] as const) {
  test(`${app}: every variable the default render sets is one the app reads`, () => {
    const defaults = render(app === 'gateway' ? 'gateway:\n  enabled: true\n' : undefined);
    const reads = new Set(appEnvNames(app));
    const unknown = envNames(defaults, deployment).filter((n) => !reads.has(n));
    assert.equal(unknown, [], `chart sets variables apps/${app}/src/config.ts does not read`);
  });

  test(`${app}: every variable the app reads can be set from values, or is a listed exception`, () => {
    // KATALOG_PATH and the registry's variables exclude each other: the union of both renders.
    const rendered = new Set([...envNames(render(EVERYTHING), deployment), ...(app === 'runtime' ? envNames(render(EVERYTHING_REGISTRY), deployment) : [])]);
    const exceptions = NOT_FROM_VALUES[app];
    const missing = appEnvNames(app).filter((n) => !rendered.has(n) && !(n in exceptions));
    assert.equal(missing, [], `apps/${app}/src/config.ts reads variables no chart value sets`);
    const stale = Object.keys(exceptions).filter((n) => !appEnvNames(app).includes(n) || rendered.has(n));
    assert.equal(stale, [], 'exceptions the app no longer reads or the chart now sets');
  });
}

test('the Control Center watches this release\'s runtime Service by default, or the URLs given', () => {
  type Env = { name: string; value?: string }[];
  const envOf = (objects: unknown[]): Env => (objects as { kind: string; metadata: { name: string }; spec: { template: { spec: { containers: { env: Env }[] } } } }[])
    .find((o) => o.kind === 'Deployment' && o.metadata.name === 'orkestra-cc')!.spec.template.spec.containers[0]!.env;
  const byDefault = envOf(render());
  assert.is(byDefault.find((e) => e.name === 'ORKESTRA_URLS')?.value, 'http://orkestra-runtime:8080');
  assert.is(byDefault.find((e) => e.name === 'REFRESH_INTERVAL')?.value, '10s');
  assert.is(byDefault.find((e) => e.name === 'ORK_PORT')?.value, '8081');
  const given = envOf(render('controlCenter:\n  config:\n    orkestraURLs: [http://a:8080, http://b:8080]\n'));
  assert.is(given.find((e) => e.name === 'ORKESTRA_URLS')?.value, 'http://a:8080,http://b:8080');
});

test('the gateway Service name the chart passes is the Service it renders', () => {
  const objects = render('gateway:\n  enabled: true\n') as { kind: string; metadata: { name: string }; spec: { template?: { spec: { containers: { env?: { name: string; value?: string }[] }[] } } } }[];
  const env = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'orkestra-gateway')!.spec.template!.spec.containers[0]!.env!;
  const name = env.find((e) => e.name === 'ORK_GATEWAY_SERVICE_NAME')?.value;
  assert.ok(objects.some((o) => o.kind === 'Service' && o.metadata.name === name), `no Service named ${name}`);
});

test.run();
