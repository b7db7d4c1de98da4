// Issue 12, finding 18, the reconcile half: a templated name over Kubernetes' limits is known only
// per CR. It must be a clear Warning Event and Ready=False, with nothing applied.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { planReconcile } from './plan-reconcile.ts';
import { crdFrom, websiteCr } from './runtime.test.fixture.ts';

const test = suite('templated names over the limits');

const CRD = crdFrom(`      schema:
        type: object
        properties:
          svc: {type: string}
          tier: {type: string}
      operatorBox:
        onReconcile:
          services:
            - name: "{{ .spec.svc }}"
              port: 80
          configMaps:
            - labels: {tier: "{{ .spec.tier }}"}
              data: {a: b}
`);

function plan(spec: Record<string, unknown>) {
  return planReconcile({ crd: CRD, cr: websiteCr(spec), observedChildren: new Map(), nowMs: 0, lastApplied: new Map() });
}

test('a 70-character Service name: a Warning Event that says so, Ready=False, no apply', () => {
  const p = plan({ svc: 's'.repeat(70), tier: 'web' });
  assert.is(p.effects.some((e) => e.type === 'apply'), false, 'nothing is applied');
  const event = p.effects.find((e) => e.type === 'event');
  assert.is(event?.type === 'event' && event.eventType, 'Warning');
  assert.match(event?.type === 'event' ? event.note : '', 'is 70 characters, more than the 63 a Service name may have');
  const status = p.effects.find((e) => e.type === 'patchStatus');
  assert.match(JSON.stringify(status), '"status":"False"');
  assert.is(p.outcome.type, 'failed');
});

test('a 70-character label value is refused the same way', () => {
  const p = plan({ svc: 'web', tier: 'v'.repeat(70) });
  assert.is(p.effects.some((e) => e.type === 'apply'), false);
  const event = p.effects.find((e) => e.type === 'event');
  assert.match(event?.type === 'event' ? event.note : '', /label value "v+" is not valid/);
});

test('names within the limits are applied', () => {
  const p = plan({ svc: 's'.repeat(63), tier: 'v'.repeat(63) });
  assert.is(p.effects.filter((e) => e.type === 'apply').length, 2);
});

test.run();
