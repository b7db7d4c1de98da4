// The CNCF distribution registry for e2e tests (tools/registry/up): one per test file, on loopback
// with TLS from a test CA and htpasswd basic auth, stopped on every way out; and oras, built from
// its module, as the independent client. Never a fake registry.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './control-plane.ts';

/** A running registry and what a client needs to reach it. */
export interface TestRegistry {
  /** `127.0.0.1:PORT`. */
  readonly host: string;
  /** PEM file of the CA that signed its certificate. */
  readonly ca: string;
  readonly user: string;
  readonly password: string;
  /** A DOCKER_CONFIG directory whose config.json logs in to it. */
  readonly dockerConfig: string;
  /** Holds `oras`. */
  readonly binDir: string;
  readonly stateDir: string;
}

const TOOLS = join(REPO, 'tools/registry');
let current: TestRegistry | undefined;

/** The registry of this test process, started on first use (a cold build of it may take minutes). */
export function testRegistry(): TestRegistry {
  if (current) return current;
  const stateDir = mkdtempSync(join(tmpdir(), 'ork-registry-'));
  const up = spawnSync(join(TOOLS, 'up'), [stateDir], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 60 * 60 * 1000,
    env: { ...process.env, ORK_REGISTRY_WATCH_PID: String(process.pid) },
  });
  if (up.status !== 0) throw new Error(`tools/registry/up failed (exit ${up.status}); see the output above`);
  const env = Object.fromEntries(readFileSync(join(stateDir, 'env'), 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  current = {
    host: env['REGISTRY_HOST']!, ca: env['REGISTRY_CA']!, user: env['REGISTRY_USER']!, password: env['REGISTRY_PASSWORD']!,
    dockerConfig: env['REGISTRY_DOCKER_CONFIG']!, binDir: env['REGISTRY_BIN_DIR']!, stateDir,
  };
  process.once('exit', () => stopRegistry());
  process.stderr.write(`e2e: registry up on https://${current.host} (state ${stateDir})\n`);
  return current;
}

/** Stops and deletes the registry of this process; idempotent. */
export function stopRegistry(): void {
  if (!current) return;
  spawnSync(join(TOOLS, 'down'), [current.stateDir], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 60_000 });
  current = undefined;
}

/** An outage: the registry process stops; its port, storage and users stay for `restartRegistry`. */
export function pauseRegistry(): void {
  const r = spawnSync(join(TOOLS, 'stop'), [testRegistry().stateDir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tools/registry/stop failed: ${r.stderr}`);
}

/** Starts the paused registry again on the same port; returns once it answers. */
export function restartRegistry(): void {
  const r = spawnSync(join(TOOLS, 'start'), [testRegistry().stateDir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tools/registry/start failed: ${r.stderr}`);
}

/**
 * Rotates the registry user's password (a new htpasswd entry, the registry restarted on the same
 * port to read it) and updates the DOCKER_CONFIG the CLI helpers use. Clients holding the old
 * password are refused from then on.
 */
export function rotateRegistryPassword(password: string): void {
  const reg = testRegistry();
  const entry = spawnSync(join(reg.binDir, 'htpasswd'), [reg.user], { input: `${password}\n`, encoding: 'utf8' });
  if (entry.status !== 0) throw new Error(`htpasswd failed: ${entry.stderr}`);
  pauseRegistry();
  writeFileSync(join(reg.stateDir, 'htpasswd'), entry.stdout);
  writeFileSync(join(reg.dockerConfig, 'config.json'), JSON.stringify({ auths: { [reg.host]: { auth: Buffer.from(`${reg.user}:${password}`).toString('base64') } } }));
  restartRegistry();
  current = { ...reg, password };
}

/** Runs `oras <args>` with the registry's credentials and CA. */
export function oras(args: readonly string[], cwd?: string): SpawnSyncReturns<string> {
  const reg = testRegistry();
  return spawnSync(join(reg.binDir, 'oras'), args, {
    encoding: 'utf8', ...(cwd !== undefined ? { cwd } : {}), timeout: 120_000, maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, DOCKER_CONFIG: reg.dockerConfig, HOME: reg.stateDir },
  });
}

/** `oras <args>`, throwing with its output unless it exits 0. */
export function orasOk(args: readonly string[], cwd?: string): string {
  const r = oras(args, cwd);
  if (r.status !== 0) throw new Error(`oras ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** The `ork` CLI with the registry's credentials (DOCKER_CONFIG) and CA; returns the whole result. */
export function orkAt(args: readonly string[], options: { readonly input?: string; readonly cwd?: string; readonly env?: Record<string, string> } = {}): SpawnSyncReturns<string> {
  const reg = testRegistry();
  return spawnSync(process.execPath, [join(REPO, 'apps/cli/bin/ork.js'), ...args], {
    cwd: options.cwd ?? REPO, input: options.input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, DOCKER_CONFIG: reg.dockerConfig, ...options.env },
  });
}

/** `ork <args> --ca-file CA`, throwing unless it exits 0; returns stdout. */
export function orkRegistryOk(args: readonly string[], options: { readonly input?: string; readonly cwd?: string } = {}): string {
  const r = orkAt([...args, '--ca-file', testRegistry().ca], options);
  if (r.status !== 0) throw new Error(`ork ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}
