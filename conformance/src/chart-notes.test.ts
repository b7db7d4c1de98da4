// NOTES.txt tells the truth about the release it follows: every port-forward names a Service the
// release renders, the custom resources listed are the Katalog's, the Control Center URL follows
// the Ingress, and absent components say nothing. `helm install --dry-run=client` renders the notes
// with no cluster (lookup then finds nothing, as under GitOps).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { kubeTool } from './kube-tools.ts';

const REPO = new URL('../../', import.meta.url).pathname;
const CHART = join(REPO, 'chart');
const test = suite('chart NOTES.txt');

function helm(verb: 'install' | 'template', args: readonly string[]): string {
  const extra = verb === 'install' ? ['--dry-run=client'] : [];
  const r = spawnSync(kubeTool('helm'), [verb, 'orkestra', CHART, ...extra, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, KUBECONFIG: '/nonexistent' } });
  assert.is(r.status, 0, `helm ${verb} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const notes = (args: readonly string[]): string => helm('install', args).split('\nNOTES:\n')[1] ?? '';

interface Case { readonly args: readonly string[]; readonly has: readonly string[]; readonly hasNot: readonly string[] }
const NS = ['--namespace', 'orkestra-system'];
const CASES: Record<string, Case> = {
  default: {
    args: NS,
    has: ['kubectl get websites.demo.orkestra.io -A', '(the inline starter', 'open http://localhost:8081/controlcenter', 'ServiceAccounts orkestra orkestra-cc in orkestra-system'],
    hasNot: ['Gateway:', 'WARNING'],
  },
  production: {
    args: [...NS, '--values', join(REPO, 'examples/production-values.yaml')],
    has: ['Katalog from ConfigMap platform-katalog, key katalog.yaml', 'https://control-center.platform.myorg.io/controlcenter', 'kubectl get validatingwebhookconfigurations'],
    hasNot: ['inline starter', 'policy mode'],
  },
  'gateway-only': {
    args: [...NS, '--values', join(REPO, 'examples/gateway-only-values.yaml')],
    has: ['Gateway:', 'ServiceAccounts orkestra-gateway in orkestra-system'],
    hasNot: ['Runtime:', 'Control Center:', '/katalog'],
  },
  // Issue 15: a policy-mode Katalog (inline here; the bundle's ConfigMap when lookup finds it) says
  // protection is the API server's policies and the gateway serves only the rules left on it.
  'policy mode': {
    args: [...NS, '--set', 'gateway.enabled=true', '--set-file', `runtime.katalog.inline=${join(REPO, 'examples/policy-mode/katalog.yaml')}`],
    has: [
      'Gateway (policy mode: the Katalog\'s security.mode is policy)',
      'kubectl get validatingadmissionpolicies -l app.kubernetes.io/component=admission-policy',
      'serves only the rules left on its webhooks',
      'kubectl get validatingwebhookconfigurations,mutatingwebhookconfigurations',
    ],
    hasNot: ['protects anything labelled orkestra.io/deletion-protection=true'],
  },
  'another namespace': {
    args: ['--namespace', 'platform'],
    has: ['WARNING: global.namespace is orkestra-system but the release namespace is platform', 'ork generate bundle -f katalog.yaml -n platform'],
    hasNot: [],
  },
};

for (const [name, c] of Object.entries(CASES)) {
  test(`${name}: says what is true of this release`, () => {
    const text = notes(c.args);
    for (const s of c.has) assert.ok(text.includes(s), `${name}: NOTES lack "${s}":\n${text}`);
    for (const s of c.hasNot) assert.not.ok(text.includes(s), `${name}: NOTES say "${s}":\n${text}`);
    const services = new Map(parseAllDocuments(helm('template', c.args)).map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec: { ports: { port: number }[] } } | null)
      .filter((o) => o?.kind === 'Service').map((o) => [o!.metadata.name, o!.spec.ports.map((p) => p.port)]));
    const forwards = [...text.matchAll(/port-forward svc\/(\S+) (\d+):(\d+)/g)];
    assert.is(forwards.length, services.size, `${name}: one port-forward per Service (${[...services.keys()].join(', ')})`);
    for (const [, svc, , port] of forwards) {
      assert.ok(services.get(svc!)?.includes(Number(port)), `${name}: port-forward to ${svc}:${port}, which the release does not serve`);
    }
  });
}

test.run();
