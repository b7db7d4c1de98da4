import { isOciReference } from '@orkestra/lib/registry';
import type { Command } from '../command.ts';
import { referenceArg } from '../registry-access.ts';
import { EXIT, UsageError, type ServerApp } from '../io.ts';

/**
 * `ork run` and `ork gate`: the runtime and the gateway, reachable from the developer CLI. The
 * CLI only checks the arguments and hands over; each app (its own bundle) reads its configuration
 * from the environment, so `ork run` and the image's `ork-runtime run` behave the same.
 */
function serveCommand(app: ServerApp, name: string, summary: string, examples: readonly string[]): Command {
  return {
    name,
    summary,
    usage: `ork ${name} [-f FILE]`,
    options: [{
      name: 'filename', short: 'f', type: 'string', value: 'FILE',
      description: 'Katalog file (default: $KATALOG_PATH); configuration comes from the environment (DESIGN §6)',
    }],
    examples,
    run(values, positionals, io) {
      if (positionals.length > 0) throw new UsageError(`${name} takes no arguments, got ${positionals.join(' ')}`, 'pass the Katalog with -f FILE');
      const file = values['filename'] as string | undefined;
      if (file === '-') throw new UsageError(`ork ${name} cannot read the Katalog from standard input`, 'pass a file: it is read once at start');
      // `ork run -f oci://...` follows the artifact (issue 19): the runtime reads ORK_REGISTRY_URL.
      if (file !== undefined && isOciReference(file)) {
        if (app !== 'runtime') throw new UsageError(`ork ${name} reads a Katalog file`, 'pull it first: ork pull oci://... -o katalog.yaml');
        referenceArg(file, '-f');
        io.handOff(app, [name], { ORK_REGISTRY_URL: file });
        return EXIT.ok;
      }
      io.handOff(app, [name, ...(file !== undefined ? ['-f', file] : [])]);
      return EXIT.ok;
    },
  };
}

export const runCommand = serveCommand('runtime', 'run', 'Run the operator for a Katalog against the current cluster (reconcile, leader election, HTTP API)', [
  'ork run -f examples/website/katalog.yaml',
  'ork run -f oci://registry.example.com/platform/katalog:stable   # follows the tag (ORK_REGISTRY_*)',
  'KUBECONFIG=~/.kube/config ORK_PORT=8081 LOG_LEVEL=debug ork run -f katalog.yaml',
]);

export const gateCommand = serveCommand('gateway', 'gate', 'Run the admission gateway for a Katalog (deletion and namespace protection, TLS, housekeeper)', [
  'ORK_WEBHOOK_HOST=127.0.0.1 ork gate -f examples/gateway/katalog.yaml',
]);

/** Issue 18: `ork migrate-storage`, handed to the runtime's bundle (which holds the API client). */
export const migrateStorageCommand: Command = {
  name: 'migrate-storage',
  summary: 'Rewrite stored custom resources in their CRD\'s storage version and set status.storedVersions (safe to re-run)',
  usage: 'ork migrate-storage [-f FILE] [--crd NAME]',
  options: [
    { name: 'filename', short: 'f', type: 'string', value: 'FILE', description: 'Katalog file (default: $KATALOG_PATH)' },
    { name: 'crd', type: 'string', value: 'NAME', description: 'Only this CRD (its key under spec.crds)' },
  ],
  examples: ['ork migrate-storage -f katalog.yaml', 'ork migrate-storage -f katalog.yaml --crd website'],
  run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`migrate-storage takes no arguments, got ${positionals.join(' ')}`, 'pass the Katalog with -f FILE');
    const file = values['filename'] as string | undefined;
    if (file === '-' || (file !== undefined && isOciReference(file))) throw new UsageError('ork migrate-storage reads a Katalog file', 'pass a file path');
    const crd = values['crd'] as string | undefined;
    io.handOff('runtime', ['migrate-storage', ...(file !== undefined ? ['-f', file] : []), ...(crd !== undefined ? ['--crd', crd] : [])]);
    return EXIT.ok;
  },
};
