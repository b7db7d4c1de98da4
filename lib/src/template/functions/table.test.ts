import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FUNCTIONS, templateFunctionNames } from './table.ts';

const test = suite('function table');

test('the function set is exactly the documented one (spec/templates.md)', () => {
  assert.equal(templateFunctionNames(), [
    'add', 'and', 'b64enc', 'default', 'empty', 'eq', 'ge', 'gt', 'int', 'le', 'lower', 'lt', 'ne', 'not', 'or',
    'printf', 'quote', 'replace', 'sha256sum', 'sub', 'toJson', 'trim', 'trunc', 'upper',
  ]);
});

test('every signature names its function and matches its arity', () => {
  for (const [name, fn] of FUNCTIONS) {
    const words = fn.signature.split(' ');
    assert.is(words[0], name);
    const params = words.slice(1);
    // `X...` is one or more, `[X...]` zero or more.
    const variadic = params.some((p) => p.endsWith('...') || p.endsWith('...]'));
    assert.is(fn.minArgs, params.filter((p) => !p.startsWith('[')).length, `${name} minArgs`);
    assert.is(fn.maxArgs, variadic ? Infinity : params.length, `${name} maxArgs`);
  }
});

test.run();
