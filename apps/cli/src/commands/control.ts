import { parseDuration } from '@orkestra/lib/katalog';
import { parseAllowedHosts, parseRuntimeUrls } from '@orkestra/lib/control-center';
import type { Command } from '../command.ts';
import { EXIT, UsageError } from '../io.ts';

/**
 * `ork control`: the Control Center, reachable from the developer CLI. Flags become the
 * environment variables the chart sets (ORKESTRA_URLS, REFRESH_INTERVAL, ORK_PORT, ALLOWED_HOSTS),
 * checked here so a typo is an `ork` usage error; anything not given comes from the environment as
 * is. It listens on 127.0.0.1 unless `--address` says otherwise, as `kubectl port-forward` does: a
 * developer's Control Center shows every CR its runtimes show, and is not for the whole network.
 */
export const controlCommand: Command = {
  name: 'control',
  summary: 'Run the Control Center: a read-only web page over one or more runtimes (default port 8081)',
  usage: 'ork control [--urls URL[,URL...]] [--refresh DURATION] [--port PORT] [--address ADDRESS] [--allowed-hosts HOST[,HOST...]]',
  options: [
    { name: 'urls', type: 'string', value: 'URLS', description: 'Runtime base URLs, comma-separated (default: $ORKESTRA_URLS)' },
    { name: 'refresh', type: 'string', value: 'DURATION', description: 'Poll interval such as 10s or 1m (default: $REFRESH_INTERVAL, else 10s)' },
    { name: 'port', type: 'string', value: 'PORT', description: 'HTTP port of the page and API (default: $ORK_PORT, else 8081)' },
    { name: 'address', type: 'string', value: 'ADDRESS', description: 'Address to listen on (default: 127.0.0.1; 0.0.0.0 for every interface)' },
    { name: 'allowed-hosts', type: 'string', value: 'HOSTS', description: 'Host names the page answers to, comma-separated; * for any (default: $ALLOWED_HOSTS, else the localhost names on a loopback address)' },
    // Issue 12: runtimes show CRs only to a caller whose token may read them.
    { name: 'token-file', type: 'string', value: 'FILE', description: 'Bearer token sent to the runtimes, re-read every minute (default: $ORK_TOKEN_FILE, else the in-cluster ServiceAccount token)' },
  ],
  examples: [
    'ork control --urls http://localhost:8080',
    'kubectl create token orkestra-cc -n orkestra-system > cc.token && ork control --urls http://localhost:8080 --token-file cc.token',
    'ork control --urls http://rt-a:8080,http://rt-b:8080 --refresh 5s --port 9000',
    'ork control --urls http://localhost:8080 --address 0.0.0.0 --allowed-hosts cc.example.com',
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
    const address = (values['address'] as string | undefined) ?? '127.0.0.1';
    if (!/^[0-9a-fA-F:.]+$|^localhost$/.test(address)) throw new UsageError(`--address: "${address}" is not an IP address`, 'e.g. --address 127.0.0.1 or --address 0.0.0.0');
    env['ORK_HOST'] = address;
    const hosts = values['allowed-hosts'] as string | undefined;
    if (hosts !== undefined) {
      const parsed = parseAllowedHosts(hosts);
      if (parsed.type === 'error') throw new UsageError(`--allowed-hosts: ${parsed.message}`, 'e.g. --allowed-hosts localhost,cc.example.com');
      env['ALLOWED_HOSTS'] = hosts;
    }
    const tokenFile = values['token-file'] as string | undefined;
    if (tokenFile !== undefined) env['ORK_TOKEN_FILE'] = tokenFile;
    io.handOff('control-center', ['serve'], env);
    return EXIT.ok;
  },
};
