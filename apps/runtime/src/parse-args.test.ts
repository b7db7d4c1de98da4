import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseArgs } from './parse-args.ts';

const test = suite('parseArgs');

const cases: [string[], ReturnType<typeof parseArgs>][] = [
  [['run'], { type: 'run' }],
  [['run', '-f', 'k.yaml'], { type: 'run', file: 'k.yaml' }],
  [['run', '--filename=k.yaml'], { type: 'run', file: 'k.yaml' }],
  [['version'], { type: 'version' }],
  [[], { type: 'usage-error', message: 'no command given' }],
  [['gate'], { type: 'usage-error', message: 'unknown command "gate"' }],
  [['run', '-f'], { type: 'usage-error', message: '-f needs a file name' }],
  [['run', '--watch'], { type: 'usage-error', message: 'unknown argument "--watch"' }],
];
for (const [argv, want] of cases) test(JSON.stringify(argv), () => assert.equal(parseArgs(argv), want));

test.run();
