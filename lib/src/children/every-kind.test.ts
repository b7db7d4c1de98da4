import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as v from 'valibot';
import { buildChild } from './build-child.ts';
import { at, CASES, CTX } from './child-cases.test.fixture.ts';
import { defaultChildName } from './default-name.ts';
import { CHILD_KIND_KEYS, type ChildKindKey } from './kind-meta.ts';
import { CHILD_KINDS } from './kinds.ts';
import type { BuildContext, KubeObject } from './kube-object.ts';

const test = suite('every child kind');

function built(key: ChildKindKey, item: unknown, ctx: BuildContext = CTX): KubeObject {
  const r = buildChild(key, item, ctx);
  if (!r.ok) throw new Error(`${key}: expected ok, got ${r.error}`);
  return r.object;
}

function namespaced(key: ChildKindKey, item: Record<string, unknown>): boolean {
  const info = CHILD_KINDS[key];
  return info.type === 'custom' ? item['scope'] !== 'Cluster' : info.namespaced;
}

/** Paths of every undefined value and every empty list in `value`. */
function holes(value: unknown, path = ''): string[] {
  if (value === undefined) return [path];
  if (Array.isArray(value)) return value.length === 0 ? [path] : value.flatMap((x, i) => holes(x, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, x]) => holes(x, `${path}.${k}`));
  return [];
}

test('the table covers every kind-list key', () => {
  assert.equal(Object.keys(CASES).sort(), [...CHILD_KIND_KEYS].sort());
  assert.equal(Object.keys(CHILD_KINDS).sort(), [...CHILD_KIND_KEYS].sort());
});

for (const key of CHILD_KIND_KEYS) {
  const c = CASES[key];
  const schema = CHILD_KINDS[key].itemSchema;

  test(`${key}: minimal item gets the default name, the CR namespace and the managed labels`, () => {
    const o = built(key, c.minimal);
    assert.is(o.metadata.name, defaultChildName(key, CTX, c.minimal));
    assert.is(o.metadata.namespace, namespaced(key, c.minimal) ? 'team-a' : undefined);
    assert.is('namespace' in o.metadata, namespaced(key, c.minimal));
    assert.equal(o.metadata.labels, { 'app.kubernetes.io/managed-by': 'orkestra', 'orkestra.orkspace.io/owner': 'shop' });
    assert.is('annotations' in o.metadata, false);
  });

  test(`${key}: full item keeps its name, labels and annotations`, () => {
    const o = built(key, c.full);
    assert.is(o.metadata.name, c.full['name']);
    for (const [k, val] of Object.entries((c.full['labels'] ?? {}) as Record<string, string>)) assert.is(o.metadata.labels?.[k], val);
    assert.is(o.metadata.labels?.['app.kubernetes.io/managed-by'], 'orkestra');
    assert.equal(o.metadata.annotations, c.full['annotations']);
    if (namespaced(key, c.full)) assert.is(o.metadata.namespace, c.full['namespace'] ?? 'team-a');
  });

  test(`${key}: minimal and full items pass the item schema`, () => {
    for (const item of [c.minimal, c.full]) {
      const r = v.safeParse(schema, item);
      assert.ok(r.success, JSON.stringify(r.issues?.map((i) => [i.path?.map((p) => p.key).join('.'), i.message])));
    }
  });

  test(`${key}: output is deterministic, with no undefined values or empty lists`, () => {
    for (const item of [c.minimal, c.full]) {
      const a = built(key, item);
      assert.is(JSON.stringify(a), JSON.stringify(built(key, JSON.parse(JSON.stringify(item)))));
      assert.equal(holes(a), []);
      assert.is(typeof a.apiVersion, 'string');
      assert.is(typeof a.kind, 'string');
    }
  });

  test(`${key}: the 2nd and 3rd unnamed items get -2 and -3`, () => {
    const base = defaultChildName(key, CTX, c.minimal);
    assert.is(built(key, c.minimal, { ...CTX, index: 1 }).metadata.name, `${base}-2`);
    assert.is(built(key, c.minimal, { ...CTX, index: 2 }).metadata.name, `${base}-3`);
  });

  if (c.coerce) {
    const { item, path, expected } = c.coerce;
    test(`${key}: coerces rendered values (${path})`, () => {
      assert.equal(at(built(key, item), path), expected);
    });
  }

  test(`${key}: a value that cannot fit is an error naming ${c.bad.field}`, () => {
    const r = buildChild(key, c.bad.item, CTX);
    assert.is(r.ok, false);
    if (r.ok) return;
    assert.is(r.field, c.bad.field);
    assert.ok(r.error.startsWith(`${c.bad.field}: `), r.error);
  });

  test(`${key}: a misspelt field (${c.typo.field}) is rejected by the schema and by buildChild`, () => {
    const parsed = v.safeParse(schema, c.typo.item);
    assert.is(parsed.success, false);
    assert.ok(parsed.issues?.some((i) => i.path?.at(-1)?.key === c.typo.field), JSON.stringify(parsed.issues?.map((i) => i.message)));
    const r = buildChild(key, c.typo.item, CTX);
    assert.equal(r.ok ? undefined : r.field, c.typo.field);
  });
}

test.run();
