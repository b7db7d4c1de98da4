import { appHttpBase, startApp, stopApp, type AppProcess } from './app-process.ts';

/** `ork gate` (apps/gateway) as a child process, with every JSON log line it printed. */
export type GatewayProcess = AppProcess;

/**
 * Starts the gateway on a Katalog with extra environment (KUBECONFIG, ORK_NAMESPACE...). Both
 * servers listen on free loopback ports, so the API server calls `https://127.0.0.1:<port>`.
 * ORK_E2E_GATEWAY_LOG=<dir> keeps each gateway's log lines there.
 */
export function startGateway(katalog: string, env: Record<string, string>): GatewayProcess {
  return startApp('apps/gateway/dist/main.js', ['gate', '-f', katalog], {
    ORK_PORT: '0', ORK_HOST: '127.0.0.1', ORK_WEBHOOK_PORT: '0', ORK_WEBHOOK_HOST: '127.0.0.1', HOUSEKEEPER_SYNC_INTERVAL: '2s', ...env,
  }, process.env['ORK_E2E_GATEWAY_LOG']);
}

/** Sends SIGTERM and waits for the exit code; SIGKILL and an error if it takes over 20 s. */
export function stopGateway(g: GatewayProcess): Promise<number | null> {
  return stopApp(g, 'gateway');
}

/** The log lines with this message. */
export function linesOf(g: GatewayProcess, msg: string): Record<string, unknown>[] {
  return g.lines.filter((l) => l['msg'] === msg);
}

/** The gateway's HTTP base URL, once it logged `http listening`; throws after `timeoutMs`. */
export function gatewayHttpBase(g: GatewayProcess, timeoutMs = 30_000): Promise<string> {
  return appHttpBase(g, 'gateway', timeoutMs);
}

/**
 * Waits until `/readyz` answers 200: certificates loaded and both configurations applied. A
 * gateway that does not get there is stopped before the error is thrown, so a failed test leaves
 * no process behind for the run to wait on (a test that starts another gateway forgets this one).
 */
export async function gatewayReady(g: GatewayProcess, timeoutMs = 30_000): Promise<string> {
  try {
    return await waitReady(g, timeoutMs);
  } catch (err) {
    await stopGateway(g).catch(() => undefined);
    throw err;
  }
}

async function waitReady(g: GatewayProcess, timeoutMs: number): Promise<string> {
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

/**
 * Stops it and checks what every gateway e2e ends on: exit 0, a `gateway stopped` line (echoed to
 * the run's stderr, so the counts are in the log) and no request of its own denied by RBAC.
 */
export async function stopGatewayClean(g: GatewayProcess): Promise<Record<string, unknown>> {
  const code = await stopGateway(g);
  if (code !== 0) throw new Error(`the gateway exited ${String(code)}, not 0: ${g.stderr.join('')}`);
  const stopped = stoppedLine(g);
  if (!stopped) throw new Error(`no "gateway stopped" line: ${g.stderr.join('')}`);
  process.stderr.write(`  gateway stopped: ${JSON.stringify(stopped)}\n`);
  if (stopped['forbidden'] !== 0) throw new Error(`forbidden: ${String(stopped['forbidden'])}, expected 0: ${g.stderr.join('')}`);
  return stopped;
}

/** For a gateway suite's before hook, whose error uvu swallows: says what failed, with the gateway's last words, and rethrows. */
export function reportSetupFailure(g: GatewayProcess | undefined, err: unknown): never {
  const last = g ? g.lines.slice(-5).map((l) => JSON.stringify(l)).join('\n    ') : '(no gateway)';
  process.stderr.write(`  setup failed: ${err instanceof Error ? err.message : String(err)}\n    ${last}\n`);
  throw err;
}
