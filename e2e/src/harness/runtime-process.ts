import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './control-plane.ts';

/** `ork run` as a child process, with every JSON log line it printed. */
export interface RuntimeProcess {
  readonly child: ChildProcess;
  readonly lines: Record<string, unknown>[];
  readonly stderr: string[];
  readonly exited: Promise<number | null>;
}

/**
 * Starts the runtime on a Katalog with extra environment (KUBECONFIG, ORK_NAMESPACE, timings...).
 * Its HTTP API listens on a free loopback port (several runtimes share the machine): see httpBase.
 */
export function startRuntime(katalog: string, env: Record<string, string>): RuntimeProcess {
  const child = spawn(process.execPath, [join(REPO, 'apps/runtime/dist/main.js'), 'run', '-f', katalog], {
    cwd: REPO,
    env: { ...process.env, ORK_PORT: '0', ORK_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  let rest = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop()!;
    for (const p of parts) if (p.trim()) lines.push(JSON.parse(p) as Record<string, unknown>);
  });
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, stderr, exited };
}

/** Sends SIGTERM and waits for the exit code; SIGKILL and an error if it takes over 20 s. */
export async function stopRuntime(r: RuntimeProcess): Promise<number | null> {
  if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, 20_000, 'timeout').unref());
  const code = await Promise.race([r.exited, timeout]);
  if (code !== 'timeout') return code;
  r.child.kill('SIGKILL');
  throw new Error('the runtime did not stop within 20 s of SIGTERM');
}

/** True when the runtime logged a line with this message. */
export function said(r: RuntimeProcess, msg: string): boolean {
  return r.lines.some((l) => l['msg'] === msg);
}

/** The runtime's HTTP base URL, once it logged `http listening`; throws after `timeoutMs`. */
export async function httpBase(r: RuntimeProcess, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = r.lines.find((l) => l['msg'] === 'http listening');
    if (line) return `http://${String(line['host'])}:${String(line['port'])}`;
    if (r.child.exitCode !== null) throw new Error(`the runtime exited (${r.child.exitCode}) before listening: ${r.stderr.join('')}`);
    if (Date.now() > deadline) throw new Error(`the runtime did not log "http listening" within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
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
