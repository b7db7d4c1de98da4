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
