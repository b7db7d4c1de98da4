import { parseDuration } from '@orkestra/lib/katalog';
import { parseRuntimeUrls } from '@orkestra/lib/control-center';
import type { Command } from '../command.ts';
import { EXIT, UsageError } from '../io.ts';

/**
 * `ork control`: the Control Center, reachable from the developer CLI. Flags become the
 * environment variables the chart sets (ORKESTRA_URLS, REFRESH_INTERVAL, ORK_PORT), checked here
 * so a typo is an `ork` usage error; anything not given comes from the environment as is.
 */
export const controlCommand: Command = {
  name: 'control',
  summary: 'Run the Control Center: a read-only web page over one or more runtimes (default port 8081)',
  usage: 'ork control [--urls URL[,URL...]] [--refresh DURATION] [--port PORT]',
  options: [
    { name: 'urls', type: 'string', value: 'URLS', description: 'Runtime base URLs, comma-separated (default: $ORKESTRA_URLS)' },
    { name: 'refresh', type: 'string', value: 'DURATION', description: 'Poll interval such as 10s or 1m (default: $REFRESH_INTERVAL, else 10s)' },
    { name: 'port', type: 'string', value: 'PORT', description: 'HTTP port of the page and API (default: $ORK_PORT, else 8081)' },
  ],
  examples: [
    'ork control --urls http://localhost:8080',
    'ork control --urls http://rt-a:8080,http://rt-b:8080 --refresh 5s --port 9000',
  ],
  run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`control takes no arguments, got ${positionals.join(' ')}`, 'pass runtimes with --urls URL[,URL...]');
    const env: Record<string, string> = {};
    const urls = values['urls'] as string | undefined;
    if (urls !== undefined) {
      const parsed = parseRuntimeUrls(urls);
      if (parsed.type === 'error') throw new UsageError(`--urls: ${parsed.message}`, 'e.g. --urls http://localhost:8080');
      env['ORKESTRA_URLS'] = parsed.urls.join(',');
    }
    const refresh = values['refresh'] as string | undefined;
    if (refresh !== undefined) {
      const ms = parseDuration(refresh);
      if (ms === undefined || ms < 100) throw new UsageError(`--refresh: "${refresh}" is not a duration of at least 100ms`, 'e.g. --refresh 10s');
      env['REFRESH_INTERVAL'] = refresh;
    }
    const port = values['port'] as string | undefined;
    if (port !== undefined) {
      if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) throw new UsageError(`--port: "${port}" is not a port (0-65535)`, 'e.g. --port 8081');
      env['ORK_PORT'] = port;
    }
    io.handOff('control-center', ['serve'], env);
    return EXIT.ok;
  },
};
