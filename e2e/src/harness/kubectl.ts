import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { controlPlane } from './control-plane.ts';
import { scratchDir } from './scratch.ts';

/** What a kubectl call printed and how it ended. */
export interface KubectlResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of a kubectl call: stdin, a bearer token to act as someone else, a namespace. */
export interface KubectlOptions {
  readonly input?: string;
  readonly token?: string;
  readonly namespace?: string;
}

/** Runs kubectl against the test cluster (admin unless a token is given). */
export function kubectl(args: readonly string[], options: KubectlOptions = {}): KubectlResult {
  const cp = controlPlane();
  const bin = cp.binDir ? join(cp.binDir, 'kubectl') : 'kubectl';
  const extra = options.namespace ? ['-n', options.namespace] : [];
  const r = spawnSync(bin, [...extra, ...args], {
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, KUBECONFIG: options.token ? tokenKubeconfig(cp.kubeconfig, options.token) : cp.kubeconfig },
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') };
}

/** Runs kubectl and throws with its stderr unless it succeeds. */
export function kubectlOk(args: readonly string[], options: KubectlOptions = {}): string {
  const r = kubectl(args, options);
  if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.status}): ${r.stderr.trim()}`);
  return r.stdout;
}

/** Runs kubectl with `-o json` and parses the answer. */
export function kubectlJson<T>(args: readonly string[], options: KubectlOptions = {}): T {
  return JSON.parse(kubectlOk([...args, '-o', 'json'], options)) as T;
}

/** `kubectl ARGS -o json` parsed, or undefined when kubectl fails (the object is not there, yet or any more). */
export function kubectlJsonOrUndefined<T>(args: readonly string[], options: KubectlOptions = {}): T | undefined {
  const r = kubectl([...args, '-o', 'json'], options);
  return r.status === 0 ? (JSON.parse(r.stdout) as T) : undefined;
}

const tokenConfigs = new Map<string, string>();
let tokenDir: string | undefined;

/**
 * A kubeconfig with the test cluster and only this bearer token as credentials, so kubectl acts
 * as the token's ServiceAccount and never falls back to the admin client certificate.
 */
export function tokenKubeconfig(adminKubeconfig: string, token: string): string {
  const cached = tokenConfigs.get(token);
  if (cached) return cached;
  const admin = parse(readFileSync(adminKubeconfig, 'utf8')) as { clusters: { name: string }[]; contexts: { name: string; context: { cluster: string } }[] };
  const cluster = admin.clusters[0]!;
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [cluster],
    users: [{ name: 'token', user: { token } }],
    contexts: [{ name: 'token', context: { cluster: cluster.name, user: 'token' } }],
    'current-context': 'token',
  };
  tokenDir ??= scratchDir('tokens');
  const file = join(tokenDir, `kubeconfig-${tokenConfigs.size}`);
  writeFileSync(file, stringify(config), { mode: 0o600 });
  tokenConfigs.set(token, file);
  return file;
}
