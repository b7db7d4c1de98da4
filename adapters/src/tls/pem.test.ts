import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fromPem, toPem } from './pem.ts';

const test = suite('pem');

test('toPem wraps base64 at 64 columns and fromPem reads it back', () => {
  const der = Uint8Array.from({ length: 100 }, (_, i) => i);
  const pem = toPem('CERTIFICATE', der);
  const lines = pem.trimEnd().split('\n');
  assert.is(lines[0], '-----BEGIN CERTIFICATE-----');
  assert.is(lines.at(-1), '-----END CERTIFICATE-----');
  assert.is(lines[1]?.length, 64);
  assert.equal([...fromPem('CERTIFICATE', pem)!], [...der]);
});

test('fromPem takes the block with the asked label and nothing else', () => {
  const key = toPem('PRIVATE KEY', new Uint8Array([1, 2, 3]));
  const cert = toPem('CERTIFICATE', new Uint8Array([9]));
  assert.equal([...fromPem('PRIVATE KEY', cert + key)!], [1, 2, 3]);
  assert.equal([...fromPem('CERTIFICATE', cert + key)!], [9]);
  assert.is(fromPem('CERTIFICATE', key), undefined);
  assert.is(fromPem('CERTIFICATE', 'garbage'), undefined);
});

test.run();
