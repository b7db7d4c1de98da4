import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { planGatewayPolicy } from '@orkestra/lib/gateway';
import { fakeLogger } from '@orkestra/lib/testing';
import { admissionHandlers } from './admission.ts';
import { conversionCrds, conversionRoute } from './conversion.ts';
import { gatewayKatalog as gatewayView, type GatewayViewSource } from './gateway-view.ts';
import { versionedKatalog } from './gateway.test-support.ts';

const test = suite('gateway /katalog: conversion');

const katalog = versionedKatalog('    conversionWindow: 3\n');
const policy = planGatewayPolicy(katalog, 'orkestra-system');
const source = (extra: Partial<GatewayViewSource> = {}): GatewayViewSource => ({
  katalog, policy, gatewayVersion: '0.1.0', stats: admissionHandlers(policy, fakeLogger()).stats,
  certificates: () => ({ managed: true }), housekeeper: () => ({ paused: false, intervalMs: 30_000, configsApplied: true }), ...extra,
});
const review = (uid: string, desired: string, objects: unknown[]) => ({ type: 'json' as const, value: { apiVersion: 'apiextensions.k8s.io/v1', kind: 'ConversionReview', request: { uid, desiredAPIVersion: desired, objects } } });
const site = (name: string, port = '80') => ({ apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website', metadata: { name, annotations: { website_port: port } }, spec: { image: 'nginx' } });

test('the Katalog\'s conversionWindow reaches the model; unset, the gateway\'s CONVERSION_WINDOW decides', () => {
  assert.is(katalog.security?.conversion?.window, 3);
  assert.is(versionedKatalog().security?.conversion?.window, undefined);
});

test('served: lifetime totals, the window of the last N reviews, and per CRD the reference\'s fields', () => {
  let t = 0;
  const compiled = conversionCrds(katalog);
  const convert = conversionRoute(compiled, { log: fakeLogger(), observer: { objects: () => undefined, review: () => undefined }, now: () => (t += 0.0005), windowSize: katalog.security!.conversion!.window! });
  for (let i = 0; i < 4; i++) convert.route.answer(review(`r-${i}`, 'demo.orkestra.io/v1beta1', [site(`s${i}`), site(`t${i}`)]));
  convert.route.answer(review('r-bad', 'demo.orkestra.io/v1beta1', [site('x', 'eighty')]));
  const body = gatewayView(source({ conversion: { crds: compiled.map((c) => c.crd), stats: convert.stats, window: convert.window } }));
  assert.is(body['conversionEnabled'], true);
  const block = body['conversion'] as Record<string, any>;
  assert.equal(block['crds'], ['website']);
  assert.equal(block['total'], { reviews: 5, failedReviews: 1, objects: 9, failedObjects: 1 });
  // Three reviews in the window: the last two good ones and the failed one.
  assert.equal([block['window'].size, block['window'].reviews, block['window'].failedReviews, block['window'].objects, block['window'].failedObjects], [3, 3, 1, 5, 1]);
  assert.equal(block['window'].latencyMs, { timed: 3, p50: 0.5, p95: 0.5, p99: 0.5, max: 0.5, avg: 0.5 });
  assert.equal(block['window'].pairs, [{ crd: 'website', from: 'v1alpha1', to: 'v1beta1', converted: 4, failed: 1 }]);
  const crd = (body['crds'] as { name: string; conversion: Record<string, unknown> }[]).find((c) => c.name === 'website')!.conversion;
  assert.equal(crd, {
    enabled: true, total: 9, success: 8, failures: 1, avgLatencyMs: 0.5, p95LatencyMs: 0.5,
    window: { reviews: 3, failedReviews: 1, objects: 5, failedObjects: 1, latencyMs: { timed: 3, p50: 0.5, p95: 0.5, p99: 0.5, max: 0.5, avg: 0.5 } },
  });
  // The body is JSON: what the Control Center reads.
  assert.equal(JSON.parse(JSON.stringify(body))['conversion'], block);
});

test('not served: conversion off, zero counts, no window', () => {
  const body = gatewayView(source());
  assert.is(body['conversionEnabled'], false);
  assert.equal(body['conversion'], { enabled: false, crds: [] });
  assert.equal((body['crds'] as { conversion: unknown }[])[0]!.conversion, { enabled: false, total: 0, success: 0, failures: 0 });
});

test.run();
