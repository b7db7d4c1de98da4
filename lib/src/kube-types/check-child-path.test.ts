import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkChildPath } from './check-child-path.ts';

const test = suite('check-child-path');
const DECLARED = new Set(['deployments', 'jobs', 'configMaps', 'custom']);
const check = (path: string) => checkChildPath(path.split('.'), DECLARED);

test('fields of the kind, with their types', () => {
  assert.equal(check('deployment.status.readyReplicas'), { type: 'ok', read: 'integer' });
  assert.equal(check('deployment.status.conditions'), { type: 'ok', read: 'array' });
  assert.equal(check('deployment.status.conditions.0.status'), { type: 'ok', read: 'string' });
  assert.equal(check('deployment.metadata.labels.app'), { type: 'ok', read: 'string' });
  assert.equal(check('deployment.spec.replicas'), { type: 'ok', read: 'integer' });
  assert.equal(check('jobs.web-build.status.succeeded'), { type: 'ok', read: 'integer' });
  assert.equal(check('configmap.data.greeting'), { type: 'ok', read: 'string' });
  assert.equal(check('deployment.kind'), { type: 'ok', read: 'string' });
  assert.equal(check('jobs'), { type: 'ok', read: 'object' });
  assert.equal(check('deployment.spec.template.spec.containers'), { type: 'ok', read: 'unknown' }, 'two levels deep, then unchecked');
  assert.equal(check('custom.status.anything'), { type: 'ok', read: 'unknown' });
});

test('a typo in a status field names the field and the closest one', () => {
  assert.equal(check('deployment.status.readyReplica'), { type: 'no-field', field: 'deployment.status.readyReplica', hint: 'did you mean readyReplicas?' });
  assert.equal(check('jobs.x.status.suceeded'), { type: 'no-field', field: 'jobs.x.status.suceeded', hint: 'did you mean succeeded?' });
  assert.equal(check('deployment.spex.replicas'), { type: 'no-field', field: 'deployment.spex', hint: 'did you mean spec?' });
  const far = check('job.status.zzzzzzzz');
  assert.is(far.type, 'no-field');
  assert.match(far.type === 'no-field' ? far.hint : '', /^known fields: active, completedIndexes/);
  assert.equal(check('deployment.status.replicas.x'), { type: 'no-field', field: 'deployment.status.replicas.x', hint: 'deployment.status.replicas has no fields below it' });
});

test('an unknown name or a kind the CRD does not declare', () => {
  assert.equal(check('deploymnet.status'), { type: 'unknown-name', name: 'deploymnet', hint: 'did you mean .children.deployment?' });
  assert.equal(check('statefulset.status'), { type: 'undeclared', name: 'statefulset', hint: 'this CRD declares configmap, custom, deployment, job' });
});

test.run();
