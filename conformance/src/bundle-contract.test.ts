// What the bundle promises beyond its goldens: the objects the chart finds by name (DESIGN §5),
// a reason on every rule, and no wildcard anywhere, for every valid conformance case.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseKatalog, planBundle, planRbac, type Katalog, type KubeObject } from '@orkestra/lib';

const CASES = new URL('../cases/', import.meta.url).pathname;
const test = suite('bundle contract');

function valid(): { name: string; katalog: Katalog }[] {
  return readdirSync(CASES).sort().flatMap((name) => {
    const dir = join(CASES, name);
    if (!existsSync(join(dir, 'katalog.yaml'))) return [];
    const readFile = (p: string) => (existsSync(join(dir, p)) ? readFileSync(join(dir, p), 'utf8') : undefined);
    const parsed = parseKatalog({ file: 'katalog.yaml', text: readFileSync(join(dir, 'katalog.yaml'), 'utf8') }, { readFile });
    return parsed.ok ? [{ name, katalog: parsed.katalog }] : [];
  });
}

const find = (objects: readonly KubeObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

test('every valid case plans a bundle with the objects the chart expects by name', () => {
  const cases = valid();
  assert.ok(cases.length >= 20, `${cases.length} valid cases`);
  for (const { name, katalog } of cases) {
    const { objects } = planBundle(katalog, { namespace: 'orkestra-system' });
    const runtime = katalog.crds.some((c) => c.enabled);
    assert.ok(find(objects, 'Namespace', 'orkestra-system'), `${name}: Namespace`);
    const cm = find(objects, 'ConfigMap', 'orkestra-katalog') as (KubeObject & { data: Record<string, string> }) | undefined;
    assert.ok(cm?.data['katalog.yaml']?.includes('kind: Katalog'), `${name}: ConfigMap orkestra-katalog/katalog.yaml`);
    if (runtime) {
      for (const [kind, n] of [['ServiceAccount', 'orkestra'], ['ClusterRole', 'orkestra-runtime'], ['ClusterRoleBinding', 'orkestra-runtime'], ['ServiceAccount', 'orkestra-cc']]) {
        assert.ok(find(objects, kind!, n!), `${name}: ${kind} ${n}`);
      }
    }
    if (katalog.wantsGateway) {
      for (const [kind, n] of [['ServiceAccount', 'orkestra-gateway'], ['ClusterRole', 'orkestra-gateway'], ['ClusterRoleBinding', 'orkestra-gateway']]) {
        assert.ok(find(objects, kind!, n!), `${name}: ${kind} ${n}`);
      }
    }
    assert.not.match(JSON.stringify(objects), /"\*"/, `${name}: a wildcard in the bundle`);
  }
});

test('every planned rule of every component carries at least one reason', () => {
  for (const { name, katalog } of valid()) {
    const plan = planRbac(katalog);
    for (const component of Object.values(plan.components)) {
      for (const role of component.roles) {
        for (const r of role.rules) {
          assert.ok(r.reasons.length > 0 && r.reasons.every((x) => x.trim().length > 10), `${name}: ${role.name} ${JSON.stringify(r.rule)} has no reason`);
        }
      }
    }
  }
});

test.run();
