import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as v from 'valibot';
import { ownRecord } from './own-record.ts';

const test = suite('own-record');
const KEYS = ['constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

test('keeps the keys valibot record() drops, with their values checked', () => {
  const input = Object.fromEntries(KEYS.map((k) => [k, 'x']));
  assert.equal(Object.keys(v.parse(v.record(v.string(), v.string()), input)).sort(), ['hasOwnProperty', 'toString', 'valueOf'], 'valibot drops two');
  const out = v.parse(ownRecord(v.string(), v.string()), input);
  assert.equal(Object.keys(out).sort(), [...KEYS].sort());
  const bad = v.safeParse(ownRecord(v.string(), v.string()), { constructor: 7 });
  assert.is(bad.success, false);
  assert.equal(bad.issues?.[0]?.path?.map((p) => p.key), ['constructor']);
});

test('__proto__ is checked by the key schema and stays data, never a prototype', () => {
  const input = JSON.parse('{"__proto__": {"polluted": true}, "ok": {}}') as Record<string, unknown>;
  const keys = v.safeParse(ownRecord(v.pipe(v.string(), v.regex(/^[a-z]+$/)), v.unknown()), input);
  assert.is(keys.success, false, 'the key schema sees __proto__');
  assert.equal(keys.issues?.map((i) => i.path?.[0]?.key), ['__proto__']);
  const out = v.parse(ownRecord(v.string(), v.unknown()), input) as Record<string, unknown>;
  assert.ok(Object.hasOwn(out, '__proto__'));
  assert.is(Object.getPrototypeOf(out), Object.prototype);
  assert.is(({} as Record<string, unknown>)['polluted'], undefined);
});

test('a non-object is the same type issue as record()', () => {
  const r = v.safeParse(ownRecord(v.string(), v.string()), 7);
  assert.is(r.success, false);
  assert.is(r.issues?.[0]?.expected, 'Object');
});

test.run();
