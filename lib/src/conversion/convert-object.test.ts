import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compileConversion } from './compile-conversion.ts';
import { convertObject } from './convert-object.ts';
import { versionedWebsite } from './conversion.test.fixture.ts';

const test = suite('convert-object');
const c = compileConversion(versionedWebsite());

const alpha = {
  apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website',
  metadata: { name: 'blog', namespace: 'default', uid: 'u-1', resourceVersion: '42', labels: { team: 'web' }, finalizers: ['x/y'] },
  spec: { image: 'nginx:1.27', replicas: 2, domain: 'blog.example.com' },
  status: { observedGeneration: 3 },
};

test('v1alpha1 → v1beta1 moves and renames fields, keeps metadata and status', () => {
  const r = convertObject(c, alpha, 'demo.orkestra.io/v1beta1');
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(r.object, {
    apiVersion: 'demo.orkestra.io/v1beta1', kind: 'Website',
    metadata: alpha.metadata,
    spec: { container: { image: 'nginx:1.27' }, replicas: 2, hostname: 'blog.example.com' },
    status: { observedGeneration: 3 },
  });
  assert.is(r.from, 'v1alpha1');
});

test('a field v1alpha1 cannot hold goes to an annotation and comes back as an integer', () => {
  const beta = { ...alpha, apiVersion: 'demo.orkestra.io/v1beta1', spec: { container: { image: 'nginx', port: 8080 }, replicas: 1, hostname: 'h' } };
  const down = convertObject(c, beta, 'v1alpha1');
  assert.ok(down.ok);
  if (!down.ok) return;
  assert.equal((down.object['metadata'] as Record<string, unknown>)['annotations'], { website_port: '8080' });
  assert.equal(down.object['spec'], { image: 'nginx', replicas: 1, domain: 'h' });
  const up = convertObject(c, down.object, 'v1beta1');
  assert.ok(up.ok);
  if (!up.ok) return;
  assert.equal(up.object, beta);
});

test('round trips are the identity, both ways', () => {
  for (const start of [alpha, { ...alpha, spec: {} }, { ...alpha, spec: undefined }]) {
    const there = convertObject(c, start, 'v1beta1');
    assert.ok(there.ok);
    if (!there.ok) continue;
    const back = convertObject(c, there.object, 'v1alpha1');
    assert.ok(back.ok);
    if (back.ok) assert.equal(JSON.parse(JSON.stringify(back.object)), JSON.parse(JSON.stringify(start)));
  }
});

test('the same version changes nothing', () => {
  const r = convertObject(c, alpha, 'v1alpha1');
  assert.ok(r.ok);
  if (r.ok) assert.equal(r.object, alpha);
});

test('unknown versions, other kinds and bad objects fail with their code', () => {
  const cases: [unknown, string, string][] = [
    [alpha, 'v2', 'ORK3201'],
    [{ ...alpha, apiVersion: 'demo.orkestra.io/v9' }, 'v1beta1', 'ORK3201'],
    [{ ...alpha, kind: 'Blog' }, 'v1beta1', 'ORK3202'],
    [alpha, 'other.io/v1beta1', 'ORK3202'],
    ['text', 'v1beta1', 'ORK3205'],
    [{ kind: 'Website' }, 'v1beta1', 'ORK3205'],
  ];
  for (const [object, to, code] of cases) {
    const r = convertObject(c, object, to);
    assert.not.ok(r.ok);
    if (!r.ok) assert.is(r.code, code, JSON.stringify(object));
  }
});

test('a value the target type cannot take fails naming the field (never throws)', () => {
  const r = convertObject(c, { ...alpha, metadata: { name: 'x', annotations: { website_port: 'eighty' } } }, 'v1beta1');
  assert.not.ok(r.ok);
  if (!r.ok) {
    assert.is(r.code, 'ORK3203');
    assert.match(r.message, /v1alpha1 → v1beta1: spec\.container\.port: "eighty" is not an integer/);
  }
});

test('a missing path names the YAML to add', () => {
  const one = compileConversion({ ...versionedWebsite(), conversion: { ...versionedWebsite().conversion!, paths: versionedWebsite().conversion!.paths.slice(0, 1) } });
  const r = convertObject(one, { ...alpha, apiVersion: 'demo.orkestra.io/v1beta1' }, 'v1alpha1');
  assert.not.ok(r.ok);
  if (!r.ok) {
    assert.is(r.code, 'ORK3200');
    assert.match(r.hint ?? '', /from: v1beta1\n {4}to: v1alpha1/);
  }
});

test('a __proto__ key in a path stays data', () => {
  const crd = versionedWebsite();
  const evil = compileConversion({ ...crd, conversion: { ...crd.conversion!, paths: [{ ...crd.conversion!.paths[0]!, spec: JSON.parse('{"__proto__": {"polluted": "{{ .spec.image }}"}}') as Record<string, unknown> }] } });
  const r = convertObject(evil, alpha, 'v1beta1');
  assert.ok(r.ok);
  assert.is(({} as Record<string, unknown>)['polluted'], undefined);
});

test.run();
