import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { servedVersions, storageVersionOf } from './crd-versions.ts';
import type { CrdVersion } from './model.ts';

const test = suite('crd versions');

const version = (name: string, served: boolean, storage: boolean): CrdVersion => ({ name, served, storage, deprecated: false, schemaSource: 'inferred', path: [] });
const crd = (versions?: CrdVersion[]) => ({ version: 'v1', schemaSource: 'inferred' as const, path: ['spec', 'crds', 'w'], ...(versions ? { versions } : {}) });

test('one version when none are listed: served and stored', () => {
  assert.equal(servedVersions(crd()), ['v1']);
  assert.is(storageVersionOf(crd()), 'v1');
});

test('listed versions: only the served ones, in the Katalog order; the stored one apart', () => {
  const c = crd([version('v1alpha1', false, false), version('v1beta1', true, false), version('v1', true, true)]);
  assert.equal(servedVersions(c), ['v1beta1', 'v1']);
  assert.is(storageVersionOf(c), 'v1');
});

test.run();
