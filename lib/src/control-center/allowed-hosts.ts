/**
 * The Host header check of the Control Center (issue 12): a page on any web site can resolve its
 * own name to 127.0.0.1 (DNS rebinding) and read a local `ork control` with the browser's help,
 * unless the server refuses requests for names it does not serve. The list comes from
 * `--allowed-hosts` / ALLOWED_HOSTS; bound to loopback, the default is the localhost names.
 */

/** The names a loopback-bound Control Center answers to by default. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '::1'];

const NAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const IPV6 = /^[0-9a-f:.]+$/;

/** Splits a comma-separated list; `*` alone allows any name. Entries are lowercase names, `*.domain` wildcards or IP literals, without a port. */
export function parseAllowedHosts(text: string): { readonly type: 'ok'; readonly hosts: readonly string[] } | { readonly type: 'error'; readonly message: string } {
  const hosts = text.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  for (const h of hosts) {
    if (h === '*') continue;
    const bare = h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
    if (NAME.test(bare) || (bare.includes(':') && IPV6.test(bare))) continue;
    const port = /^(.*):\d+$/.exec(h);
    return { type: 'error', message: port ? `"${h}" must be a host name without the port (e.g. ${port[1]})` : `"${h}" is not a host name, *.domain or IP address` };
  }
  return { type: 'ok', hosts: hosts.map((h) => (h.startsWith('[') ? h.slice(1, -1) : h)) };
}

/** True for addresses only the machine itself can reach. */
export function isLoopbackAddress(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h === '::1' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * The names to check against: the configured list, else the localhost names when the server is
 * bound to loopback, else undefined (no check: a Control Center in a cluster should be given its
 * Service and ingress names, the chart does).
 */
export function effectiveAllowedHosts(configured: readonly string[], bindHost: string): readonly string[] | undefined {
  if (configured.length > 0) return configured.includes('*') ? undefined : configured;
  return isLoopbackAddress(bindHost) ? LOOPBACK_HOSTS : undefined;
}

/** True when a request's Host header (`name[:port]`, `[v6][:port]`) names an allowed host. A missing header is refused. */
export function hostAllowed(header: string | undefined, allowed: readonly string[]): boolean {
  if (header === undefined || header === '') return false;
  const h = header.trim().toLowerCase();
  const name = h.startsWith('[') ? h.slice(1, h.indexOf(']')) : h.replace(/:\d*$/, '').replace(/\.$/, '');
  return allowed.some((a) => (a.startsWith('*.') ? name.endsWith(a.slice(1)) && name.length > a.length - 1 : a === name));
}
