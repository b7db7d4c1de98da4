// scripts/bundle.mjs replaces client-node's proxy agents, OIDC client and JSONPath with stand-ins
// that load the real, bundled module on first use (cold start). This checks the stand-ins are
// wired: a kubeconfig with `proxy-url` must send the gateway's first request through the proxy
// (port 1 here, refused), not fail on the stand-in or bypass the proxy.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const test = suite('bundled client-node: lazily loaded dependencies');
const repo = new URL('../../', import.meta.url).pathname;

function kubeconfig(proxyUrl: string): string {
  return [
    'apiVersion: v1', 'kind: Config', 'current-context: x',
    'clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true, proxy-url: "' + proxyUrl + '"}}]',
    'users: [{name: u, user: {token: t}}]', 'contexts: [{name: x, context: {cluster: c, user: u}}]', '',
  ].join('\n');
}

for (const proxy of ['socks5://127.0.0.1:1', 'http://127.0.0.1:1']) {
  test(`the gateway bundle's first request goes through a ${proxy.split(':')[0]} proxy-url`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'ork-lazy-'));
    try {
      writeFileSync(join(dir, 'kubeconfig'), kubeconfig(proxy));
      const r = spawnSync(process.execPath, [`${repo}apps/gateway/dist/ork-gateway.mjs`, 'gate', '-f', `${repo}examples/gateway/katalog.yaml`], {
        encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH, KUBECONFIG: join(dir, 'kubeconfig'), ORK_PORT: '0', ORK_WEBHOOK_PORT: '0' },
      });
      const out = r.stdout + r.stderr;
      assert.is(r.status, 1, out);
      assert.match(out, /cannot read Secret orkestra-system\/orkestra-gateway-tls: connect ECONNREFUSED 127\.0\.0\.1:1\b/);
      assert.not.match(out, /is not a function|is not a constructor|\n\s+at /, 'no stand-in failure, no stack trace');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test.run();
