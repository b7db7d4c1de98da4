import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CA_PROPAGATION_MS, CLOCK_SKEW_MS, type CertFacts, type CertRotationPolicy } from './cert-facts.ts';
import { checkProvidedCertificate } from './check-provided-certificate.ts';
import { planCertificates, type CertAction, type CertState } from './plan-certificates.ts';
import { servingSans } from './serving-sans.ts';

const test = suite('plan-certificates');
const T0 = Date.UTC(2026, 10, 24, 0, 0, 0);
const MIN = 60_000;
const SANS = servingSans({ namespace: 'orkestra-system' });
// The e2e rotation policy: 3 minutes of validity, rotate with 2 minutes left.
const POLICY: CertRotationPolicy = { validForMs: 3 * MIN, rotationThresholdMs: 2 * MIN, algorithm: 'ECDSA-P256', autoRotate: true, sans: SANS };

const ca = (fp: string, fromMs: number): CertFacts => ({ fingerprint: fp, notBeforeMs: fromMs - CLOCK_SKEW_MS, notAfterMs: fromMs + 3 * MIN });
const serving = (issuer: CertFacts, fromMs: number, sans = SANS): CertFacts => ({ fingerprint: `s-${issuer.fingerprint}`, notBeforeMs: fromMs - CLOCK_SKEW_MS, notAfterMs: issuer.notAfterMs, sans, issuerFingerprint: issuer.fingerprint });
const types = (actions: readonly CertAction[]) => actions.map((a) => `${a.type}:${a.reason}`);

test('servingSans: the four Service names, plus loopback for local runs', () => {
  assert.equal(SANS, ['orkestra-gateway', 'orkestra-gateway.orkestra-system', 'orkestra-gateway.orkestra-system.svc', 'orkestra-gateway.orkestra-system.svc.cluster.local']);
  assert.equal(servingSans({ service: 'gw', namespace: 'x', clusterDomain: 'corp.local', local: true }).slice(3), ['gw.x.svc.corp.local', 'localhost', '127.0.0.1']);
});

test('first start: CA, bundle, serving certificate in one pass, with exact validity', () => {
  const plan = planCertificates(T0, { caBundle: [] }, POLICY);
  assert.equal(plan.actions, [
    { type: 'generate-ca', reason: 'missing', algorithm: 'ECDSA-P256', notBeforeMs: T0 - CLOCK_SKEW_MS, notAfterMs: T0 + 3 * MIN },
    { type: 'set-ca-bundle', reason: 'new-ca', keep: [], addNewCa: true },
    { type: 'issue-serving', reason: 'missing', algorithm: 'ECDSA-P256', notBeforeMs: T0 - CLOCK_SKEW_MS, notAfterMs: T0 + 3 * MIN, sans: SANS },
  ]);
  assert.is(plan.recheckAtMs, T0 + MIN, 'next look when the threshold is reached');
});

test('a rotation overlaps: new CA joins the bundle, the serving certificate switches after propagation, the old CA leaves when it expires', () => {
  const ca1 = ca('ca1', T0);
  const s1 = serving(ca1, T0);
  const steady: CertState = { ca: ca1, serving: s1, caBundle: [ca1], caBundleChangedMs: T0 };
  assert.equal(planCertificates(T0 + 30_000, steady, POLICY), { actions: [], recheckAtMs: T0 + MIN });

  // t = 1 min: both reach the threshold; a new CA is made and published beside the old one.
  const t1 = T0 + MIN;
  const p1 = planCertificates(t1, steady, POLICY);
  assert.equal(types(p1.actions), ['generate-ca:expiring', 'set-ca-bundle:new-ca']);
  assert.equal(p1.actions[1], { type: 'set-ca-bundle', reason: 'new-ca', keep: ['ca1'], addNewCa: true });
  assert.is(p1.recheckAtMs, t1 + CA_PROPAGATION_MS);

  // The adapter executed it: the Secret holds ca2, the webhooks trust ca1 and ca2, s1 is still served.
  const ca2 = ca('ca2', t1);
  const rotating: CertState = { ca: ca2, serving: s1, caBundle: [ca1, ca2], caBundleChangedMs: t1 };
  const early = planCertificates(t1 + CA_PROPAGATION_MS - 1, rotating, POLICY);
  assert.equal(early, { actions: [], recheckAtMs: t1 + CA_PROPAGATION_MS }, 'no switch before the bundle has propagated');

  const t2 = t1 + CA_PROPAGATION_MS;
  const p2 = planCertificates(t2, rotating, POLICY);
  assert.equal(p2.actions, [{ type: 'issue-serving', reason: 'new-ca', algorithm: 'ECDSA-P256', notBeforeMs: t2 - CLOCK_SKEW_MS, notAfterMs: ca2.notAfterMs, sans: SANS }], 'capped at the CA notAfter');

  // ca1 stays trusted while s1 may still be served somewhere, and leaves once expired.
  const switched: CertState = { ca: ca2, serving: { ...serving(ca2, t2) }, caBundle: [ca1, ca2], caBundleChangedMs: t1 };
  assert.equal(planCertificates(t2 + 1000, switched, POLICY).actions, []);
  assert.equal(planCertificates(t2 + 1000, switched, POLICY).recheckAtMs, t1 + MIN, 'next: the threshold of ca2');
  const afterExpiry = planCertificates(ca1.notAfterMs, switched, { ...POLICY, rotationThresholdMs: 30_000 });
  assert.equal(afterExpiry.actions, [{ type: 'set-ca-bundle', reason: 'drop-expired', keep: ['ca2'], addNewCa: false }]);
  // With the 3m/2m policy ca2 is itself due by then: the next rotation starts and ca1 still leaves.
  assert.equal(planCertificates(ca1.notAfterMs, switched, POLICY).actions[1], { type: 'set-ca-bundle', reason: 'new-ca', keep: ['ca2'], addNewCa: true });
});

const cases: [string, number, CertState, CertRotationPolicy, string[]][] = [
  ['an unknown bundle publication time counts as settled', T0 + 70_000, { ca: ca('ca2', T0 + 60_000), serving: serving(ca('ca1', T0), T0), caBundle: [ca('ca1', T0), ca('ca2', T0 + 60_000)] }, POLICY, ['issue-serving:new-ca']],
  ['a lost Secret: new CA and serving at once, the published CA kept', T0 + 30_000, { caBundle: [ca('ca1', T0)] }, POLICY, ['generate-ca:missing', 'set-ca-bundle:new-ca', 'issue-serving:missing']],
  ['the signing CA missing from the published bundle is added', T0 + 30_000, { ca: ca('ca1', T0), serving: serving(ca('ca1', T0), T0), caBundle: [] }, POLICY, ['set-ca-bundle:ca-not-published']],
  ['changed SANs reissue from the same CA', T0 + 30_000, { ca: ca('ca1', T0), serving: serving(ca('ca1', T0), T0, ['old']), caBundle: [ca('ca1', T0)], caBundleChangedMs: T0 }, POLICY, ['issue-serving:sans-changed']],
  ['an expired serving certificate is replaced at once', T0 + 3 * MIN + 1, { ca: ca('ca1', T0), serving: serving(ca('ca1', T0), T0), caBundle: [ca('ca1', T0)], caBundleChangedMs: T0 }, POLICY, ['generate-ca:expiring', 'set-ca-bundle:new-ca', 'issue-serving:new-ca']],
  ['autoRotate false: nothing is replaced before it expires', T0 + 2 * MIN, { ca: ca('ca1', T0), serving: serving(ca('ca1', T0), T0), caBundle: [ca('ca1', T0)], caBundleChangedMs: T0 }, { ...POLICY, autoRotate: false }, []],
];
for (const [name, nowMs, state, policy, expected] of cases) {
  test(name, () => assert.equal(types(planCertificates(nowMs, state, policy).actions), expected));
}

test('with the defaults (2y, 30d) the next check is 30 days before expiry', () => {
  const DAY = 86_400_000;
  const policy = { ...POLICY, validForMs: 730 * DAY, rotationThresholdMs: 30 * DAY };
  const c: CertFacts = { fingerprint: 'c', notBeforeMs: T0, notAfterMs: T0 + 730 * DAY };
  const s: CertFacts = { ...c, fingerprint: 's', sans: SANS, issuerFingerprint: 'c' };
  assert.equal(planCertificates(T0 + DAY, { ca: c, serving: s, caBundle: [c] }, policy), { actions: [], recheckAtMs: T0 + 700 * DAY });
});

const provided: [string, number, CertFacts, string[]][] = [
  ['valid with the Service name', T0, { fingerprint: 'p', notBeforeMs: T0 - MIN, notAfterMs: T0 + 90 * 86_400_000, sans: ['*.orkestra-system.svc'] }, []],
  ['missing the Service name', T0, { fingerprint: 'p', notBeforeMs: T0 - MIN, notAfterMs: T0 + 90 * 86_400_000, sans: ['orkestra-gateway'] }, ['missing-san:error']],
  ['expiring soon', T0, { fingerprint: 'p', notBeforeMs: T0 - MIN, notAfterMs: T0 + 86_400_000, sans: ['orkestra-gateway.orkestra-system.svc'] }, ['expiring:warning']],
  ['expired and without SANs', T0, { fingerprint: 'p', notBeforeMs: T0 - 2 * MIN, notAfterMs: T0 - MIN }, ['missing-san:error', 'expired:error']],
  ['not yet valid', T0, { fingerprint: 'p', notBeforeMs: T0 + MIN, notAfterMs: T0 + 2 * MIN, sans: ['orkestra-gateway.orkestra-system.svc'] }, ['not-yet-valid:error']],
];
for (const [name, nowMs, cert, expected] of provided) {
  test(`checkProvidedCertificate: ${name}`, () => {
    const problems = checkProvidedCertificate(nowMs, cert, ['orkestra-gateway.orkestra-system.svc'], 30 * 86_400_000);
    assert.equal(problems.map((p) => `${p.type}:${p.severity}`), expected);
  });
}

test('checkProvidedCertificate: messages say what to do', () => {
  const [p] = checkProvidedCertificate(T0, { fingerprint: 'p', notBeforeMs: T0 - 2 * MIN, notAfterMs: T0 - MIN, sans: ['127.0.0.1'] }, [], 0);
  assert.is(p!.message, 'TLS_CERT expired 1m ago; replace it (the gateway never rotates a certificate it was given).');
});

test.run();
