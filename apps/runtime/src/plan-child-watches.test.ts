import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseKatalog } from '@orkestra/lib';
import { planChildWatches } from './plan-child-watches.ts';

const test = suite('planChildWatches');

function crdWith(namespaceLine: string, items: string) {
  const text = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: t
spec:
  crds:
    app:
      apiTypes: { group: demo.io, version: v1, kind: App, plural: apps }
${namespaceLine}      schema: { type: object, properties: { x: { type: string } } }
      operatorBox:
        onCreate:
${items}`;
  const r = parseKatalog({ file: 'k.yaml', text });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.katalog.crds[0]!;
}

const ITEMS = `          configMaps:
            - data: { a: b }
            - name: shared-cm
              namespace: shared
              data: { a: b }
            - name: tpl
              namespace: "{{ .spec.x }}"
              data: { a: b }
          services:
            - port: 80
            - name: other
              namespace: shared
              port: 80
`;

test('a CRD watching every namespace watches its children everywhere, once per resource', () => {
  const watches = planChildWatches(crdWith('', ITEMS));
  assert.equal(watches.map((w) => [w.resource.resource, w.namespace]), [['configmaps', undefined], ['services', undefined]]);
});

test('a namespaced watch: its namespace and literal ones; a templated namespace goes cluster-wide', () => {
  const watches = planChildWatches(crdWith('      namespace: team\n', ITEMS));
  assert.equal(watches.map((w) => [w.resource.resource, w.namespace]), [['configmaps', undefined], ['services', 'shared'], ['services', 'team']]);
});

test.run();
