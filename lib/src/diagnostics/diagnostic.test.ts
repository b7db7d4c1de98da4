import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostic.ts';

const test = suite('diagnostic');

const at = (line: number, column: number, code = 'ORK1001', severity: Diagnostic['severity'] = 'error'): Diagnostic =>
  ({ code, severity, file: 'k.yaml', line, column, path: '', message: 'm' });

test('hasErrors is false for warnings only', () => {
  assert.is(hasErrors([at(1, 1, 'ORK1305', 'warning')]), false);
  assert.is(hasErrors([at(1, 1, 'ORK1305', 'warning'), at(2, 1)]), true);
});

test('sortDiagnostics orders by position then code', () => {
  const sorted = sortDiagnostics([at(3, 1), at(1, 5, 'ORK1100'), at(1, 5, 'ORK1003'), at(1, 2)]);
  assert.equal(sorted.map((d) => `${d.line}:${d.column}:${d.code}`), ['1:2:ORK1001', '1:5:ORK1003', '1:5:ORK1100', '3:1:ORK1001']);
});

test.run();
