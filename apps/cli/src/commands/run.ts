import type { Command } from '../command.ts';
import { EXIT, UsageError } from '../io.ts';

/**
 * `ork run`: the runtime, reachable from the developer CLI. The CLI only checks its arguments and
 * hands over; the runtime (apps/runtime, its own bundle) reads its configuration from the
 * environment, so `ork run` and the image's `ork-runtime run` behave the same.
 */
export const runCommand: Command = {
  name: 'run',
  summary: 'Run the operator for a Katalog against the current cluster (reconcile, leader election, HTTP API)',
  usage: 'ork run [-f FILE]',
  options: [{
    name: 'filename', short: 'f', type: 'string', value: 'FILE',
    description: 'Katalog file (default: $KATALOG_PATH); configuration comes from the environment (DESIGN §6)',
  }],
  examples: [
    'ork run -f examples/website/katalog.yaml',
    'KUBECONFIG=~/.kube/config ORK_PORT=8081 LOG_LEVEL=debug ork run -f katalog.yaml',
  ],
  run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`run takes no arguments, got ${positionals.join(' ')}`, 'pass the Katalog with -f FILE');
    const file = values['filename'] as string | undefined;
    if (file === '-') throw new UsageError('ork run cannot read the Katalog from standard input', 'pass a file: the runtime reads it once at start');
    io.handOff(['run', ...(file !== undefined ? ['-f', file] : [])]);
    return EXIT.ok;
  },
};
