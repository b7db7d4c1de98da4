import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compileTemplate } from './compile-template.ts';
import { renderTemplate } from './render-template.ts';

const test = suite('renderTemplate');

const CR = {
  apiVersion: 'demo.example.com/v1',
  kind: 'Website',
  metadata: { name: 'web', namespace: 'team-a', labels: { app: 'shop', tier: 'Front' } },
  spec: {
    replicas: 3, image: 'nginx:1.27', tier: '', port: 8080, ratio: 0.25, big: 1234567.5, enabled: true, off: false,
    zero: 0, nothing: null, env: { LOG: 'debug' }, hosts: ['a.example.com', 'b.example.com'], emptyList: [], emptyMap: {},
    padded: '  hi \n', mixed: 'Hello Wörld', quoteMe: 'say "hi"', count: '42', countFloat: '7.0', bad: 'abc', unicode: 'héllo🚀',
  },
  status: { phase: 'Ready' },
};

const render = (source: string, data: unknown = CR): { ok: true; value: unknown } | { ok: false; error: string } => {
  const compiled = compileTemplate(source);
  if (!compiled.ok) return { ok: false, error: `compile: ${compiled.error.message}` };
  return renderTemplate(compiled.template, data);
};

// [source, expected value]: a single action keeps its type; anything else is a string.
const CASES: [string, unknown][] = [
  // Typed single actions
  ['{{ .spec.replicas }}', 3],
  ['{{.spec.replicas}}', 3],
  ['{{- .spec.replicas -}}', 3],
  ['{{ .spec.ratio }}', 0.25],
  ['{{ .spec.enabled }}', true],
  ['{{ .spec.off }}', false],
  ['{{ .spec.zero }}', 0],
  ['{{ .spec.env }}', { LOG: 'debug' }],
  ['{{ .spec.hosts }}', ['a.example.com', 'b.example.com']],
  ['{{ .spec.image }}', 'nginx:1.27'],
  ['{{ .spec.missing }}', undefined],
  ['{{ .spec.nothing }}', undefined],
  ['{{ 42 }}', 42],
  ['{{ -1.5 }}', -1.5],
  ['{{ "text" }}', 'text'],
  ['{{ true }}', true],
  ['{{ (.spec.replicas) }}', 3],
  ['{{ $.spec.replicas }}', 3],
  ['{{ .spec.count | int }}', 42],
  // Mixed text always yields a string
  [' {{ .spec.replicas }}', ' 3'],
  ['{{ .spec.replicas }}x', '3x'],
  ['{{ .metadata.name }}-deployment', 'web-deployment'],
  ['{{ .metadata.name }}-{{ .metadata.namespace }}', 'web-team-a'],
  ['r={{ .spec.ratio }} b={{ .spec.big }} e={{ .spec.enabled }}', 'r=0.25 b=1.2345675e+06 e=true'],
  ['env={{ .spec.env }} hosts={{ .spec.hosts }}', 'env={"LOG":"debug"} hosts=["a.example.com","b.example.com"]'],
  ['[{{ .spec.missing }}][{{ .spec.nothing }}][{{ .spec.missing.deeper.still }}]', '[][][]'],
  ['[{{ .spec.image.tag }}][{{ .spec.hosts.first }}]', '[][]'],
  ['no actions but }} braces', 'no actions but }} braces'],
  ['{{ "{{" }} literal braces {{ "}}" }}', '{{ literal braces }}'],
  // Comments and trim markers
  ['a {{/* note */}} b', 'a  b'],
  ['a {{- /* note */ -}} b', 'ab'],
  ['a  {{- .metadata.name -}}  b', 'awebb'],
  ['a {{- .metadata.name }} b {{ .metadata.name -}} \n\t c', 'aweb b webc'],
  ['line1\n  {{- if .spec.enabled }}\n  on\n  {{- end }}\n', 'line1\n  on\n'],
  ['{{-3}}', -3],
  // Pipelines: the piped value becomes the last argument
  ['{{ .spec.tier | default "web" | lower }}', 'web'],
  ['{{ .metadata.labels.tier | default "web" | lower }}', 'front'],
  ['{{ .spec.replicas | add 1 }}', 4],
  ['{{ .spec.replicas | sub 10 }}', 7],
  ['{{ .spec.image | replace ":" "-" | upper }}', 'NGINX-1.27'],
  ['{{ .metadata.name | trunc 2 | quote }}', '"we"'],
  // if / else if / else, truthiness as in Go
  ['{{ if .spec.enabled }}on{{ else }}off{{ end }}', 'on'],
  ['{{ if .spec.off }}on{{ else }}off{{ end }}', 'off'],
  ['{{ if .spec.zero }}y{{ else }}n{{ end }}', 'n'],
  ['{{ if .spec.tier }}y{{ else }}n{{ end }}', 'n'],
  ['{{ if .spec.emptyList }}y{{ else }}n{{ end }}', 'n'],
  ['{{ if .spec.emptyMap }}y{{ else }}n{{ end }}', 'n'],
  ['{{ if .spec.missing }}y{{ else }}n{{ end }}', 'n'],
  ['{{ if .spec.hosts }}y{{ else }}n{{ end }}', 'y'],
  ['{{ if "false" }}y{{ else }}n{{ end }}', 'y'],
  ['{{ if eq .spec.replicas 1 }}one{{ else if eq .spec.replicas 3 }}three{{ else }}many{{ end }}', 'three'],
  ['{{ if gt .spec.replicas 5 }}big{{ else if gt .spec.replicas 1 }}medium{{ end }}', 'medium'],
  ['{{ if lt .spec.replicas 1 }}none{{ end }}', ''],
  ['{{ if and .spec.enabled (eq .status.phase "Ready") }}{{ if .spec.off }}A{{ else }}B{{ end }}{{ end }}', 'B'],
  ['{{ if not .spec.off }}y{{ end }}', 'y'],
];

for (const [source, expected] of CASES) {
  test(`renders ${JSON.stringify(source)}`, () => {
    const result = render(source);
    assert.ok(result.ok, result.ok ? '' : result.error);
    if (result.ok) assert.equal(result.value, expected);
  });
}

test('printf receives the piped value last', () => {
  assert.equal(render('{{ 7 | printf "%s-%d" "svc" }}'), { ok: true, value: 'svc-7' });
});

// Every function, with edge cases; sprig and Go semantics unless the spec says otherwise.
const FUNCTIONS: [string, unknown][] = [
  ['{{ default "web" .spec.tier }}', 'web'],
  ['{{ default "web" .spec.missing }}', 'web'],
  ['{{ default 5 .spec.zero }}', 5],
  ['{{ default 5 .spec.replicas }}', 3],
  ['{{ default "x" .spec.emptyList }}', 'x'],
  ['{{ default "x" .spec.off }}', 'x'],
  ['{{ quote .spec.quoteMe }}', '"say \\"hi\\""'],
  ['{{ quote .spec.replicas }}', '"3"'],
  ['{{ quote "a" 1 .spec.missing "b" }}', '"a" "1" "b"'],
  ['{{ quote .spec.missing }}', ''],
  ['{{ quote "tab\\there" }}', '"tab\\there"'],
  ['{{ lower .spec.mixed }}', 'hello wörld'],
  ['{{ upper .spec.mixed }}', 'HELLO WÖRLD'],
  ['{{ upper "straße" }}', 'STRAßE'],
  // A character whose case mapping is not exactly one character is kept (JavaScript lowers İ to two).
  ['{{ lower "İ" }}', 'İ'],
  ['{{ lower .spec.missing }}', ''],
  ['{{ upper 3 }}', '3'],
  ['{{ trim .spec.padded }}', 'hi'],
  ['{{ trim "\\u00a0\\u0085 x \\u3000" }}', 'x'],
  ['{{ trim "\\ufeffx" }}', '\ufeffx'],
  // All literals: the reference's order, subject first (spec/templates.md §5.3).
  ['{{ replace "banana" "a" "b" }}', 'bbnbnb'],
  ['{{ replace "ab" "" "-" }}', '-a-b-'],
  ['{{ replace "" "" "-" }}', '-'],
  ['{{ replace .metadata.name "w" "W" }}', 'Web'],
  ['{{ replace "x" "y" .spec.missing }}', ''],
  ['{{ "a.b.c" | replace "." "-" }}', 'a-b-c'],
  ['{{ printf "%s-%d" .metadata.name 3 }}', 'web-3'],
  ['{{ printf "%v/%v" .spec.enabled .spec.ratio }}', 'true/0.25'],
  ['{{ printf "%q" .spec.image }}', '"nginx:1.27"'],
  ['{{ printf "%.2f%%" .spec.ratio }}', '0.25%'],
  ['{{ printf "plain" }}', 'plain'],
  ['{{ toJson .spec.env }}', '{"LOG":"debug"}'],
  ['{{ toJson .metadata.labels }}', '{"app":"shop","tier":"Front"}'],
  ['{{ toJson .spec.hosts }}', '["a.example.com","b.example.com"]'],
  ['{{ toJson .spec.missing }}', 'null'],
  ['{{ toJson "a<b>&" }}', '"a<b>&"'],
  ['{{ toJson 3 }}', '3'],
  ['{{ b64enc .metadata.name }}', 'd2Vi'],
  ['{{ b64enc .spec.unicode }}', 'aMOpbGxv8J+agA=='],
  ['{{ b64enc .spec.missing }}', ''],
  ['{{ sha256sum "abc" }}', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['{{ sha256sum "" }}', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['{{ .metadata.name | sha256sum | trunc 8 }}', '4b5e57f6'],
  ['{{ int .spec.count }}', 42],
  ['{{ int .spec.countFloat }}', 7],
  ['{{ int "-12" }}', -12],
  ['{{ int 3.9 }}', 3],
  ['{{ int -3.9 }}', -3],
  ['{{ int true }}', 1],
  ['{{ int .spec.missing }}', 0],
  ['{{ int "" }}', 0],
  ['{{ add 1 2 3 }}', 6],
  ['{{ add .spec.count 1 }}', 43],
  ['{{ add 1.9 1 }}', 2],
  ['{{ sub 10 .spec.replicas }}', 7],
  ['{{ sub 1 5 }}', -4],
  ['{{ trunc 3 "abcdef" }}', 'abc'],
  ['{{ trunc -3 "abcdef" }}', 'def'],
  ['{{ trunc 10 "abc" }}', 'abc'],
  ['{{ trunc -10 "abc" }}', 'abc'],
  ['{{ trunc 0 "abc" }}', ''],
  ['{{ trunc 5 .spec.unicode }}', 'héllo'],
  ['{{ trunc -1 .spec.unicode }}', '🚀'],
  ['{{ eq .spec.replicas 3 }}', true],
  ['{{ eq .spec.replicas 1 2 3 }}', true],
  ['{{ eq .metadata.name "web" }}', true],
  ['{{ eq .spec.missing nil }}', true],
  ['{{ eq .spec.missing "x" }}', false],
  ['{{ eq .spec.enabled true }}', true],
  ['{{ ne .spec.replicas 3 }}', false],
  ['{{ ne .spec.missing "x" }}', true],
  ['{{ lt 1 2 }}', true],
  ['{{ lt 2 2 }}', false],
  ['{{ le 2 2 }}', true],
  ['{{ gt 2.5 2 }}', true],
  ['{{ ge 2 3 }}', false],
  ['{{ lt "a" "b" }}', true],
  ['{{ lt "\\uffff" "\\U0001F600" }}', true],
  ['{{ and 1 0 }}', 0],
  ['{{ and 1 2 }}', 2],
  ['{{ and .spec.missing (int "abc") }}', undefined],
  ['{{ or 0 "" }}', ''],
  ['{{ or 0 3 }}', 3],
  ['{{ or .spec.image (int "abc") }}', 'nginx:1.27'],
  ['{{ .spec.tier | or .spec.missing }}', ''],
  ['{{ .spec.image | and .spec.enabled }}', 'nginx:1.27'],
  ['{{ not 0 }}', true],
  ['{{ not "a" }}', false],
  ['{{ empty .spec.tier }}', true],
  ['{{ empty .spec.emptyMap }}', true],
  ['{{ empty .spec.env }}', false],
  ['{{ empty .spec.zero }}', true],
];

for (const [source, expected] of FUNCTIONS) {
  test(`function ${source}`, () => {
    const result = render(source);
    assert.ok(result.ok, result.ok ? '' : result.error);
    if (result.ok) assert.equal(result.value, expected);
  });
}

// Runtime errors come back as data with a message naming the function, never as exceptions.
const RUNTIME_ERRORS: [string, string][] = [
  ['{{ int "abc" }}', 'int: cannot convert string "abc" to an integer'],
  ['{{ int "3.5" }}', 'int: cannot convert string "3.5"'],
  ['{{ int .spec.env }}', 'int: cannot convert object'],
  ['{{ add 9007199254740991 1 }}', 'add: integer 9007199254740992 is outside the safe integer range'],
  ['{{ add .spec.bad 1 }}', 'add: cannot convert string "abc"'],
  ['{{ printf "%d" .metadata.name }}', 'printf: %d needs an integer, got string "web"'],
  ['{{ printf "%s %s" .metadata.name }}', 'printf: missing argument for %s'],
  ['{{ printf "%s" 1 2 }}', 'printf: 1 extra argument(s)'],
  ['{{ printf 3 }}', 'printf: the format must be a string'],
  ['{{ trunc "3" "abc" }}', 'trunc: the length must be an integer, got string "3"'],
  ['{{ eq .spec.replicas "3" }}', 'eq: incompatible types for comparison: integer 3 and string "3"'],
  ['{{ eq .spec.env .spec.env }}', 'eq: cannot compare object'],
  ['{{ lt .spec.missing 3 }}', 'lt: cannot order nil and integer 3'],
  ['{{ gt "a" 1 }}', 'gt: cannot order string "a" and integer 1'],
  ['x {{ if eq 1 "1" }}y{{ end }}', 'eq: incompatible types'],
];

for (const [source, message] of RUNTIME_ERRORS) {
  test(`runtime error ${source}`, () => {
    const result = render(source);
    assert.is(result.ok, false);
    if (!result.ok) assert.ok(result.error.startsWith(message), `"${result.error}" does not start with "${message}"`);
  });
}

test('a template compiles once and renders many times against different data', () => {
  const compiled = compileTemplate('{{ .metadata.name }}-{{ .spec.replicas | default 1 }}');
  assert.ok(compiled.ok);
  if (!compiled.ok) return;
  assert.equal(renderTemplate(compiled.template, { metadata: { name: 'a' }, spec: { replicas: 2 } }), { ok: true, value: 'a-2' });
  assert.equal(renderTemplate(compiled.template, { metadata: { name: 'b' } }), { ok: true, value: 'b-1' });
  assert.equal(renderTemplate(compiled.template, null), { ok: true, value: '-1' });
  assert.equal(renderTemplate(compiled.template, 'not an object'), { ok: true, value: '-1' });
});

test('typed results are copies: mutating them does not change the data', () => {
  const data = { spec: { env: { A: '1' }, list: [{ x: 1 }] } };
  const env = render('{{ .spec.env }}', data);
  const list = render('{{ .spec.list }}', data);
  assert.ok(env.ok && list.ok);
  if (!env.ok || !list.ok) return;
  (env.value as Record<string, string>)['A'] = 'changed';
  ((list.value as { x: number }[])[0] as { x: number }).x = 2;
  assert.equal(data, { spec: { env: { A: '1' }, list: [{ x: 1 }] } });
});

test.run();
