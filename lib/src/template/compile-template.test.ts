import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { TemplateError } from './ast.ts';
import { checkTemplateSyntax, compileTemplate, isTemplate } from './compile-template.ts';
import { TEMPLATE_LIMITS } from './limits.ts';

const test = suite('compileTemplate');

// [source, code, offset, message fragment]: offsets are 0-based UTF-16 indices into the source.
const ERRORS: [string, TemplateError['code'], number, string][] = [
  ['{{ .spec.a', 'ORK1200', 0, 'unclosed action'],
  ['ok {{ .spec.a }} {{ .spec.b', 'ORK1200', 17, 'unclosed action'],
  ['{{ }}', 'ORK1200', 3, 'missing value'],
  ['{{ .spec.a | }}', 'ORK1200', 13, 'missing value'],
  ['{{ | lower }}', 'ORK1200', 3, 'missing value'],
  ['{{ "\\q" }}', 'ORK1200', 4, 'unknown escape sequence "\\q"'],
  ['{{ "a\\x80" }}', 'ORK1200', 5, 'must be ASCII'],
  ['{{ "\\ud800" }}', 'ORK1200', 4, 'invalid Unicode code point'],
  ['{{ "\\u12" }}', 'ORK1200', 4, 'expected 4 hex digits'],
  ['{{ "abc }}', 'ORK1200', 3, 'unterminated quoted string'],
  ['{{ "a\nb" }}', 'ORK1200', 3, 'unterminated quoted string'],
  ['{{ `abc }}', 'ORK1200', 3, 'unterminated raw string'],
  ["{{ 'a' }}", 'ORK1200', 3, 'character constants are not supported'],
  ['{{ if .spec.a }}x', 'ORK1200', 0, 'unterminated {{if}}'],
  ['a{{ if .spec.a }}x{{ else }}y', 'ORK1200', 1, 'unterminated {{if}}'],
  ['{{ if .spec.a }}{{ if .spec.b }}{{ end }}', 'ORK1200', 0, 'unterminated {{if}}'],
  ['x {{ end }}', 'ORK1200', 5, 'unexpected {{end}}'],
  ['{{ else }}', 'ORK1200', 3, 'unexpected {{else}}'],
  ['{{ if 1 }}a{{ else }}b{{ else }}c{{ end }}', 'ORK1200', 25, '{{else}} after {{else}}'],
  ['{{ if }}{{ end }}', 'ORK1200', 6, '{{if}} needs a condition'],
  ['{{ if 1 }}{{ else if }}{{ end }}', 'ORK1200', 21, '{{else if}} needs a condition'],
  ['{{ if 1 }}{{ end 2 }}', 'ORK1200', 17, 'after {{end}}'],
  ['{{ with .spec }}{{ end }}', 'ORK1200', 3, '{{with}} is not supported'],
  ['{{ range .spec.items }}{{ end }}', 'ORK1200', 3, '{{range}} is not supported'],
  ['{{ if 1 }}{{ else with .spec }}{{ end }}', 'ORK1200', 18, '{{else with}} is not supported'],
  ['{{ define "x" }}{{ end }}', 'ORK1200', 3, '{{define}} is not supported'],
  ['{{ template "x" }}', 'ORK1200', 3, '{{template}} is not supported'],
  ['{{ block "x" . }}{{ end }}', 'ORK1200', 3, '{{block}} is not supported'],
  ['{{ break }}', 'ORK1200', 3, '{{break}} is not supported'],
  ['{{ $x := .spec.a }}', 'ORK1200', 3, 'variables are not supported'],
  ['{{ $x }}', 'ORK1200', 3, 'variables are not supported'],
  ['{{ .spec.a = 1 }}', 'ORK1200', 11, 'variables are not supported'],
  ['{{ .spec.a, .spec.b }}', 'ORK1200', 10, 'unexpected ","'],
  ['{{ lower .spec.a if }}', 'ORK1200', 17, 'unexpected "if"'],
  ['{{ nil }}', 'ORK1200', 3, 'nil is not a command'],
  ['{{ .spec.a .spec.b }}', 'ORK1200', 11, 'only a function can take arguments'],
  ['{{ "a" "b" }}', 'ORK1200', 7, 'only a function can take arguments'],
  ['{{ .spec.a | .spec.b }}', 'ORK1200', 13, 'pipeline stage 2 must be a function call'],
  ['{{ .spec.a | "x" }}', 'ORK1200', 13, 'pipeline stage 2 must be a function call'],
  ['{{ "a""b" }}', 'ORK1200', 6, 'separate arguments with a space'],
  ['{{ lower(.spec.a) }}', 'ORK1200', 8, 'separate arguments with a space'],
  ['{{ (.spec.a }}', 'ORK1200', 3, 'unclosed left parenthesis'],
  ['{{ .spec.a) }}', 'ORK1200', 10, 'unexpected ")"'],
  ['{{ (.spec).a }}', 'ORK1200', 10, 'field access on a parenthesised expression'],
  ['{{ .metadata.labels.my-label }}', 'ORK1200', 22, 'bad character "-"'],
  ['{{ printf"%s" .spec.a }}', 'ORK1200', 9, 'bad character'],
  ['{{ 017 }}', 'ORK1200', 3, 'leading zeros'],
  ['{{ 1__0 }}', 'ORK1200', 3, 'bad number syntax'],
  ['{{ 12abc }}', 'ORK1200', 3, 'bad number syntax'],
  ['{{ - }}', 'ORK1200', 3, 'bad number syntax'],
  ['{{ 99999999999999999999 }}', 'ORK1200', 3, 'integer out of range'],
  ['{{ 1e999 }}', 'ORK1200', 3, 'number out of range'],
  ['{{ . .spec }}', 'ORK1200', 5, 'only a function can take arguments'],
  ['{{ ..spec }}', 'ORK1200', 4, 'after "."'],
  ['{{ # }}', 'ORK1200', 3, 'unexpected "#"'],
  ['{{ /* c */ }}', 'ORK1200', 3, 'a comment must start right after "{{"'],
  ['{{/* c */ }}', 'ORK1200', 9, 'comment ends before the closing "}}"'],
  ['{{/* c ', 'ORK1200', 0, 'unclosed comment'],
  ['{{ foo 1 }}', 'ORK1201', 3, 'unknown function "foo"'],
  ['{{ .spec.a | toUppr }}', 'ORK1201', 13, 'unknown function "toUppr"'],
  ['{{ now }}', 'ORK1201', 3, 'unknown function "now"'],
  ['{{ randomAlphanumeric 32 }}', 'ORK1201', 3, 'unknown function "randomAlphanumeric"'],
  ['{{ if 1 }}{{ nope }}{{ end }}', 'ORK1201', 13, 'unknown function "nope"'],
  ['{{ default "a" }}', 'ORK1205', 3, 'default takes 2 arguments (default VALUE FALLBACK), got 1'],
  ['{{ .spec.a | default "a" "b" }}', 'ORK1205', 13, 'got 3 counting the piped value'],
  ['{{ lower }}', 'ORK1205', 3, 'lower takes 1 argument (lower STRING), got 0'],
  ['{{ lower "a" "b" }}', 'ORK1205', 3, 'got 2'],
  ['{{ "a" | replace "b" }}', 'ORK1205', 9, 'replace takes 3 arguments'],
  ['{{ lower upper }}', 'ORK1205', 9, 'upper takes 1 argument'],
  ['{{ add 1 }}', 'ORK1205', 3, 'add takes at least 2 arguments'],
  ['{{ eq 1 }}', 'ORK1205', 3, 'eq takes at least 2 arguments'],
  ['{{ not 1 2 }}', 'ORK1205', 3, 'not takes 1 argument'],
  ['{{ and }}', 'ORK1205', 3, 'and takes at least 1 argument'],
  ['{{ printf }}', 'ORK1205', 3, 'printf takes at least 1 argument'],
  ['{{ (sub 1) }}', 'ORK1205', 4, 'sub takes 2 arguments'],
  ['{{ .apiVersion }}', 'ORK1204', 3, 'template root ".apiVersion" is not allowed'],
  ['{{ $.kind }}', 'ORK1204', 3, 'template root ".kind" is not allowed'],
  ['{{ lower .cross.db.x }}', 'ORK1204', 9, 'template root ".cross"'],
  // The first problem in source order wins, even when a later one is lexical.
  ['{{ end }}{{ "\\q" }}', 'ORK1200', 3, 'unexpected {{end}}'],
  ['{{ nope }}{{ "\\q" }}', 'ORK1201', 3, 'unknown function'],
];

for (const [source, code, offset, message] of ERRORS) {
  test(`rejects ${JSON.stringify(source)}`, () => {
    const result = compileTemplate(source);
    assert.is(result.ok, false);
    if (result.ok) return;
    assert.is(result.error.code, code);
    assert.is(result.error.offset, offset, `offset of ${JSON.stringify(source)}: ${result.error.message}`);
    assert.ok(result.error.message.includes(message), `message "${result.error.message}" lacks "${message}"`);
  });
}

const VALID = [
  'plain text with }} braces', '{{ .spec.a }}', '{{- .spec.a -}}', '{{/* only a comment */}}', '{{- /* c */ -}}',
  '{{ if .spec.a }}x{{ else if .spec.b }}y{{ else }}z{{ end }}', '{{ $ }}', '{{ . }}', '{{ $.spec.a }}',
  '{{ (lower (upper .spec.a)) }}', '{{ .spec.a | default "x" | lower | quote }}', '{{ printf "%s" `raw "quoted" \\n` }}',
  '{{\n  .spec.a\n}}', '{{ -3 }}', '{{ +3 }}', '{{ 0x1F }}', '{{ 0o17 }}', '{{ 0b101 }}', '{{ 1_000 }}', '{{ .5 }}', '{{ 1e3 }}',
  '{{ true }}{{ false }}', '{{ eq .spec.a nil }}', '{{ .metadata.ünïcode_1 }}',
];

for (const source of VALID) {
  test(`accepts ${JSON.stringify(source)}`, () => {
    const result = compileTemplate(source);
    assert.ok(result.ok, result.ok ? '' : `${result.error.message} at ${result.error.offset}`);
  });
}

test('unknown functions suggest a supported one', () => {
  const hints = ['tolower', 'lowr', 'tojson', 'sha256', 'Upper'].map((name) => {
    const result = compileTemplate(`{{ ${name} "a" }}`);
    return result.ok ? '' : result.error.hint ?? '';
  });
  assert.ok(hints[0]?.includes('"toLower"'));
  assert.ok(hints[1]?.includes('"lower"'));
  assert.ok(hints[2]?.includes('"toJson"'));
  assert.ok(hints[3]?.includes('"sha256sum"'));
  assert.ok(hints[4]?.includes('"upper"'));
  // Names of Object.prototype members are names like any other, never lookups into it.
  for (const name of ['constructor', 'toLocaleString', 'hasOwnProperty']) {
    const proto = compileTemplate(`{{ ${name} "a" }}`);
    assert.ok(!proto.ok && proto.error.code === 'ORK1201' && !(proto.error.hint ?? '').includes('function'), name);
  }
  assert.ok(compileTemplate('{{ toString 1 }}').ok);
  const now = compileTemplate('{{ now }}');
  assert.ok(!now.ok && (now.error.hint ?? '').includes('never read the clock'), 'now is explained, not "did you mean not"');
  const far = compileTemplate('{{ x "a" }}');
  assert.is(far.ok ? 'compiled' : far.error.hint, undefined);
});

test('roots: the default restricts to metadata/spec/status, a list or "any" changes it', () => {
  assert.is(compileTemplate('{{ .status.phase }}').ok, true);
  assert.is(compileTemplate('{{ .children.deployment.status.readyReplicas }}').ok, true);
  assert.is(compileTemplate('{{ .children.x }}', { roots: ['children'] }).ok, true);
  assert.is(compileTemplate('{{ .spec.x }}', { roots: ['children'] }).ok, false);
  assert.is(compileTemplate('{{ .anything.at.all }}', { roots: 'any' }).ok, true);
});

test('singleAction is true only when one action spans the whole source', () => {
  const single = (source: string): boolean | string => {
    const result = compileTemplate(source);
    return result.ok ? result.template.singleAction : result.error.message;
  };
  assert.is(single('{{ .spec.a }}'), true);
  assert.is(single('{{.spec.a}}'), true);
  assert.is(single('{{- .spec.a -}}'), true);
  assert.is(single('{{ .spec.a | lower }}'), true);
  assert.is(single(' {{ .spec.a }}'), false);
  assert.is(single('{{ .spec.a }} '), false);
  assert.is(single('{{ .spec.a }}{{ .spec.b }}'), false);
  assert.is(single('{{ .spec.a }}{{/* c */}}'), false);
  assert.is(single('{{/* c */}}'), false);
  assert.is(single('{{ if .spec.a }}{{ .spec.a }}{{ end }}'), false);
  assert.is(single('x'), false);
});

test('isTemplate looks for "{{"', () => {
  assert.is(isTemplate('a {{ b'), true);
  assert.is(isTemplate('a { { b }}'), false);
  assert.is(isTemplate(''), false);
});

test('checkTemplateSyntax returns the error or undefined', () => {
  assert.is(checkTemplateSyntax('{{ .spec.a }}'), undefined);
  assert.is(checkTemplateSyntax('{{ nope }}')?.code, 'ORK1201');
});

test('limits: source length and nesting depth', () => {
  const long = compileTemplate('x'.repeat(TEMPLATE_LIMITS.maxSourceLength + 1));
  assert.is(long.ok ? 'compiled' : long.error.message, `template is longer than ${TEMPLATE_LIMITS.maxSourceLength} characters`);
  const depth = TEMPLATE_LIMITS.maxNestingDepth;
  const parens = (n: number): string => `{{ ${'('.repeat(n)}.spec.a${')'.repeat(n)} }}`;
  assert.is(compileTemplate(parens(depth)).ok, true);
  const deepParens = compileTemplate(parens(depth + 1));
  assert.ok(!deepParens.ok && deepParens.error.message.includes('nesting is deeper'));
  const ifs = (n: number): string => '{{ if 1 }}'.repeat(n) + '{{ end }}'.repeat(n);
  assert.is(compileTemplate(ifs(depth)).ok, true);
  const deepIfs = compileTemplate(ifs(depth + 1));
  assert.ok(!deepIfs.ok && deepIfs.error.message.includes('nesting is deeper'));
  // A long else-if chain is flat, not deep.
  const chain = '{{ if 0 }}' + '{{ else if 0 }}'.repeat(500) + '{{ else }}z{{ end }}';
  assert.is(compileTemplate(chain).ok, true);
  // Deeply nested input fails cleanly instead of overflowing the stack.
  const hostile = compileTemplate('{{ ' + '('.repeat(10_000));
  assert.is(hostile.ok, false);
});

test.run();
