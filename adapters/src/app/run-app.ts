import type { Katalog } from '@orkestra/lib';
import { loadKatalogFile } from './load-katalog-file.ts';
import { appUsage, parseAppArgs } from './parse-app-args.ts';

/** A server app's composition root, seen from its command line (runtime: `run`, gateway: `gate`). */
export interface AppSpec<C extends { readonly katalogPath?: string }> {
  /** Program name in messages (`ork-runtime`). */
  readonly program: string;
  /** The one command that serves. */
  readonly verb: string;
  readonly version: string;
  readonly parseConfig: (env: Readonly<Record<string, string | undefined>>) => { readonly type: 'ok'; readonly config: C } | { readonly type: 'error'; readonly message: string };
  readonly serve: (config: C, katalog: Katalog) => Promise<void>;
  /** Prints one `program: message` line and sets exit code 2. */
  readonly exit2: (message: string) => void;
}

/**
 * The start every server app shares: arguments, `version`, configuration from the environment,
 * the Katalog from -f or KATALOG_PATH; any problem is one line and exit 2, before any I/O with
 * the cluster. Then `serve`.
 */
export async function runApp<C extends { readonly katalogPath?: string }>(argv: readonly string[], env: Readonly<Record<string, string | undefined>>,
                                                                          out: (text: string) => void, spec: AppSpec<C>): Promise<void> {
  const command = parseAppArgs(argv, spec.verb);
  if (command.type === 'usage-error') return spec.exit2(`${command.message}\n${appUsage(spec.program, spec.verb)}`);
  if (command.type === 'version') return out(`${spec.program} ${spec.version} (node ${process.version})\n`);
  const configured = spec.parseConfig(env);
  if (configured.type === 'error') return spec.exit2(configured.message);
  const file = command.file ?? configured.config.katalogPath;
  if (file === undefined) return spec.exit2('no Katalog: pass -f FILE or set KATALOG_PATH');
  const loaded = loadKatalogFile(file);
  if (loaded.type === 'error') return spec.exit2(loaded.message);
  await spec.serve(configured.config, loaded.katalog);
}
