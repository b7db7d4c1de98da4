import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fakeLogger } from '@orkestra/lib/testing';
import type { WebhookReply } from '@orkestra/adapters/webhook';
import { conversionCrds, conversionRoute } from './conversion.ts';
import { createGatewayMetrics } from './gateway-metrics.ts';
import { versionedKatalog } from './gateway.test-support.ts';

const test = suite('gateway /convert route');

const ALPHA = 'demo.orkestra.io/v1alpha1';
const BETA = 'demo.orkestra.io/v1beta1';
const alpha = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: ALPHA, kind: 'Website',
  metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '42', generation: 3, labels: { team: 'web' }, annotations: { keep: 'me', website_port: '8080' }, ...extra },
  spec: { image: 'nginx:1.27', replicas: 2, domain: `${name}.example.com` },
  status: { observedGeneration: 3 },
});
const review = (objects: unknown[], desired = BETA, uid = 'r-1') => ({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'ConversionReview', request: { uid, desiredAPIVersion: desired, objects } });
const json = (value: unknown) => ({ type: 'json' as const, value });

/** A route on the examples/versioned Website, with real metrics and a clock that moves 2 ms per read. */
function setup(windowSize = 100) {
  const log = fakeLogger();
  const metrics = createGatewayMetrics({ defaultMetrics: false });
  const calls: string[] = [];
  let t = 1000;
  const r = conversionRoute(conversionCrds(versionedKatalog()), {
    log,
    observer: {
      objects: (crd, from, to, ok, count) => {
        calls.push(`${crd} ${from}→${to} ${ok ? 'ok' : 'failed'} ×${count}`);
        metrics.observeConversion(crd, from, to, ok, count);
      },
      review: (crd, seconds, objects) => metrics.observeConversionReview(crd, seconds, objects),
    },
    now: () => (t += 0.002),
    windowSize,
  });
  const answer = (value: unknown): { status: number; body: Record<string, any> } => {
    const reply = r.route.answer(json(value)) as WebhookReply;
    assert.not.ok(reply instanceof Promise, 'conversion answers synchronously');
    return { status: reply.status, body: JSON.parse(reply.body) };
  };
  return { ...r, log, metrics, calls, answer };
}

async function counter(metrics: ReturnType<typeof createGatewayMetrics>, labels: string): Promise<number | undefined> {
  const line = (await metrics.metrics()).split('\n').find((l) => l.startsWith(`orkestra_conversion_objects_total{${labels}}`));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

test('several objects are converted in order with metadata intact; counted per pair once per review', async () => {
  const s = setup();
  const a = s.answer(review([alpha('blog'), alpha('shop'), alpha('docs')]));
  assert.is(a.status, 200);
  assert.equal(a.body['response'].result, { status: 'Success' });
  assert.is(a.body['response'].uid, 'r-1');
  const out = a.body['response'].convertedObjects as { apiVersion: string; metadata: Record<string, unknown>; spec: unknown; status: unknown }[];
  assert.equal(out.map((o) => o.metadata['name']), ['blog', 'shop', 'docs']);
  for (const o of out) {
    assert.is(o.apiVersion, BETA);
    const name = o.metadata['name'] as string;
    // Everything in metadata stays, but the annotation the path reads back into spec.container.port.
    assert.equal(o.metadata, { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '42', generation: 3, labels: { team: 'web' }, annotations: { keep: 'me' } });
    assert.equal(o.spec, { container: { image: 'nginx:1.27', port: 8080 }, replicas: 2, hostname: `${name}.example.com` });
    assert.equal(o.status, { observedGeneration: 3 });
  }
  // And back, in one review mixing both stored versions.
  const back = s.answer(review([out[0], alpha('news')], ALPHA, 'r-2'));
  assert.equal(back.body['response'].convertedObjects.map((o: { apiVersion: string; metadata: { annotations?: Record<string, string> } }) => [o.apiVersion, o.metadata.annotations?.['website_port']]), [[ALPHA, '8080'], [ALPHA, '8080']]);
  assert.equal(s.calls, ['website v1alpha1→v1beta1 ok ×3', 'website v1beta1→v1alpha1 ok ×1', 'website v1alpha1→v1alpha1 ok ×1']);
  assert.is(await counter(s.metrics, 'crd="website",from="v1alpha1",to="v1beta1",result="success"'), 3);
  assert.is(await counter(s.metrics, 'crd="website",from="v1beta1",to="v1alpha1",result="success"'), 1);
  assert.equal([s.stats.reviews, s.stats.objects, s.stats.failures, s.stats.rejected], [2, 5, 0, 0]);
  assert.match(await s.metrics.metrics(), /orkestra_conversion_review_seconds_count\{crd="website"\} 2/);
  assert.equal(s.log.lines.filter((l) => l.level !== 'debug'), []);
});

test('an object that cannot be converted fails the review with a clear message, never a 500', async () => {
  const s = setup();
  const bad = alpha('plain', { annotations: { website_port: 'eighty' } });
  const a = s.answer(review([alpha('blog'), bad]));
  assert.is(a.status, 200);
  assert.is(a.body['response'].result.status, 'Failure');
  assert.equal(a.body['response'].convertedObjects, []);
  assert.match(a.body['response'].result.message, /^1 of 2 objects not converted to demo\.orkestra\.io\/v1beta1; Website default\/plain \(demo\.orkestra\.io\/v1alpha1\): .*spec\.container\.port: "eighty" is not an integer/);
  assert.not.match(a.body['response'].result.message, /\n\s+at /, 'no stack');
  assert.is(await counter(s.metrics, 'crd="website",from="v1alpha1",to="v1beta1",result="failure"'), 1);
  assert.is(await counter(s.metrics, 'crd="website",from="v1alpha1",to="v1beta1",result="success"'), 1);
  const failed = s.log.lines.filter((l) => l.msg === 'conversion failed');
  assert.equal(failed.map((l) => [l.level, l.fields['uid'], l.fields['crd'], l.fields['objects']]), [['warn', 'r-1', 'website', 2]]);
});

test('a version no path reaches, or a kind this Katalog does not convert, is a per-request failure naming it', () => {
  const s = setup();
  const noPath = s.answer(review([alpha('blog')], 'demo.orkestra.io/v2'));
  assert.is(noPath.status, 200);
  assert.is(noPath.body['response'].result.status, 'Failure');
  assert.match(noPath.body['response'].result.message, /Website default\/blog \(demo\.orkestra\.io\/v1alpha1\): .*v2/);
  const stranger = s.answer(review([{ apiVersion: 'other.io/v1', kind: 'Gadget', metadata: { name: 'g' } }], BETA, 'r-3'));
  assert.is(stranger.body['response'].uid, 'r-3');
  assert.match(stranger.body['response'].result.message, /Gadget of other\.io is not a custom resource of this gateway's Katalog/);
  assert.equal(s.window.summary().pairs.map((p) => `${p.crd} ${p.from}→${p.to} ${p.converted}/${p.failed}`), ['unknown unknown→v1beta1 0/1', 'website v1alpha1→v2 0/1']);
});

const malformed: [string, unknown, number, RegExp][] = [
  ['a body that is not an object', 'just text', 400, /the body is not a JSON object/],
  ['the wrong apiVersion and kind', { ...review([alpha('a')]), apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }, 200, /apiVersion is "admission\.k8s\.io\/v1", expected "apiextensions\.k8s\.io\/v1"; kind is "AdmissionReview", expected "ConversionReview"/],
  ['no request', { apiVersion: 'apiextensions.k8s.io/v1', kind: 'ConversionReview' }, 400, /request is missing/],
  ['objects that is not a list', { ...review([]), request: { uid: 'r-9', desiredAPIVersion: BETA, objects: { a: 1 } } }, 200, /request\.objects is not a list/],
  ['an object that is not an object', review([42]), 200, /an object that is not a mapping/],
];
for (const [name, value, status, message] of malformed) {
  test(`malformed input is answered with a clear failure: ${name}`, () => {
    const s = setup();
    const a = s.answer(value);
    assert.is(a.status, status);
    const text = status === 400 ? (a.body['problems'] as string[]).join('; ') : a.body['response'].result.message as string;
    if (status === 200) assert.is(a.body['response'].result.status, 'Failure');
    assert.match(text, message);
    assert.not.match(JSON.stringify(a.body), /\n\s+at |Error:/, 'no stack');
    assert.equal([s.stats.reviews, s.stats.rejected], [1, 1]);
    assert.is(s.log.lines.filter((l) => l.msg === 'conversion failed').length, 1);
    assert.equal([s.window.summary().reviews, s.window.summary().failedReviews], [1, 1]);
  });
}

test('a body that is not JSON gets 400; a review refused by the budget is counted, not timed', () => {
  const s = setup();
  const unreadable = s.route.answer({ type: 'unreadable', message: 'body is not valid JSON' }) as WebhookReply;
  assert.is(unreadable.status, 400);
  assert.equal(JSON.parse(unreadable.body), { error: 'invalid ConversionReview', problems: ['body is not valid JSON'] });
  const tooLarge = s.route.undecided(undefined, 'too-large');
  assert.is(tooLarge.status, 413);
  const busy = JSON.parse(s.route.undecided('r-5', 'busy').body);
  assert.equal([busy.response.uid, busy.response.result.status], ['r-5', 'Failure']);
  assert.match(busy.response.result.message, /retry/);
  const w = s.window.summary();
  assert.equal([w.reviews, w.failedReviews, w.latencyMs?.timed], [3, 3, 1]);
  assert.is(s.stats.rejected, 3);
});

test('the rolling window follows the reviews: per pair, latency from the clock passed in, size 1 keeps the last', () => {
  const s = setup(2);
  s.answer(review([alpha('a'), alpha('b')]));
  s.answer(review([alpha('c')], ALPHA, 'r-2'));
  s.answer(review([alpha('d'), alpha('e'), alpha('f')], BETA, 'r-3'));
  const w = s.window.summary();
  assert.equal([w.size, w.reviews, w.objects, w.failedObjects, w.failedReviews], [2, 2, 4, 0, 0]);
  // The fake clock moves 2 ms between the two reads around each review.
  assert.equal(w.latencyMs, { timed: 2, p50: 2, p95: 2, p99: 2, max: 2, avg: 2 });
  assert.equal(w.pairs.map((p) => `${p.from}→${p.to} ${p.converted}`), ['v1alpha1→v1alpha1 1', 'v1alpha1→v1beta1 3']);
  assert.equal(w.crds.map((c) => [c.crd, c.reviews, c.objects]), [['website', 2, 4]]);
  // Lifetime counters keep everything.
  assert.equal([s.stats.reviews, s.stats.objects], [3, 6]);
  const one = setup(1);
  one.answer(review([alpha('a'), alpha('b')]));
  one.answer(review([alpha('c'), alpha('plain', { annotations: { website_port: 'x' } })], BETA, 'r-2'));
  assert.equal([one.window.summary().reviews, one.window.summary().objects, one.window.summary().failedObjects, one.window.summary().failedReviews], [1, 2, 1, 1]);
});

test.run();
