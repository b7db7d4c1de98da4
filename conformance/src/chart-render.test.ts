// The chart renders, lints and validates offline (issue 6): `helm lint --strict` for the default,
// gateway-only and everything-enabled values and the examples/*-values.yaml files, a golden of the
// default render (UPDATE_GOLDENS=1 rewrites it, review the diff), values.schema.json rejecting a wrong type, and `kubeconform -strict` on every rendered
// manifest against schemas built from the Kubernetes module's own swagger.json (tools/kube/go.mod).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { kubeTool } from './kube-tools.ts';

const REPO = new URL('../../', import.meta.url).pathname;
const CHART = join(REPO, 'chart');
const GOLDEN = join(REPO, 'conformance/chart/default-render.yaml');
const update = process.env['UPDATE_GOLDENS'] === '1';
const test = suite('chart render');

const GATEWAY_ONLY = ['--set', 'runtime.enabled=false,controlCenter.enabled=false,gateway.enabled=true'];
/** The runtime following a Katalog artifact (issue 19). */
const REGISTRY = ['--set', 'runtime.registry.enabled=true,runtime.registry.url=oci://registry.example.com/platform/katalog:stable,runtime.registry.pullSecret=katalog-pull,runtime.registry.pollInterval=30s,runtime.registry.caConfigMap=registry-ca'];
const EVERYTHING = `
runtime:
  gatewayEndpoint: http://orkestra-gateway.orkestra-system.svc:8080
  katalog: { existingConfigMap: platform-katalog }
  hpa: { enabled: true, minReplicas: 3, maxReplicas: 8 }
  networkPolicy:
    enabled: true
    ingressFrom: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: monitoring } } }]
  extraEnv: [{ name: EXTRA, value: "1" }]
  resources: { requests: { cpu: 1, memory: 256Mi } }
  extraEnvFrom: [{ secretRef: { name: extra } }]
  extraVolumes: [{ name: extra, emptyDir: {} }]
  extraVolumeMounts: [{ name: extra, mountPath: /extra }]
  podAnnotations: { a: b }
  podLabels: { team: platform }
  imagePullSecrets: [{ name: regcred }]
  nodeSelector: { kubernetes.io/os: linux }
  tolerations: [{ key: k, operator: Exists, effect: NoSchedule }]
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app.kubernetes.io/component: runtime } } }]
gateway:
  enabled: true
  katalog: { existingConfigMap: platform-katalog }
  tls: { existingSecret: gw-tls, hasCA: true }
  hpa: { enabled: true }
  networkPolicy: { enabled: true }
controlCenter:
  replicaCount: 2
  hpa: { enabled: true }
  networkPolicy: { enabled: true }
  ingress:
    enabled: true
    className: nginx
    annotations: { cert-manager.io/cluster-issuer: letsencrypt-prod }
    hosts: [{ host: cc.example.org, paths: [{ path: /, pathType: Prefix }] }]
    tls: [{ secretName: cc-tls, hosts: [cc.example.org] }]
`;

function run(cmd: string, args: readonly string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') };
}

function valuesFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ork-chart-')), 'values.yaml');
  writeFileSync(file, text);
  return file;
}

function template(args: readonly string[]): string {
  const r = run(kubeTool('helm'), ['template', 'orkestra', CHART, '--namespace', 'orkestra-system', ...args]);
  assert.is(r.status, 0, `helm template ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

interface Obj { apiVersion: string; kind: string; metadata: { name: string } }
const objects = (text: string): Obj[] => parseAllDocuments(text).map((d) => d.toJS() as Obj | null).filter((o): o is Obj => o !== null);

const example = (name: string): readonly string[] => ['--values', join(REPO, 'examples', `${name}-values.yaml`)];
const CASES: Record<string, readonly string[]> = {
  default: [],
  'gateway-only': GATEWAY_ONLY,
  registry: REGISTRY,
  everything: ['--values', valuesFile(EVERYTHING)],
  // The example values files the README installs with.
  production: example('production'),
  'full-split': example('full-split'),
  'gateway-only example': example('gateway-only'),
};

for (const [name, args] of Object.entries(CASES)) {
  test(`helm lint --strict passes: ${name}`, () => {
    const r = run(kubeTool('helm'), ['lint', '--strict', CHART, ...args]);
    assert.is(r.status, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /1 chart\(s\) linted, 0 chart\(s\) failed/);
  });
}

test('default render matches the golden', () => {
  const text = template([]);
  if (update) {
    mkdirSync(join(REPO, 'conformance/chart'), { recursive: true });
    writeFileSync(GOLDEN, text);
    return;
  }
  assert.ok(existsSync(GOLDEN), 'no golden: run with UPDATE_GOLDENS=1 and review');
  assert.fixture(text, readFileSync(GOLDEN, 'utf8'), 'conformance/chart/default-render.yaml');
});

test('renders what each topology needs and never any RBAC or ServiceAccount', () => {
  const kinds = (args: readonly string[]) => objects(template(args)).map((o) => `${o.kind}/${o.metadata.name}`).sort();
  assert.equal(kinds([]), ['ConfigMap/orkestra-inline-katalog', 'Deployment/orkestra-cc', 'Deployment/orkestra-runtime',
    'PodDisruptionBudget/orkestra-runtime', 'Service/orkestra-cc', 'Service/orkestra-runtime']);
  assert.equal(kinds(GATEWAY_ONLY), ['ConfigMap/orkestra-inline-katalog', 'Deployment/orkestra-gateway',
    'PodDisruptionBudget/orkestra-gateway', 'Service/orkestra-gateway']);
  const all = kinds(CASES['everything']!);
  for (const kind of ['HorizontalPodAutoscaler/orkestra-runtime', 'NetworkPolicy/orkestra-gateway', 'Ingress/orkestra-cc', 'PodDisruptionBudget/orkestra-cc']) {
    assert.ok(all.includes(kind), `everything: no ${kind} in ${all.join(', ')}`);
  }
  assert.not.ok(all.some((k) => k.startsWith('ConfigMap/')), 'existingConfigMap set: no inline ConfigMap');
  for (const k of [...all, ...kinds([]), ...kinds(GATEWAY_ONLY)]) {
    assert.not.match(k, /^(ServiceAccount|Role|ClusterRole|RoleBinding|ClusterRoleBinding)\//, `the chart must not create ${k}`);
  }
});

test('a Katalog change changes the pod template (checksum annotation)', () => {
  const checksum = (args: readonly string[]) => /checksum\/katalog: ([0-9a-f]{64})/.exec(template(args))?.[1];
  const before = checksum([]);
  assert.ok(before, 'no checksum/katalog annotation');
  assert.is.not(checksum(['--set-string', 'runtime.katalog.inline=apiVersion: orkestra.orkspace.io/v1']), before);
});

test('values.schema.json rejects runtime.replicaCount=two, naming the field', () => {
  const r = run(kubeTool('helm'), ['template', 'orkestra', CHART, '--set', 'runtime.replicaCount=two']);
  assert.is.not(r.status, 0, 'a string replicaCount rendered');
  assert.match(r.stderr, /\/runtime\/replicaCount/);
  assert.match(r.stderr, /want integer/);
  const unknown = run(kubeTool('helm'), ['template', 'orkestra', CHART, '--set', 'runtime.replicas=3']);
  assert.is.not(unknown.status, 0, 'an unknown value key (typo) rendered');
});

// ---- gateway.webhooks (issue 15) ----

/** The gateway container's environment (name to value) for these --set values. */
function gatewayEnv(sets: readonly string[]): Record<string, string | undefined> {
  const docs = parseAllDocuments(template([...GATEWAY_ONLY, ...sets.flatMap((x) => ['--set', x])])).map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec?: any });
  const pod = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === 'orkestra-gateway')!.spec.template.spec;
  return Object.fromEntries((pod.containers[0].env as { name: string; value?: string }[]).map((e) => [e.name, e.value]));
}

test('gateway.webhooks.enabled and .admission set ENABLE_ADMISSION_WEBHOOK on the gateway, only together; admission alone fails saying what to set', () => {
  const envOf = (set: string): string | undefined => gatewayEnv(set ? [set] : [])['ENABLE_ADMISSION_WEBHOOK'];
  assert.is(envOf(''), 'false');
  assert.is(envOf('gateway.webhooks.enabled=true'), 'false');
  assert.is(envOf('gateway.webhooks.enabled=true,gateway.webhooks.admission=true'), 'true');
  // One rule for both sub-switches (conversion below): a value that would do nothing is refused.
  const alone = run(kubeTool('helm'), ['template', 'orkestra', CHART, '--set', 'gateway.enabled=true', '--set', 'gateway.webhooks.admission=true']);
  assert.is.not(alone.status, 0);
  assert.match(alone.stderr, /gateway\.webhooks\.admission: set gateway\.webhooks\.enabled: true as well/);
});

// ---- gateway.webhooks.conversion (issue 18) ----

test('gateway.webhooks.conversion with the master switch sets ENABLE_CONVERSION on the gateway; alone it fails saying what to set', () => {
  assert.is(gatewayEnv(['gateway.webhooks.enabled=true', 'gateway.webhooks.conversion=true'])['ENABLE_CONVERSION'], 'true');
  assert.is(gatewayEnv(['gateway.webhooks.enabled=true'])['ENABLE_CONVERSION'], 'false');
  assert.not.ok('ENABLE_CONVERSION' in gatewayEnv([]), 'unset by default: the Katalog decides');
  const alone = run(kubeTool('helm'), ['template', 'orkestra', CHART, '--set', 'gateway.enabled=true', '--set', 'gateway.webhooks.conversion=true']);
  assert.is.not(alone.status, 0);
  assert.match(alone.stderr, /gateway\.webhooks\.conversion: set gateway\.webhooks\.enabled: true as well/);
});

// ---- runtime.registry (issue 19) ----

test('runtime.registry: the runtime follows the artifact, mounts the pull Secret and CA, and reads no Katalog ConfigMap', () => {
  const docs = parseAllDocuments(template(REGISTRY)).map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec?: any });
  const deployment = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === 'orkestra-runtime')!;
  const pod = deployment.spec.template.spec;
  const env = Object.fromEntries((pod.containers[0].env as { name: string; value?: string; valueFrom?: unknown }[]).map((e) => [e.name, e.value ?? e.valueFrom]));
  assert.is(env['ORK_REGISTRY_URL'], 'oci://registry.example.com/platform/katalog:stable');
  assert.is(env['ORK_REGISTRY_POLL_INTERVAL'], '30s');
  assert.is(env['ORK_REGISTRY_AUTH_FILE'], '/var/run/orkestra/registry-auth/.dockerconfigjson');
  assert.is(env['ORK_REGISTRY_CA_FILE'], '/var/run/orkestra/registry-ca/ca.crt');
  assert.equal(env['POD_NAME'], { fieldRef: { fieldPath: 'metadata.name' } });
  assert.is(env['KATALOG_PATH'], undefined);
  const volumes = pod.volumes as { name: string; secret?: { secretName: string; items: { key: string }[] }; configMap?: { name: string } }[];
  assert.equal(volumes.find((v) => v.name === 'registry-auth')?.secret, { secretName: 'katalog-pull', items: [{ key: '.dockerconfigjson', path: '.dockerconfigjson' }] });
  assert.is(volumes.find((v) => v.name === 'registry-ca')?.configMap?.name, 'registry-ca');
  assert.not.ok(volumes.some((v) => v.name === 'katalog'), 'no Katalog ConfigMap volume');
  assert.not.ok(docs.some((d) => d.kind === 'Role' || d.kind === 'RoleBinding' || d.kind === 'ClusterRole' || d.kind === 'Secret'), 'no RBAC, no Secret rendered');
});

test('runtime.registry.enabled without an oci:// url fails the install, saying what to set', () => {
  const r = run(kubeTool('helm'), ['template', 'orkestra', CHART, '--set', 'runtime.registry.enabled=true']);
  assert.is.not(r.status, 0);
  assert.match(r.stderr, 'runtime.registry.url: "" is not an oci:// reference');
  const bad = run(kubeTool('helm'), ['template', 'orkestra', CHART, '--set', 'runtime.registry.url=https://registry.example.com/k']);
  assert.is.not(bad.status, 0, 'the schema refuses a non-oci:// url');
  assert.match(bad.stderr, /\/runtime\/registry\/url/);
});

// ---- kubeconform against schemas made from the Kubernetes module's swagger.json ----

type Schema = Record<string, unknown>;

function swaggerPath(): string {
  const gomod = readFileSync(join(REPO, 'tools/kube/go.mod'), 'utf8');
  const version = /k8s\.io\/kubernetes (v[0-9.]+)/.exec(gomod)?.[1];
  assert.ok(version, 'tools/kube/go.mod names no k8s.io/kubernetes version');
  // The module only, never the Kubernetes build (issue 13): fetched through the proxy on a cold
  // machine, a lookup in the module cache after that.
  const dl = spawnSync('go', ['mod', 'download', '-json', `k8s.io/kubernetes@${version}`], {
    cwd: join(REPO, 'tools/kube'), encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local', GOWORK: 'off', GOFLAGS: '-mod=readonly' },
  });
  const module = JSON.parse(dl.stdout || '{}') as { Dir?: string; Error?: string };
  if (dl.status !== 0 || !module.Dir) throw new Error(`go mod download k8s.io/kubernetes@${version} failed: ${module.Error ?? (dl.stderr || String(dl.error))}`);
  const path = join(module.Dir, 'api/openapi-spec/swagger.json');
  if (!existsSync(path)) throw new Error(`${path} missing from the k8s.io/kubernetes module`);
  return path;
}

/** Standalone strict schemas, one file per kind as kubeconform names them, in a temp dir. */
function writeKubeconformSchemas(): string {
  const defs = (JSON.parse(readFileSync(swaggerPath(), 'utf8')) as { definitions: Record<string, Schema> }).definitions;
  const inline = (node: unknown, seen: readonly string[]): unknown => {
    if (Array.isArray(node)) return node.map((n) => inline(n, seen));
    if (node === null || typeof node !== 'object') return node;
    const n = node as Schema;
    const ref = typeof n['$ref'] === 'string' ? (n['$ref'] as string).replace('#/definitions/', '') : undefined;
    if (ref !== undefined) return seen.includes(ref) ? {} : inline(defs[ref], [...seen, ref]);
    // What the API server accepts: an IntOrString is either; a Quantity may be written as a number.
    if (n['format'] === 'int-or-string') return { oneOf: [{ type: 'string' }, { type: 'integer' }] };
    if (ref === undefined && seen.at(-1) === 'io.k8s.apimachinery.pkg.api.resource.Quantity') return { oneOf: [{ type: 'string' }, { type: 'number' }] };
    const out: Schema = {};
    for (const [k, val] of Object.entries(n)) out[k] = k === 'properties' ? Object.fromEntries(Object.entries(val as Schema).map(([p, s]) => [p, inline(s, seen)])) : inline(val, seen);
    if (out['properties'] && out['additionalProperties'] === undefined) out['additionalProperties'] = false;
    return out;
  };
  const dir = mkdtempSync(join(tmpdir(), 'ork-kube-schemas-'));
  for (const [name, def] of Object.entries(defs)) {
    const gvks = def['x-kubernetes-group-version-kind'] as { group: string; version: string; kind: string }[] | undefined;
    if (!gvks || gvks.length !== 1 || !name.startsWith('io.k8s.api.')) continue;
    const { group, version, kind } = gvks[0]!;
    const file = `${kind.toLowerCase()}-${group ? `${group.split('.')[0]}-${version}` : version}.json`;
    writeFileSync(join(dir, file), JSON.stringify(inline(def, [name])));
  }
  return dir;
}

test('every rendered manifest passes kubeconform -strict (offline schemas)', () => {
  const schemas = writeKubeconformSchemas();
  assert.ok(existsSync(join(schemas, 'deployment-apps-v1.json')), 'no Deployment schema generated');
  let checked = 0;
  for (const [name, args] of Object.entries(CASES)) {
    const manifest = valuesFile(template(args));
    const r = run(kubeTool('kubeconform'), ['-strict', '-summary', '-output', 'text', '-schema-location', `${schemas}/{{ .ResourceKind }}{{ .KindSuffix }}.json`, manifest]);
    assert.is(r.status, 0, `${name}: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /Invalid: 0, Errors: 0, Skipped: 0/, `${name}: ${r.stdout}`);
    checked += Number(/Valid: (\d+)/.exec(r.stdout)?.[1] ?? 0);
  }
  assert.ok(checked >= 20, `only ${checked} objects validated`);
});

// Issue 15, policy mode: the bundle's ValidatingAdmissionPolicies and bindings (the chart renders no
// protection object: the gateway writes its webhook configurations, the bundle carries the policies).
test('a policy-mode bundle (its ValidatingAdmissionPolicies and bindings too) passes kubeconform -strict', () => {
  const schemas = writeKubeconformSchemas();
  const bundle = run(process.execPath, [join(REPO, 'apps/cli/bin/ork.js'), 'generate', 'bundle', '-f', join(REPO, 'examples/policy-mode/katalog.yaml')]);
  assert.is(bundle.status, 0, bundle.stderr);
  const policies = (bundle.stdout.match(/^kind: ValidatingAdmissionPolicy(Binding)?$/gm) ?? []).length;
  assert.is(policies, 20, 'ten policies and their bindings');
  const r = run(kubeTool('kubeconform'), ['-strict', '-summary', '-output', 'text', '-schema-location', `${schemas}/{{ .ResourceKind }}{{ .KindSuffix }}.json`, valuesFile(bundle.stdout)]);
  assert.is(r.status, 0, `${r.stdout}${r.stderr}`);
  assert.match(r.stdout, /Invalid: 0, Errors: 0, Skipped: 0/);
});

test('kubeconform -strict with these schemas rejects an unknown field', () => {
  const schemas = writeKubeconformSchemas();
  const bad = valuesFile(template([]).replace('serviceAccountName: orkestra\n', 'serviceAccountName: orkestra\n      serviceAcountName: typo\n'));
  const r = run(kubeTool('kubeconform'), ['-strict', '-summary', '-schema-location', `${schemas}/{{ .ResourceKind }}{{ .KindSuffix }}.json`, bad]);
  assert.is.not(r.status, 0, `a typo passed: ${r.stdout}`);
  assert.match(r.stdout, /serviceAcountName/);
});

test.run();
