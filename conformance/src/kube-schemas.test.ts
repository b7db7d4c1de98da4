// Every object the conformance cases generate (bundle, CRDs, rendered children) validates against
// the official Kubernetes OpenAPI schemas (kubernetes-models, offline). Custom kinds are skipped.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { produceOutputs } from './produce-outputs.ts';

const CASES = new URL('../cases/', import.meta.url).pathname;
const test = suite('generated objects against Kubernetes schemas');

type Validatable = new (data: unknown) => { validate(): void };

async function modelFor(apiVersion: string, kind: string): Promise<Validatable | undefined> {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const path = group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
  try {
    const mod = (await import(path)) as Record<string, Validatable>;
    return mod[kind];
  } catch {
    return undefined;
  }
}

test('bundle, CRD and children objects of every valid case validate', async () => {
  let validated = 0;
  const kinds = new Set<string>();
  for (const name of readdirSync(CASES).filter((n) => existsSync(join(CASES, n, 'katalog.yaml'))).sort()) {
    const outputs = produceOutputs(join(CASES, name));
    for (const [file, text] of Object.entries(outputs)) {
      if (!file.endsWith('.yaml')) continue;
      for (const doc of parseAllDocuments(text)) {
        const obj = doc.toJS() as { apiVersion: string; kind: string; metadata: { name: string } } | null;
        if (!obj) continue;
        const Model = await modelFor(obj.apiVersion, obj.kind);
        if (!Model) continue;
        try {
          new Model(obj).validate();
        } catch (err) {
          assert.unreachable(`${name}/${file}: ${obj.kind} ${obj.metadata.name}: ${(err as Error).message}`);
        }
        validated++;
        kinds.add(obj.kind);
      }
    }
  }
  assert.ok(validated > 150, `only ${validated} objects validated`);
  for (const kind of ['Namespace', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding', 'ConfigMap',
    'CustomResourceDefinition', 'Deployment', 'StatefulSet', 'Service', 'Secret', 'Job', 'CronJob', 'Ingress',
    'PersistentVolumeClaim', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy']) {
    assert.ok(kinds.has(kind), `no ${kind} was generated and validated by any case`);
  }
});

test.run();
