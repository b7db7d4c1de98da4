import type { ReadResult } from '@orkestra/adapters/fs';
import type { OpenedRegistry, RegistryAccess } from './registry-access.ts';

/** Everything a command may touch outside itself; main.ts builds it from the process, tests fake it. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => ReadResult;
  readonly readStdin: () => ReadResult;
  readonly writeFile: (path: string, text: string) => void;
  readonly exists: (path: string) => boolean;
  readonly cwd: string;
  /** Colour diagnostics (stderr is a TTY and NO_COLOR is unset). */
  readonly color: boolean;
  readonly version: VersionInfo;
  /**
   * Hands the process over to a server app (`ork run`, `ork gate`, `ork control`) once the command
   * returns; main.ts sets `env` over the environment and loads it.
   */
  readonly handOff: (app: ServerApp, argv: readonly string[], env?: Readonly<Record<string, string>>) => void;
  // OCI registries (issue 19): `ork push`, `ork pull`, `-f oci://...`.
  /** A registry client for one host; main.ts builds it over HTTP with Docker config credentials. */
  readonly registry: (access: RegistryAccess) => OpenedRegistry;
  /** Writes bytes to stdout unchanged (a pulled layer). */
  readonly writeStdout: (bytes: Uint8Array) => void;
  /** Writes bytes to a file atomically. */
  readonly writeBytes: (path: string, bytes: Uint8Array) => void;
}

/** The apps `ork` can hand over to, each its own bundle. */
export type ServerApp = 'runtime' | 'gateway' | 'control-center';

/** What `ork version` reports. */
export interface VersionInfo {
  readonly version: string;
  readonly commit: string;
  readonly node: string;
  readonly platform: string;
}

/** Exit codes, kubectl-style: 0 ok, 1 invalid input, 2 usage or configuration error. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A usage or configuration problem: printed as one line plus a hint, exit 2. */
export class UsageError extends Error {
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'UsageError';
    this.hint = hint;
  }
}
