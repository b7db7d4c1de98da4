import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseKatalog } from '../validate/parse-katalog.ts';
import { VERSIONED_KATALOG } from './conversion.test.fixture.ts';
import { lostFields } from './check-conversion.ts';

const test = suite('check-conversion');

function codes(text: string): string[] {
  return parseKatalog({ file: 'k.yaml', text }).diagnostics.map((d) => `${d.code} ${d.path}`);
}

test('the two-version example is valid with no findings', () => {
  assert.equal(codes(VERSIONED_KATALOG), []);
});

test('a missing way back is ORK1456 at the version', () => {
  const text = VERSIONED_KATALOG.replace(/ {10}- from: v1beta1\n {12}to: v1alpha1[\s\S]*$/, '');
  assert.equal(codes(text), ['ORK1456 spec.crds.website.versions[0]']);
});

test('unknown versions, repeated and circular paths, bad annotation keys', () => {
  const text = VERSIONED_KATALOG.replace('to: v1beta1\n', 'to: v2\n').replace('website_port: ""', '"Bad Key": ""')
    + '          - from: v1beta1\n            to: v1beta1\n          - from: v1beta1\n            to: v1alpha1\n';
  const found = codes(text);
  assert.ok(found.includes('ORK1454 spec.crds.website.conversion.paths[0].to'), found.join('\n'));
  assert.ok(found.includes('ORK1455 spec.crds.website.conversion.paths[2]'), found.join('\n'));
  assert.ok(found.includes('ORK1455 spec.crds.website.conversion.paths[3]'), found.join('\n'));
  assert.ok(found.includes('ORK1460 spec.crds.website.conversion.paths[0].annotations.Bad Key'), found.join('\n'));
  assert.ok(found.includes('ORK1456 spec.crds.website.versions[0]'), found.join('\n'));
});

test('reads the source lacks and writes the target would prune', () => {
  const text = VERSIONED_KATALOG.replace('hostname: "{{ .spec.domain }}"', 'hostname: "{{ .spec.domian }}"').replace('domain: "{{ .spec.hostname }}"', 'domains: "{{ .spec.hostname }}"');
  const found = codes(text);
  assert.ok(found.includes('ORK1458 spec.crds.website.conversion.paths[0].spec.hostname'), found.join('\n'));
  assert.ok(found.includes('ORK1459 spec.crds.website.conversion.paths[1].spec.domains'), found.join('\n'));
});

test('a field dropped one way is reported as lossy, naming it', () => {
  const text = VERSIONED_KATALOG.replace('            annotations:\n              website_port: "{{ .spec.container.port }}"   # v1alpha1 has no port field\n', '')
    .replace('            annotations:\n              website_port: "{{ .spec.container.port }}"\n', '');
  const result = parseKatalog({ file: 'k.yaml', text });
  const lossy = result.diagnostics.filter((d) => d.code === 'ORK1457');
  assert.is(lossy.length, 1);
  assert.match(lossy[0]!.message, /spec\.container\.port of v1beta1 is not read by the path to v1alpha1: lost when an object goes v1beta1 → v1alpha1 → v1beta1/);
  assert.is(lossy[0]!.severity, 'warning');
});

test('lostFields: reading a field reads what is under it', () => {
  const schema = { properties: { spec: { properties: { a: { properties: { b: { type: 'string' }, c: { type: 'string' } } }, d: { type: 'string' } } } } };
  assert.equal(lostFields({ spec: { x: '{{ .spec.a }}' }, annotations: {} }, schema), ['d']);
  assert.equal(lostFields({ spec: { x: '{{ .spec.a.b }}' }, annotations: { k: '{{ .spec.d }}' } }, schema), ['a.c']);
  assert.equal(lostFields({ annotations: {} }, schema), []);
});

test('conversion switched off with paths is ORK1461; versions that differ without paths warn ORK1462', () => {
  assert.ok(codes(VERSIONED_KATALOG.replace('conversion: {enabled: true}', 'conversion: {enabled: false}')).includes('ORK1461 spec.crds.website.conversion.paths'));
  const noPaths = VERSIONED_KATALOG.replace(/ {6}conversion:\n[\s\S]*$/, '');
  assert.equal(codes(noPaths), ['ORK1462 spec.crds.website.versions']);
});

test.run();
