// Issue 18: the gateway's /convert against goldens, and round trips. Every case under
// conformance/conversion/<name>/ sends request.json (the raw body) through lib's answer with the
// conversion of examples/versioned/katalog.yaml and compares the reply (HTTP status and body) with
// expected.json. Then every object of every case that converts is taken to each other version
// and back, and must come back unchanged; and so must generated objects (a seeded generator, so
// a failure names an object that can be replayed).
// UPDATE_GOLDENS=1 rewrites expected.json from the current output (review the diff!).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseKatalog, type Katalog } from '@orkestra/lib';
import {
  answerConversionReview, answerConversionUnreadable, checkConversion, compileConversion, convertObject, lostFields, type ConversionAnswer,
} from '@orkestra/lib/conversion';
import { planCrdSchema } from '@orkestra/lib/crd';
import { crdVersions } from '@orkestra/lib/katalog';

const repo = new URL('../../', import.meta.url).pathname;
const CASES = join(repo, 'conformance/conversion');
const update = process.env['UPDATE_GOLDENS'] === '1';
const test = suite('conversion conformance');

const parsed = parseKatalog({ file: 'examples/versioned/katalog.yaml', text: readFileSync(join(repo, 'examples/versioned/katalog.yaml'), 'utf8') });
if (!parsed.ok) throw new Error(`examples/versioned/katalog.yaml does not parse:\n${parsed.diagnostics.map((d) => d.message).join('\n')}`);
const katalog: Katalog = parsed.katalog;
const crd = katalog.crds[0]!;
const compiled = compileConversion(crd);
const find = (group: string, kind: string) => (group === compiled.group && kind === compiled.kind ? compiled : undefined);

function answer(raw: string): ConversionAnswer {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return answerConversionUnreadable('body is not valid JSON');
  }
  return answerConversionReview(value, find);
}

test('examples/versioned/katalog.yaml is valid, with no findings', () => {
  assert.equal(parsed.diagnostics.map((d) => `${d.code} ${d.path}: ${d.message}`), []);
  assert.equal(checkConversion(crd, parsed.locator!, katalog.security), []);
});

const names = readdirSync(CASES).sort();
const converted: Record<string, unknown>[] = [];
for (const name of names) {
  test(name, () => {
    const dir = join(CASES, name);
    const raw = readFileSync(join(dir, 'request.json'), 'utf8');
    const a = answer(raw);
    const text = `${JSON.stringify({ httpStatus: a.httpStatus, body: a.body }, null, 2)}\n`;
    const expected = join(dir, 'expected.json');
    if (update) writeFileSync(expected, text);
    assert.fixture(text, readFileSync(expected, 'utf8'));
    // metadata is never touched but for the annotations a path names.
    const body = a.body as { response?: { convertedObjects?: Record<string, unknown>[] } };
    const input = (() => { try { return (JSON.parse(raw) as { request: { objects: Record<string, unknown>[] } }).request.objects; } catch { return []; } })();
    for (const [i, out] of (body.response?.convertedObjects ?? []).entries()) {
      const strip = (m: unknown) => { const { annotations: _a, ...rest } = (m ?? {}) as Record<string, unknown>; return rest; };
      assert.equal(strip(out['metadata']), strip(input[i]!['metadata']), `${name} object ${i}: metadata`);
      assert.equal(out['status'], input[i]!['status'], `${name} object ${i}: status`);
      converted.push(input[i]!);
    }
  });
}

test('every golden object survives a round trip through every version', () => {
  assert.ok(converted.length >= 5, `only ${converted.length} objects`);
  for (const object of converted) roundTrips(object);
});

test('generated objects survive every round trip (300 per version, seeded)', () => {
  const random = lcg(18);
  let n = 0;
  for (const version of crdVersions(crd)) {
    const spec = (planCrdSchema(crd, version.name).schema['properties'] as Record<string, Record<string, unknown>>)['spec']!;
    for (let i = 0; i < 300; i++) {
      const object: Record<string, unknown> = {
        apiVersion: `${crd.group}/${version.name}`, kind: crd.kind,
        metadata: { name: `gen-${i}`, namespace: 'default', ...(random() < 0.3 ? { labels: { a: 'b' } } : {}), ...(random() < 0.3 ? { annotations: { keep: `k${i}` } } : {}) },
        ...(random() < 0.9 ? { spec: generate(spec, random) } : {}),
      };
      roundTrips(object);
      n++;
    }
  }
  assert.is(n, 600);
});

test('the lossy check names exactly what a path that drops a field loses', () => {
  const down = crd.conversion!.paths.find((p) => p.from === 'v1beta1')!;
  assert.equal(lostFields(down, planCrdSchema(crd, 'v1beta1').schema), []);
  assert.equal(lostFields({ ...down, annotations: {} }, planCrdSchema(crd, 'v1beta1').schema), ['container.port']);
});

function roundTrips(object: Record<string, unknown>): void {
  const from = String(object['apiVersion']).split('/')[1]!;
  for (const v of crdVersions(crd)) {
    if (v.name === from) continue;
    const there = convertObject(compiled, object, v.name);
    assert.ok(there.ok, `${JSON.stringify(object)} → ${v.name}: ${there.ok ? '' : there.message}`);
    if (!there.ok) return;
    const back = convertObject(compiled, there.object, from);
    assert.ok(back.ok, `${JSON.stringify(there.object)} → ${from}`);
    // spec/crd.md §9.4: to a path, an empty object inside spec and an absent one are the same
    // (both render nothing), so equality is up to those.
    if (back.ok) assert.equal(pruneEmpty(back.object), pruneEmpty(object), `${from} → ${v.name} → ${from} of ${JSON.stringify(object)}`);
  }
}

function pruneEmpty(object: Record<string, unknown>): Record<string, unknown> {
  const prune = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = prune(x);
      if (!(typeof p === 'object' && p !== null && !Array.isArray(p) && Object.keys(p).length === 0)) out[k] = p;
    }
    return out;
  };
  return object['spec'] === undefined ? object : { ...object, spec: prune(object['spec']) };
}

// Values of the schema's types; a field is left out a third of the time.
function generate(schema: Record<string, unknown>, random: () => number): unknown {
  const props = schema['properties'] as Record<string, Record<string, unknown>> | undefined;
  if (props) {
    const out: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(props)) if (random() < 0.67) out[k] = generate(s, random);
    return out;
  }
  switch (schema['type']) {
    case 'integer': return Math.floor(random() * 70000) - 5;
    case 'string': return ['nginx', 'a.example.com', '', 'ünïcode', '{{ not a template }}', '0', 'true'][Math.floor(random() * 7)];
    case 'boolean': return random() < 0.5;
    default: return 'x';
  }
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test.run();
