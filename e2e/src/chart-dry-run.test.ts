// Every manifest the chart renders is accepted by a real API server (issue 6, proof 1): `helm
// template` for the default values, the seed's production values, gateway-only and the full split
// (and everything enabled), then `kubectl apply --server-side --dry-run=server`. The API server runs
// what kubeconform cannot: defaulting, field validation, label syntax, admission. What the render
// depends on is applied first, as a user would: the bundle (namespace, ServiceAccounts, ConfigMap).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { CHART, helmOk } from './harness/helm.ts';
import { applyBundle } from './harness/install-for-runtime.ts';
import { kubectl, kubectlOk, type KubectlResult } from './harness/kubectl.ts';
import { cleanupNamespaces, freshNamespace } from './harness/namespace.ts';
import { ork } from './harness/ork.ts';
import { scratchDir } from './harness/scratch.ts';

const KATALOG = 'examples/full-split/katalog.yaml';
const example = (name: string): string[] => ['--values', `examples/${name}-values.yaml`];

// What production-values.yaml leaves off, so that every template and optional block renders once:
// the gateway's own TLS Secret, NetworkPolicies with and without sources, extra env/volumes,
// scheduling and pull secrets.
const EVERYTHING_ELSE = `
gateway:
  tls: { existingSecret: gateway-tls, hasCA: true }
  networkPolicy: { enabled: true, ingressFrom: [{ podSelector: { matchLabels: { app: prometheus } } }] }
  extraEnv: [{ name: FROM_VALUES, value: "yes" }]
  extraEnvFrom: [{ configMapRef: { name: gateway-extra } }]
  extraVolumes: [{ name: scratch, emptyDir: {} }]
  extraVolumeMounts: [{ name: scratch, mountPath: /scratch }]
  podAnnotations: { prometheus.io/scrape: "true" }
  podLabels: { team: platform }
controlCenter:
  networkPolicy: { enabled: true }
  imagePullSecrets: [{ name: regcred }]
  nodeSelector: { kubernetes.io/os: linux }
  tolerations: [{ key: dedicated, operator: Equal, value: platform, effect: NoSchedule }]
  affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: kubernetes.io/hostname, labelSelector: { matchLabels: { app.kubernetes.io/component: control-center } } } }] } }
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app.kubernetes.io/component: control-center } } }]
`;

const test = suite('chart: every render applies server-side (dry run) on a real API server');
const dir = scratchDir('chart-dry-run');
let ns = '';

interface Obj { apiVersion: string; kind: string; metadata: { name: string } }

test.before(() => {
  ns = freshNamespace('chart-dry');
  const bundle = join(dir, 'bundle.yaml');
  ork(['generate', 'bundle', '-f', KATALOG, '-n', ns, '-o', bundle]);
  applyBundle(bundle);
  // production-values.yaml reads the Katalog from a ConfigMap the user manages (its header says how).
  kubectlOk(['create', 'configmap', 'platform-katalog', `--from-file=katalog.yaml=${KATALOG}`], { namespace: ns });
});

test.after(() => {
  cleanupNamespaces();
});

function render(args: readonly string[]): { text: string; objects: Obj[] } {
  const text = helmOk(['template', 'orkestra', CHART, '--namespace', ns, ...args]);
  const objects = parseAllDocuments(text).map((d) => d.toJS() as Obj | null).filter((o): o is Obj => o !== null);
  return { text, objects };
}

function dryRun(text: string): KubectlResult {
  const file = join(dir, `render-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, text);
  return kubectl(['apply', '--server-side', '--dry-run=server', '--field-manager', 'e2e', '-f', file]);
}

/** kubectl's name for an object in its report: `deployment.apps/orkestra-runtime`, `service/orkestra-cc`. */
function reportedName(o: Obj): string {
  const group = o.apiVersion.includes('/') ? `.${o.apiVersion.split('/')[0]}` : '';
  return `${o.kind.toLowerCase()}${group}/${o.metadata.name}`;
}

function assertAccepted(args: readonly string[]): string[] {
  const { text, objects } = render(args);
  assert.ok(objects.length > 0, 'the render is empty');
  const r = dryRun(text);
  assert.is(r.status, 0, `the API server rejected the render: ${r.stderr.trim()}`);
  for (const o of objects) {
    const line = `${reportedName(o)} serverside-applied (server dry run)`;
    assert.ok(r.stdout.split('\n').includes(line), `not reported: "${line}" in\n${r.stdout}`);
  }
  return objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();
}

test('default values', () => {
  const kinds = assertAccepted([]);
  assert.ok(kinds.includes('Deployment/orkestra-runtime') && kinds.includes('Deployment/orkestra-cc'), kinds.join(', '));
});

test('the seed\'s production values (examples/production-values.yaml)', () => {
  const kinds = assertAccepted(example('production'));
  for (const k of ['HorizontalPodAutoscaler/orkestra-runtime', 'NetworkPolicy/orkestra-runtime', 'Ingress/orkestra-cc', 'Deployment/orkestra-gateway']) {
    assert.ok(kinds.includes(k), `no ${k} in ${kinds.join(', ')}`);
  }
});

test('gateway-only, as the seed sets it and as examples/gateway-only-values.yaml', () => {
  for (const args of [['--set', 'runtime.enabled=false,controlCenter.enabled=false,gateway.enabled=true'], example('gateway-only')]) {
    const kinds = assertAccepted(args);
    assert.ok(kinds.includes('Deployment/orkestra-gateway'), kinds.join(', '));
    assert.not.ok(kinds.some((k) => /orkestra-(runtime|cc)$/.test(k)), kinds.join(', '));
  }
});

test('the full split (examples/full-split-values.yaml)', () => {
  const kinds = assertAccepted(example('full-split'));
  for (const k of ['Deployment/orkestra-runtime', 'Deployment/orkestra-gateway', 'Deployment/orkestra-cc']) assert.ok(kinds.includes(k), kinds.join(', '));
});

test('everything enabled: production values plus every remaining optional block', () => {
  const extra = join(dir, 'everything-else.yaml');
  writeFileSync(extra, EVERYTHING_ELSE);
  const kinds = assertAccepted([...example('production'), '--values', extra]);
  for (const component of ['runtime', 'gateway', 'cc']) {
    for (const kind of ['Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy']) {
      assert.ok(kinds.includes(`${kind}/orkestra-${component}`), `no ${kind}/orkestra-${component} in ${kinds.join(', ')}`);
    }
  }
});

test('a render the API server rejects fails with the server\'s message (offline checks miss it)', () => {
  // The schema types podLabels as strings and kubeconform has no label syntax: only the API server refuses.
  const { text } = render(['--set', 'runtime.podLabels.team=-platform-']);
  const r = dryRun(text);
  assert.is.not(r.status, 0, `accepted: ${r.stdout}`);
  assert.match(r.stderr, /Deployment "orkestra-runtime" is invalid: spec\.template\.labels: Invalid value: "-platform-"/, r.stderr);
});

test.run();
