// A CliIo over an in-memory file system, for command tests.
import type { ReadResult } from '@orkestra/adapters/fs';
import { fakeRegistry, type FakeRegistry } from '@orkestra/lib/testing';
import type { RegistryAccess } from './registry-access.ts';
import type { CliIo, ServerApp } from './io.ts';

/** An in-memory CliIo; `out` and `err` collect what the command printed. */
export interface FakeIo extends CliIo {
  readonly files: Map<string, string>;
  out: string;
  err: string;
  /** What `ork run`/`ork gate`/`ork control` handed over, to which app and with which environment, if it did. */
  handedOff: { readonly app: ServerApp; readonly argv: readonly string[]; readonly env?: Readonly<Record<string, string>> } | undefined;
  /** The one in-memory registry every host resolves to, and the accesses commands opened. */
  readonly fakeRegistry: FakeRegistry;
  readonly accesses: RegistryAccess[];
}

/** Builds a fake CliIo with the given files (paths as the command will see them) and stdin. */
export function fakeIo(files: Record<string, string> = {}, stdin?: string): FakeIo {
  const map = new Map(Object.entries(files));
  const read = (path: string): ReadResult => {
    const text = map.get(path.replace(/^\.\//, ''));
    return text === undefined ? { type: 'missing', message: `${path}: no such file` } : { type: 'ok', text };
  };
  const io: FakeIo = {
    files: map,
    out: '',
    err: '',
    handedOff: undefined,
    fakeRegistry: fakeRegistry(),
    accesses: [],
    registry: (access) => { io.accesses.push(access); return { client: io.fakeRegistry, close: () => undefined }; },
    writeStdout: (bytes) => { io.out += Buffer.from(bytes).toString('utf8'); },
    writeBytes: (path, bytes) => { map.set(path.replace(/^\.\//, ''), Buffer.from(bytes).toString('utf8')); },
    stdout: (t) => { io.out += t; },
    stderr: (t) => { io.err += t; },
    readFile: read,
    readStdin: () => (stdin === undefined ? { type: 'unreadable', message: 'standard input: closed' } : { type: 'ok', text: stdin }),
    writeFile: (path, text) => { map.set(path.replace(/^\.\//, ''), text); },
    exists: (path) => map.has(path.replace(/^\.\//, '')),
    cwd: '/work',
    color: false,
    version: { version: '1.2.3', commit: 'abc123', node: 'v20.20.2', platform: 'linux/x64' },
    handOff: (app, argv, env) => { io.handedOff = { app, argv, ...(env !== undefined ? { env } : {}) }; },
  };
  return io;
}
