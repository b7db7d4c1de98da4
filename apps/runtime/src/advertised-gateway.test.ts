import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Katalog } from '@orkestra/lib';
import { advertisedGateway } from './advertised-gateway.ts';

const test = suite('advertisedGateway');
const katalog = (gateway?: Katalog['gateway']) => ({ ...(gateway ? { gateway } : {}) }) as Katalog;

test('the Katalog gateway.endpoint wins over ORK_GATEWAY_ENDPOINT; enabled: false advertises none', () => {
  assert.is(advertisedGateway(katalog({ enabled: true, standalone: false, endpoint: 'https://gw.example:8443' }), 'https://env:8443'), 'https://gw.example:8443');
  assert.is(advertisedGateway(katalog({ enabled: true, standalone: false }), 'https://env:8443'), 'https://env:8443');
  assert.is(advertisedGateway(katalog(), 'https://env:8443'), 'https://env:8443');
  assert.is(advertisedGateway(katalog(), undefined), undefined);
  assert.is(advertisedGateway(katalog({ enabled: false, standalone: false, endpoint: 'https://gw.example:8443' }), 'https://env:8443'), undefined);
});

test.run();
