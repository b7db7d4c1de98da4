import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseArgs } from './parse-args.ts';

const test = suite('parseArgs');

test('gate and version only', () => {
  assert.equal(parseArgs(['gate']), { type: 'gate' });
  assert.equal(parseArgs(['gate', '-f', 'k.yaml']), { type: 'gate', file: 'k.yaml' });
  assert.equal(parseArgs(['gate', '--filename=k.yaml']), { type: 'gate', file: 'k.yaml' });
  assert.equal(parseArgs(['version']), { type: 'version' });
  assert.is(parseArgs(['run']).type, 'usage-error');
  assert.is(parseArgs(['generate', 'rbac']).type, 'usage-error');
  assert.is(parseArgs(['gate', '-f']).type, 'usage-error');
  assert.is(parseArgs([]).type, 'usage-error');
});

test.run();
