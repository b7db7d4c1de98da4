// The Control Center (apps/control-center, `ork control`) as a child process for e2e and browser
// tests: it watches the runtime URLs given, on a free loopback port, refreshing every second.
import { appHttpBase, startApp, stopApp, type AppProcess } from './app-process.ts';

/** The Control Center as a child process, with every JSON log line it printed. */
export type ControlCenterProcess = AppProcess;

/**
 * Starts `ork-control-center serve` watching `runtimeUrls` (ids r0, r1, ... in this order), with
 * REFRESH_INTERVAL 1s and REQUEST_TIMEOUT 2s unless `env` says otherwise.
 * ORK_E2E_CC_LOG=<dir> keeps its log lines there.
 */
export function startControlCenter(runtimeUrls: readonly string[], env: Record<string, string> = {}): ControlCenterProcess {
  return startApp('apps/control-center/dist/main.js', ['serve'], {
    ORK_PORT: '0', ORK_HOST: '127.0.0.1', ORKESTRA_URLS: runtimeUrls.join(','), REFRESH_INTERVAL: '1s', REQUEST_TIMEOUT: '2s', ...env,
  }, process.env['ORK_E2E_CC_LOG']);
}

/** Sends SIGTERM and waits for the exit code; SIGKILL and an error if it takes over 20 s. */
export function stopControlCenter(cc: ControlCenterProcess): Promise<number | null> {
  return stopApp(cc, 'control center');
}

/** The Control Center's base URL (`http://127.0.0.1:<port>`), once it logged `http listening`. */
export function controlCenterBase(cc: ControlCenterProcess, timeoutMs = 20_000): Promise<string> {
  return appHttpBase(cc, 'control center', timeoutMs);
}

/** Waits until `/readyz` answers 200 (the first poll pass is done) and returns the base URL. */
export async function controlCenterReady(cc: ControlCenterProcess, timeoutMs = 20_000): Promise<string> {
  const base = await controlCenterBase(cc, timeoutMs);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await fetch(`${base}/readyz`).then((r) => r.status, () => 0);
    if (status === 200) return base;
    if (cc.child.exitCode !== null) throw new Error(`the control center exited (${cc.child.exitCode}): ${cc.stderr.join('')}`);
    if (Date.now() > deadline) throw new Error(`the control center was not ready within ${timeoutMs} ms (last /readyz: ${status})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
