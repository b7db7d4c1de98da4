import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './control-plane.ts';

/** `ork gate` (apps/gateway) as a child process, with every JSON log line it printed. */
export interface GatewayProcess {
  readonly child: ChildProcess;
  readonly lines: Record<string, unknown>[];
  readonly stderr: string[];
  readonly exited: Promise<number | null>;
}

/**
 * Starts the gateway on a Katalog with extra environment (KUBECONFIG, ORK_NAMESPACE...). Both
 * servers listen on free loopback ports, so the API server calls `https://127.0.0.1:<port>`.
 */
export function startGateway(katalog: string, env: Record<string, string>): GatewayProcess {
  const child = spawn(process.execPath, [join(REPO, 'apps/gateway/dist/main.js'), 'gate', '-f', katalog], {
    cwd: REPO,
    env: {
      ...process.env, ORK_PORT: '0', ORK_HOST: '127.0.0.1', ORK_WEBHOOK_PORT: '0', ORK_WEBHOOK_HOST: '127.0.0.1',
      HOUSEKEEPER_SYNC_INTERVAL: '2s', ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  let rest = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop()!;
    for (const p of parts) {
      if (!p.trim()) continue;
      try {
        lines.push(JSON.parse(p) as Record<string, unknown>);
      } catch {
        stderr.push(`(stdout, not JSON) ${p}\n`);
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    // ORK_E2E_GATEWAY_LOG=<dir>: keep each gateway's log lines for a post-mortem.
    const dir = process.env['ORK_E2E_GATEWAY_LOG'];
    if (dir) appendFileSync(join(dir, `gateway-${child.pid}.log`), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n${stderr.join('')}`);
    resolve(code);
  }));
  return { child, lines, stderr, exited };
}

/** Sends SIGTERM and waits for the exit code; SIGKILL and an error if it takes over 20 s. */
export async function stopGateway(g: GatewayProcess): Promise<number | null> {
  if (g.child.exitCode === null && g.child.signalCode === null) g.child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, 20_000, 'timeout').unref());
  const code = await Promise.race([g.exited, timeout]);
  if (code !== 'timeout') return code;
  g.child.kill('SIGKILL');
  throw new Error('the gateway did not stop within 20 s of SIGTERM');
}

/** The log lines with this message. */
export function linesOf(g: GatewayProcess, msg: string): Record<string, unknown>[] {
  return g.lines.filter((l) => l['msg'] === msg);
}

/** The gateway's HTTP base URL, once it logged `http listening`; throws after `timeoutMs`. */
export async function gatewayHttpBase(g: GatewayProcess, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = linesOf(g, 'http listening')[0];
    if (line) return `http://${String(line['host'])}:${String(line['port'])}`;
    if (g.child.exitCode !== null) throw new Error(`the gateway exited (${g.child.exitCode}) before listening: ${g.stderr.join('')}`);
    if (Date.now() > deadline) throw new Error(`the gateway did not log "http listening" within ${timeoutMs} ms: ${g.stderr.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until `/readyz` answers 200: certificates loaded and both configurations applied. */
export async function gatewayReady(g: GatewayProcess, timeoutMs = 30_000): Promise<string> {
  const base = await gatewayHttpBase(g, timeoutMs);
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const res = await fetch(`${base}/readyz`).catch((err: unknown) => ({ status: 0, text: async () => String(err) }));
    if (res.status === 200) return base;
    last = `${res.status} ${(await res.text()).slice(0, 300)}`;
    if (g.child.exitCode !== null) throw new Error(`the gateway exited (${g.child.exitCode}): ${g.stderr.join('')}`);
    if (Date.now() > deadline) throw new Error(`the gateway was not ready within ${timeoutMs} ms; last /readyz: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The `gateway stopped` summary line (after stopGateway), which counts the RBAC denials it met. */
export function stoppedLine(g: GatewayProcess): Record<string, unknown> | undefined {
  return linesOf(g, 'gateway stopped')[0];
}
