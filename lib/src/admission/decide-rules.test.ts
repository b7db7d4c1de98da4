import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decideRules } from './decide-rules.ts';
import { denialMessage, describeGot } from './describe-verdict.ts';
import { website, websiteKatalog } from './admission.test.fixture.ts';

const test = suite('decideRules');
const BOTH = { mutate: true, validate: true };

const RULES = `      validation:
        rules:
          - {field: spec.image, message: an image is required}
          - {field: spec.replicas, lessThanOrEqual: 10, message: at most 10 replicas}
          - {field: spec.tier, in: [web, api], message: tier must be web or api, when: [{field: spec.tier, exists: true}]}
          - {field: spec.tier, notEquals: legacy, action: warn, message: the legacy tier goes away in v2}
          - {field: spec.storageClass, equals: "{{ .oldObject.spec.storageClass }}", message: storageClass cannot change, when: [{field: oldObject.spec.storageClass, exists: true}]}
      mutation:
        rules:
          - {field: spec.replicas, default: 2}
          - {field: spec.size, default: "{{ .spec.tier | default \\"web\\" }}-small"}
          - {field: metadata.labels.team, override: platform}`;

function crd() {
  const k = websiteKatalog(RULES);
  assert.equal(k.diagnostics.filter((d) => d.severity === 'error'), []);
  return k.crd!;
}

test('every broken deny rule is reported together, in rule order, with the value it got', () => {
  const v = decideRules(crd().admission, { operation: 'CREATE', object: website({ replicas: 20, tier: 'db' }) }, BOTH);
  assert.is(v.allowed, false);
  assert.equal(v.violations.map((x) => [x.field, x.got]), [['spec.image', undefined], ['spec.replicas', 20], ['spec.tier', 'db']]);
  assert.is(denialMessage('Website "web" in namespace "team-a"', v.violations),
    'Website "web" in namespace "team-a" is refused by 3 validation rules of the Katalog: field spec.image: an image is required (got: nothing); field spec.replicas: at most 10 replicas (got: 20); field spec.tier: tier must be web or api (got: "db")');
});

test('mutation runs first: defaults filled, override set, and validation sees the mutated object', () => {
  const v = decideRules(crd().admission, { operation: 'CREATE', object: website({ image: 'nginx', tier: 'api' }) }, BOTH);
  assert.is(v.allowed, true);
  assert.equal(v.patch, [
    { op: 'add', path: '/spec/replicas', value: 2 },
    { op: 'add', path: '/spec/size', value: 'api-small' },
    { op: 'add', path: '/metadata/labels', value: {} },
    { op: 'add', path: '/metadata/labels/team', value: 'platform' },
  ]);
  assert.equal((v.object as { spec: unknown }).spec, { image: 'nginx', tier: 'api', replicas: 2, size: 'api-small' });
});

test('a default leaves a value alone; an override replaces; a same-valued override writes nothing', () => {
  const v = decideRules(crd().admission, { operation: 'CREATE', object: website({ image: 'nginx', replicas: 3, size: 'xl' }, 'web', { team: 'other' }) }, { mutate: true, validate: false });
  assert.equal(v.patch, [{ op: 'replace', path: '/metadata/labels/team', value: 'platform' }]);
  const again = decideRules(crd().admission, { operation: 'CREATE', object: v.object }, { mutate: true, validate: false });
  assert.equal(again.patch, []);
  assert.equal(again.mutations.map((m) => m.type), ['skipped', 'skipped', 'skipped']);
});

test('warn rules allow with a warning; oldObject rules apply on UPDATE only', () => {
  const old = website({ image: 'nginx', storageClass: 'fast' });
  const v = decideRules(crd().admission, { operation: 'UPDATE', object: website({ image: 'nginx', tier: 'legacy', storageClass: 'slow' }), oldObject: old }, { mutate: false, validate: true });
  assert.equal(v.violations.map((x) => x.field), ['spec.tier', 'spec.storageClass']);
  assert.equal(v.warnings.map((x) => x.message), ['the legacy tier goes away in v2']);
  const create = decideRules(crd().admission, { operation: 'CREATE', object: website({ image: 'nginx', storageClass: 'slow' }) }, { mutate: false, validate: true });
  assert.is(create.allowed, true);
});

test('operations the webhooks do not list are allowed untouched; DELETE validates the object being deleted', () => {
  const k = websiteKatalog(`      validation:
        rules:
          - {field: metadata.labels.locked, notEquals: "true", message: unlock it first}
      webhooks: {operations: [DELETE]}`);
  const rules = k.crd!.admission;
  const locked = website({}, 'web', { locked: 'true' });
  assert.is(decideRules(rules, { operation: 'CREATE', object: locked }, BOTH).allowed, true);
  const del = decideRules(rules, { operation: 'DELETE', oldObject: locked }, BOTH);
  assert.is(del.allowed, false);
  assert.equal(del.patch, []);
  assert.is(decideRules(rules, { operation: 'DELETE', oldObject: website({}) }, BOTH).allowed, true);
});

test('a mutation that cannot apply is skipped and says why; nothing throws', () => {
  const k = websiteKatalog(`      mutation:
        rules:
          - {field: spec.replicas, override: "{{ .spec.tier }}", valueType: int}
          - {field: spec.image.name, default: x}`);
  const v = decideRules(k.crd!.admission, { operation: 'CREATE', object: website({ tier: 'web', image: 'nginx' }) }, BOTH);
  assert.equal(v.patch, []);
  assert.equal(v.mutations.map((m) => m.type === 'failed' ? m.reason : m.type), ['"web" cannot be read as int', 'spec.image is not an object']);
});

test('describeGot: strings quoted, numbers plain, maps as JSON, long values cut', () => {
  assert.is(describeGot('a'), '"a"');
  assert.is(describeGot(3), '3');
  assert.is(describeGot(true), 'true');
  assert.is(describeGot({ a: 1 }), '{"a":1}');
  assert.is(describeGot(undefined), 'nothing');
  assert.is(describeGot('x'.repeat(200)).length, 80);
});

test('Katalog problems: message, mutation value and field, webhooks without operations', () => {
  const k = websiteKatalog(`      validation:
        rules:
          - {field: spec.replicas, greaterThan: abc, message: ""}
      mutation:
        rules:
          - {field: status.phase, default: x}
          - {field: spec.tier}
          - {field: spec.replicas, default: many, valueType: int}
      webhooks: {operations: [], mutation: true}`);
  const codes = k.diagnostics.map((d) => `${d.code} ${d.path}`);
  assert.equal(codes.sort(), [
    'ORK1124 spec.crds.website.validation.rules[0].greaterThan',
    'ORK1400 spec.crds.website.validation.rules[0].message',
    'ORK1401 spec.crds.website.mutation.rules[1]',
    'ORK1402 spec.crds.website.mutation.rules[0].field',
    'ORK1403 spec.crds.website.mutation.rules[2].default',
    'ORK1404 spec.crds.website.webhooks.operations',
  ].sort());
});

test('keys the reference defines and this version does not run are named, every one', () => {
  const k = websiteKatalog(`      validation:
        include: rules.yaml
        rules:
          - {field: spec.image, message: x, fires: [team-a], link: "https://x"}
      mutation:
        mutateFirst: true
        rules: []`);
  assert.equal(k.diagnostics.map((d) => `${d.code} ${d.path}`).sort(), [
    'ORK1130 spec.crds.website.mutation.mutateFirst',
    'ORK1130 spec.crds.website.validation.include',
    'ORK1130 spec.crds.website.validation.rules[0].fires',
    'ORK1130 spec.crds.website.validation.rules[0].link',
  ]);
});

test('rules without a gateway warn (ORK1406), a switch without rules warns (ORK1407), policy mode is accepted (issue 15: ORK1408 now marks rules that stay on the webhook, in the bundle and validate --full)', () => {
  const rules = `      validation:
        rules:
          - {field: spec.image, message: an image is required}`;
  const codes = (k: ReturnType<typeof websiteKatalog>) => k.diagnostics.map((d) => `${d.severity} ${d.code} ${d.path}`);
  assert.equal(codes(websiteKatalog(rules)), ['warning ORK1406 spec.crds.website.validation']);
  assert.equal(codes(websiteKatalog('', `security:
  webhooks: {admission: {enabled: true}}`)), ['warning ORK1407 security.webhooks.admission.enabled']);
  const policy = websiteKatalog(rules, `security:
  webhooks: {admission: {enabled: true}}
  mode: policy`);
  assert.equal(codes(policy), []);
  assert.is(policy.katalog?.security?.mode, 'policy');
  assert.equal(codes(websiteKatalog(rules, `security:
  webhooks: {admission: {enabled: true}}
  mode: webhook`)), []);
});

test.run();
