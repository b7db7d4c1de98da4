import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { planRuleCheck } from './plan-rule-check.ts';
import { usesUnique } from './uses-unique.ts';
import { website, websiteKatalog } from '../admission/admission.test.fixture.ts';
import type { CachedCr } from './reconcile-types.ts';

const test = suite('planRuleCheck');
const crd = websiteKatalog(`      validation:
        rules:
          - {field: spec.image, message: an image is required}
          - {field: spec.replicas, lessThanOrEqual: 10, message: at most 10 replicas}
          - {field: spec.tier, notEquals: legacy, action: warn, message: legacy goes away}
          - {field: spec.size, exists: true, message: a size is required}
      mutation:
        rules:
          - {field: spec.size, default: small}`).crd!;
const cr = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}): CachedCr => ({ ...website(spec), metadata: { name: 'web', namespace: 'team-a', uid: 'u1', generation: 1, ...extra } } as CachedCr);

test('a CR breaking deny rules: Ready=False naming every violation, one Warning Event, no child write, no requeue', () => {
  const r = planRuleCheck({ crd, cr: cr({ replicas: 20 }), nowMs: 0 });
  assert.is(r.type, 'denied');
  if (r.type !== 'denied') return;
  assert.equal(r.plan.effects.map((e) => e.type), ['patchStatus', 'event']);
  assert.equal(r.plan.outcome, { type: 'done' });
  assert.is(r.message, 'Website "web" is refused by 2 validation rules of the Katalog: field spec.image: an image is required (got: nothing); field spec.replicas: at most 10 replicas (got: 20)');
  const conditions = (r.plan.effects[0] as unknown as { status: { conditions: { type: string; reason: string; status: string }[] } }).status.conditions;
  assert.equal(conditions.map((c) => [c.type, c.status, c.reason]), [['Ready', 'False', 'ValidationFailed'], ['Applied', 'False', 'ValidationFailed']]);
  assert.equal((r.plan.effects[0] as { ready?: unknown }).ready, { status: 'False', reason: 'ValidationFailed' });
});

test('mutation applies in memory first: a default the webhook would have set is no violation', () => {
  assert.equal(planRuleCheck({ crd, cr: cr({ image: 'nginx' }), nowMs: 0 }), { type: 'pass', warnings: [] });
});

test('warn rules pass with their warnings; a CR being deleted always passes; an unchanged denial writes nothing again', () => {
  assert.equal(planRuleCheck({ crd, cr: cr({ image: 'nginx', tier: 'legacy' }), nowMs: 0 }), { type: 'pass', warnings: ['field spec.tier: legacy goes away (got: "legacy")'] });
  assert.is(planRuleCheck({ crd, cr: cr({}, { deletionTimestamp: '2026-01-01T00:00:00Z' }), nowMs: 0 }).type, 'pass');
  const first = planRuleCheck({ crd, cr: cr({}), nowMs: 0 });
  if (first.type !== 'denied') throw new Error('expected a denial');
  const status = (first.plan.effects[0] as unknown as { status: Record<string, unknown> }).status;
  const again = planRuleCheck({ crd, cr: { ...cr({}), status }, nowMs: 5_000 });
  assert.is(again.type === 'denied' && again.plan.effects.length, 0);
});

test('a unique rule compares with the other custom resources the runtime passes, and holds without them', () => {
  const withUnique = websiteKatalog(`      validation:
        rules:
          - {field: spec.domain, operator: unique, message: the domain is taken}`).crd!;
  assert.is(usesUnique(withUnique), true);
  const mine = cr({ domain: 'shop.example.com' });
  assert.is(planRuleCheck({ crd: withUnique, cr: mine, nowMs: 0 }).type, 'pass');
  assert.is(planRuleCheck({ crd: withUnique, cr: mine, nowMs: 0, peers: [{ metadata: { name: 'b' }, spec: { domain: 'blog.example.com' } }] }).type, 'pass');
  const clash = planRuleCheck({ crd: withUnique, cr: mine, nowMs: 0, peers: [{ metadata: { name: 'b' }, spec: { domain: 'shop.example.com' } }] });
  assert.is(clash.type === 'denied' && clash.message, 'Website "web" is refused by a validation rule of the Katalog: field spec.domain: the domain is taken (got: "shop.example.com")');
});

test.run();
