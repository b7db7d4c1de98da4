// The composition root of the developer CLI: the only file here that touches process. `ork run`,
// `ork gate` and `ork control` hand the process to the runtime's, the gateway's or the Control
// Center's bundle, loaded only then (the other commands never pay for them).
import { existsSync, readFileSync } from 'node:fs';
import { readStdin, readTextFile, writeFileAtomic } from '@orkestra/adapters/fs';
import { dockerConfigPath, findCredentials, registryHttpClient } from '@orkestra/adapters/oci';
import { platformInfo } from '@orkestra/adapters/system';
import { COMMANDS } from './commands/index.ts';
import type { CliIo, ServerApp } from './io.ts';
import { runCli } from './run-cli.ts';

const build = readBuildInfo();
const platform = platformInfo();
let handedOff: { readonly app: ServerApp; readonly argv: readonly string[]; readonly env: Readonly<Record<string, string>> } | undefined;
const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readTextFile(path),
  readStdin,
  writeFile: (path, text) => writeFileAtomic(path, text, process.pid),
  exists: (path) => existsSync(path),
  cwd: process.cwd(),
  color: Boolean(process.stderr.isTTY) && !process.env['NO_COLOR'],
  version: { version: build.version, commit: build.commit, node: platform.node, platform: platform.platform },
  handOff: (app, argv, env = {}) => {
    handedOff = { app, argv, env };
  },
  registry: (access) => {
    const config = access.configFile ?? dockerConfigPath(process.env);
    const client = registryHttpClient({
      host: access.host, plainHttp: access.plainHttp, ...(access.ca !== undefined ? { ca: access.ca } : {}),
      credentials: () => findCredentials(config, access.host),
    });
    return { client, close: () => client.close() };
  },
  writeStdout: (bytes) => process.stdout.write(bytes),
  writeBytes: (path, bytes) => writeFileAtomic(path, bytes, process.pid),
};

try {
  process.exitCode = await runCli(process.argv.slice(2), COMMANDS, io);
} catch (err) {
  // Bad input never lands here (runCli turns it into diagnostics or usage errors): this is a bug.
  process.stderr.write(`ork: internal error: ${err instanceof Error ? err.message : String(err)}\n    hint: this is a bug in ork; please report it with the command you ran\n`);
  if (process.env['ORK_DEBUG']) process.stderr.write(`${(err as Error).stack}\n`);
  process.exitCode = 2;
}

if (handedOff !== undefined && process.exitCode === 0) {
  // The apps read their configuration from the environment; flags of `ork control` arrive this way.
  Object.assign(process.env, handedOff.env);
  const { main } = handedOff.app === 'runtime' ? await import('@orkestra/runtime/bundle')
    : handedOff.app === 'gateway' ? await import('@orkestra/gateway/bundle')
    : await import('@orkestra/control-center/bundle');
  await main(handedOff.argv);
}

function readBuildInfo(): { version: string; commit: string } {
  try {
    return JSON.parse(readFileSync(new URL('./build-info.json', import.meta.url), 'utf8')) as { version: string; commit: string };
  } catch {
    return { version: '0.0.0-dev', commit: 'unknown' };
  }
}
