import { appHttpBase, startApp, stopApp, type AppProcess } from './app-process.ts';
import { cleanupNamespaces } from './namespace.ts';

/** `ork run` as a child process, with every JSON log line it printed. */
export type RuntimeProcess = AppProcess;

/**
 * Starts the runtime on a Katalog with extra environment (KUBECONFIG, ORK_NAMESPACE, timings...).
 * Its HTTP API listens on a free loopback port (several runtimes share the machine): see httpBase.
 */
export function startRuntime(katalog: string, env: Record<string, string>): RuntimeProcess {
  return startApp('apps/runtime/dist/main.js', ['run', '-f', katalog], { ORK_PORT: '0', ORK_HOST: '127.0.0.1', ...env });
}

/** Sends SIGTERM and waits for the exit code; SIGKILL and an error if it takes over 20 s. */
export function stopRuntime(r: RuntimeProcess): Promise<number | null> {
  return stopApp(r, 'runtime');
}

/** The usual after hook of a runtime file: stop the runtime if it still runs, then delete the file's namespaces, even when the stop fails. */
export async function tearDownRuntime(r: RuntimeProcess | undefined): Promise<void> {
  try {
    if (r) await stopRuntime(r);
  } finally {
    cleanupNamespaces();
  }
}

/** Stops the runtime and checks it ended well: exit 0, a `runtime stopped` line, 0 forbidden requests; returns that line. */
export async function stopRuntimeClean(r: RuntimeProcess): Promise<Record<string, unknown>> {
  const code = await stopRuntime(r);
  if (code !== 0) throw new Error(`the runtime exited ${String(code)}, not 0: ${r.stderr.join('')}`);
  const stopped = r.lines.find((l) => l['msg'] === 'runtime stopped');
  if (!stopped) throw new Error(`no "runtime stopped" line; last lines: ${JSON.stringify(r.lines.slice(-5))}`);
  if (stopped['forbidden'] !== 0) {
    throw new Error(`forbidden: ${String(stopped['forbidden'])}, expected 0: ${JSON.stringify(r.lines.filter((l) => /forbidden|403/.test(JSON.stringify(l))).slice(0, 3))}`);
  }
  return stopped;
}

/** True when the runtime logged a line with this message. */
export function said(r: RuntimeProcess, msg: string): boolean {
  return r.lines.some((l) => l['msg'] === msg);
}

/** The runtime's HTTP base URL, once it logged `http listening`; throws after `timeoutMs`. */
export function httpBase(r: RuntimeProcess, timeoutMs = 20_000): Promise<string> {
  return appHttpBase(r, 'runtime', timeoutMs);
}

/**
 * Kills the runtime with SIGKILL, as a crashed node or an OOM kill would: no shutdown, no Lease
 * release. Resolves with the signal that ended it once the process is gone.
 */
export async function killRuntime(r: RuntimeProcess): Promise<NodeJS.Signals | null> {
  if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
  await r.exited;
  return r.child.signalCode;
}

/** When the runtime logged its first line with this message (epoch ms, from the line's own `time`), if it did. */
export function saidAtMs(r: RuntimeProcess, msg: string): number | undefined {
  const line = r.lines.find((l) => l['msg'] === msg);
  return line && typeof line['time'] === 'string' ? Date.parse(line['time']) : undefined;
}
