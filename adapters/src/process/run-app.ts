import type { Katalog } from '@orkestra/lib';
import { loadKatalogFile } from './load-katalog-file.ts';
import { appUsage, parseAppArgs } from './parse-app-args.ts';

/** A server app's composition root seen from its command line, whether or not it reads a Katalog. */
interface AppBasics<C> {
  /** Program name in messages (`ork-runtime`). */
  readonly program: string;
  /** The one command that serves. */
  readonly verb: string;
  readonly version: string;
  readonly parseConfig: (env: Readonly<Record<string, string | undefined>>) => { readonly type: 'ok'; readonly config: C } | { readonly type: 'error'; readonly message: string };
  /** Prints one `program: message` line and sets exit code 2. */
  readonly exit2: (message: string) => void;
}

/** A Katalog-driven server app (runtime: `run`, gateway: `gate`). */
export interface AppSpec<C extends { readonly katalogPath?: string }> extends AppBasics<C> {
  readonly serve: (config: C, katalog: Katalog) => Promise<void>;
  /** Serves without a file when the configuration names the Katalog elsewhere (the runtime's registry, issue 19). */
  readonly serveRemote?: (config: C) => (() => Promise<void>) | undefined;
}

/** A server app that reads no Katalog (the control center: `serve`). */
export interface PlainAppSpec<C> extends AppBasics<C> {
  readonly serve: (config: C) => Promise<void>;
}

/**
 * The start every server app shares: arguments, `version`, configuration from the environment,
 * the Katalog from -f or KATALOG_PATH; any problem is one line and exit 2, before any I/O with
 * the cluster. Then `serve`.
 */
export async function runApp<C extends { readonly katalogPath?: string }>(argv: readonly string[], env: Readonly<Record<string, string | undefined>>,
                                                                          out: (text: string) => void, spec: AppSpec<C>): Promise<void> {
  const started = start(argv, env, out, spec, true);
  if (started === undefined) return;
  const remote = spec.serveRemote?.(started.config);
  if (remote && started.file !== undefined) return spec.exit2('-f and a registry Katalog (ORK_REGISTRY_URL) are both given: the Katalog comes from one place');
  if (remote) return remote();
  const file = started.file ?? started.config.katalogPath;
  if (file === undefined) return spec.exit2('no Katalog: pass -f FILE or set KATALOG_PATH');
  const loaded = loadKatalogFile(file);
  if (loaded.type === 'error') return spec.exit2(loaded.message);
  await spec.serve(started.config, loaded.katalog);
}

/** runApp for an app without a Katalog: `-f` is a usage error, the rest is the same. */
export async function runPlainApp<C>(argv: readonly string[], env: Readonly<Record<string, string | undefined>>,
                                     out: (text: string) => void, spec: PlainAppSpec<C>): Promise<void> {
  const started = start(argv, env, out, spec, false);
  if (started !== undefined) await spec.serve(started.config);
}

/** Arguments, `version` and configuration; undefined once it printed the version or an exit-2 line. */
function start<C>(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, out: (text: string) => void,
                  spec: AppBasics<C>, takesFile: boolean): { readonly config: C; readonly file?: string } | undefined {
  const command = parseAppArgs(argv, spec.verb, takesFile);
  if (command.type === 'usage-error') return void spec.exit2(`${command.message}\n${appUsage(spec.program, spec.verb, takesFile)}`);
  if (command.type === 'version') return void out(`${spec.program} ${spec.version} (node ${process.version})\n`);
  const configured = spec.parseConfig(env);
  if (configured.type === 'error') return void spec.exit2(configured.message);
  return { config: configured.config, ...(command.file !== undefined ? { file: command.file } : {}) };
}
