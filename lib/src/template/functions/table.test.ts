import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FUNCTIONS, templateFunctionNames } from './table.ts';

const test = suite('function table');

test('the function set is exactly the documented one (spec/templates.md)', () => {
  assert.equal(templateFunctionNames(), [
    'add', 'addf', 'and', 'b64enc', 'coalesce', 'concat', 'contains', 'date', 'default', 'div', 'divf', 'empty', 'eq',
    'ge', 'gt', 'hasKey', 'hasPrefix', 'hasSuffix', 'index', 'int', 'join', 'keys', 'le', 'len', 'lower', 'lt', 'max',
    'min', 'mod', 'mul', 'mulf', 'ne', 'not', 'notEmpty', 'or', 'printf', 'quote', 'repeat', 'replace', 'sha256sum',
    'split', 'splitList', 'sub', 'subf', 'ternary', 'timeFormat', 'toBase64', 'toBool', 'toFloat', 'toInt', 'toJSON',
    'toJson', 'toLower', 'toString', 'toUpper', 'toYaml', 'trim', 'trimAll', 'trimPrefix', 'trimSpace', 'trimSuffix',
    'trunc', 'typeBool', 'typeList', 'typeMap', 'typeNull', 'typeNumber', 'typeOf', 'typeString', 'upper',
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
