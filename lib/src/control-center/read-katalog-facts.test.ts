import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { retryForLeader } from './prefer-leader.ts';
import { readKatalogFacts } from './read-katalog-facts.ts';

const test = suite('readKatalogFacts, retryForLeader');

const crd = { name: 'website', enabled: true, state: 'healthy', resourceCount: 1, queueDepth: 0, totalReconciles: 3, errorRate: 0, extra: 'kept in the body' };

test('reads a runtime /katalog body; unknown fields are allowed', () => {
  const r = readKatalogFacts({ name: 'k', isLeader: true, ready: true, gatewayEndpoint: 'http://gw:8080', crds: [{ ...crd, workers: 2 }] });
  assert.equal(r, {
    type: 'ok',
    facts: { isLeader: true, ready: true, gatewayEndpoint: 'http://gw:8080', crds: [{ name: 'website', enabled: true, state: 'healthy', resourceCount: 1, queueDepth: 0, totalReconciles: 3, errorRate: 0, workers: 2 }] },
  });
});

// Issue 12, finding 10: `"gatewayEndpoint": "orkestra-gateway:8080"` made the poller throw ERR_INVALID_PROTOCOL and the Control Center exit.
const endpoints: [string, string | undefined, string | undefined][] = [
  ['orkestra-gateway:8080', 'orkestra-gateway:8080', 'gatewayEndpoint "orkestra-gateway:8080" is not a URL (want http://host:port, e.g. http://orkestra-runtime:8080)'],
  ['ftp://gw:21', 'ftp://gw:21', 'gatewayEndpoint "ftp://gw:21" must be an http:// or https:// URL'],
  ['http://user:pw@gw:8080', 'http://user:pw@gw:8080', 'gatewayEndpoint "http://user:pw@gw:8080" must not carry credentials (the URL is shown in the UI)'],
  ['http://gw:8080/', 'http://gw:8080/', undefined],
  ['', undefined, undefined],
];
for (const [given, endpoint, problem] of endpoints) {
  test(`gatewayEndpoint ${JSON.stringify(given)}: ${problem ?? 'usable'}`, () => {
    const r = readKatalogFacts({ isLeader: true, ready: true, gatewayEndpoint: given, crds: [] });
    assert.is(r.type, 'ok', 'the runtime itself is still read');
    assert.is(r.type === 'ok' ? r.facts.gatewayEndpoint : 'x', endpoint);
    assert.is(r.type === 'ok' ? r.facts.gatewayEndpointProblem : 'x', problem);
  });
}

const bad: [string, unknown, RegExp][] = [
  ['not an object', 'hello', /^not an Orkestra runtime's \/katalog answer: /],
  ['no leader flag', { ready: true, crds: [] }, /\(isLeader: /],
  ['a CRD without counters', { isLeader: true, ready: true, crds: [{ name: 'x' }] }, /\(crds\.0\.enabled: /],
  ['a negative queue', { isLeader: true, ready: true, crds: [{ ...crd, queueDepth: -1 }] }, /\(crds\.0\.queueDepth: /],
];
for (const [name, body, message] of bad) {
  test(`refuses ${name} in one line`, () => {
    const r = readKatalogFacts(body);
    assert.is(r.type, 'error');
    assert.match(r.type === 'error' ? r.message : '', message);
  });
}

const retries: [boolean | undefined, number, boolean][] = [
  [false, 1, true], [false, 2, true], [false, 3, false], [true, 1, false], [undefined, 1, false],
];
for (const [isLeader, attempt, want] of retries) {
  test(`retryForLeader(${isLeader}, ${attempt}) is ${want}`, () => assert.is(retryForLeader(isLeader, attempt), want));
}

test.run();
