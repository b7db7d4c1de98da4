// Issue 12, finding 9: a Katalog nested 10,000 levels deep in flow style crashed `ork run` and
// `ork gate` with an uncaught RangeError and a stack trace (a ConfigMap like that crash-looped the
// runtime). Both built servers now refuse it with one positioned line and exit 2, before they load
// a kubeconfig, so no control plane is needed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO } from './harness/control-plane.ts';

const test = suite('servers: a Katalog nested 10,000 levels deep');
const SERVERS = [
  { name: 'ork-runtime', main: 'apps/runtime/dist/main.js', command: 'run' },
  { name: 'ork-gateway', main: 'apps/gateway/dist/main.js', command: 'gate' },
];
const dir = mkdtempSync(join(tmpdir(), 'ork-deep-'));
const file = join(dir, 'deep.yaml');
writeFileSync(file, `apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: deep}\nspec: {crds: {a: ${'['.repeat(10_000)}${']'.repeat(10_000)}}}\n`);

for (const server of SERVERS) {
  test(`${server.name} ${server.command}: one positioned ORK1012 line, exit 2, no stack trace`, () => {
    const r = spawnSync(process.execPath, [join(REPO, server.main), server.command, '-f', file], {
      cwd: REPO, encoding: 'utf8', timeout: 60_000,
      env: { PATH: process.env['PATH'] ?? '', KUBECONFIG: '/nonexistent/kubeconfig' },
    });
    assert.is(r.status, 2, `exit code; stderr: ${r.stderr}`);
    const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
    assert.equal(lines, [`${server.name}: ${file}:4:115: ORK1012 mappings and sequences are nested more than 100 levels deep here`]);
    assert.not.match(r.stderr, /RangeError|\n\s+at /);
  });
}

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
