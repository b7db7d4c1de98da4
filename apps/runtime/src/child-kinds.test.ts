import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseKatalog } from '@orkestra/lib';
import { planChildKinds } from './child-kinds.ts';

const test = suite('planChildKinds');

test('built-in and custom children map group/resource to apiVersion and kind', () => {
  const parsed = parseKatalog({ file: 'k.yaml', text: `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: { name: t }
spec:
  crds:
    website:
      apiTypes: { group: demo.orkestra.io, version: v1alpha1, kind: Website, plural: websites }
      operatorBox:
        onCreate:
          deployments: [{ image: nginx }]
          configMaps: [{ data: { a: b } }]
          custom: [{ apiVersion: cert-manager.io/v1, kind: Certificate, plural: certificates, spec: { secretName: x } }]
` });
  assert.equal(parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  if (!parsed.ok) throw new Error('the Katalog is invalid');
  const kinds = planChildKinds(parsed.katalog.crds[0]!);
  assert.equal(Object.fromEntries(kinds), {
    'apps/deployments': { apiVersion: 'apps/v1', kind: 'Deployment' },
    '/configmaps': { apiVersion: 'v1', kind: 'ConfigMap' },
    'cert-manager.io/certificates': { apiVersion: 'cert-manager.io/v1', kind: 'Certificate' },
  });
});

test.run();
