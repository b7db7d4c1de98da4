// Registry credentials the way docker, oras and helm find them: a Docker config file
// (`$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`; in a cluster, the mounted pull
// Secret's `.dockerconfigjson`), its `auths` entries, and the credential helpers it names.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Username and password (or identity token) for one registry host. */
export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/** Credentials, none, or why the config could not be used (a message naming the file). */
export type CredentialLookup =
  | { readonly type: 'found'; readonly credentials: Credentials; readonly from: string }
  | { readonly type: 'none' }
  | { readonly type: 'error'; readonly message: string };

/** The Docker config file docker and oras read: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(env: Readonly<Record<string, string | undefined>>): string {
  const dir = env['DOCKER_CONFIG'];
  return dir ? join(dir, 'config.json') : join(homedir(), '.docker', 'config.json');
}

/**
 * Looks up credentials for `host` in the config file at `file` (read on every call, so a rotated
 * Secret is seen without a restart). A missing file means no credentials, as for docker.
 */
export async function findCredentials(file: string, host: string): Promise<CredentialLookup> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { type: 'none' };
    return { type: 'error', message: `cannot read ${file}: ${(err as Error).message}` };
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (err) {
    return { type: 'error', message: `${file} is not JSON: ${(err as Error).message}` };
  }
  if (!isRecord(config)) return { type: 'error', message: `${file} is not a JSON object` };
  const helper = (isRecord(config['credHelpers']) ? config['credHelpers'][host] : undefined) ?? config['credsStore'];
  const auths = isRecord(config['auths']) ? config['auths'] : {};
  const entry = Object.entries(auths).find(([key]) => normalizeHost(key) === host)?.[1];
  if (isRecord(entry)) {
    const decoded = fromEntry(entry);
    if (typeof decoded === 'string') return { type: 'error', message: `${file}: auths["${host}"]: ${decoded}` };
    if (decoded) return { type: 'found', credentials: decoded, from: file };
  }
  if (typeof helper === 'string' && helper !== '') return runHelper(helper, host);
  return { type: 'none' };
}

/** `https://index.docker.io/v1/`, `http://host:5000`, `host:5000/` → `host:5000`. */
function normalizeHost(key: string): string {
  return key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
}

function fromEntry(entry: Record<string, unknown>): Credentials | string | undefined {
  if (typeof entry['identitytoken'] === 'string' && entry['identitytoken'] !== '') {
    // An identity token is sent as the password of the docker's placeholder user (docker/cli).
    return { username: '<token>', password: entry['identitytoken'] };
  }
  if (typeof entry['username'] === 'string' && typeof entry['password'] === 'string') return { username: entry['username'], password: entry['password'] };
  if (typeof entry['auth'] === 'string' && entry['auth'] !== '') {
    const plain = Buffer.from(entry['auth'], 'base64').toString('utf8');
    const colon = plain.indexOf(':');
    if (colon <= 0) return '"auth" is not base64 of user:password';
    return { username: plain.slice(0, colon), password: plain.slice(colon + 1) };
  }
  return undefined;
}

/** Runs `docker-credential-<name> get` with the host on stdin, as docker does. */
function runHelper(name: string, host: string): Promise<CredentialLookup> {
  const program = `docker-credential-${name}`;
  return new Promise((resolve) => {
    const child = execFile(program, ['get'], { timeout: 15_000, maxBuffer: 64 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const text = `${stdout}${stderr}`.trim();
        // Helpers say "credentials not found in native keychain" for an unknown host: no credentials.
        if (/not found/i.test(text)) return resolve({ type: 'none' });
        const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
        return resolve({ type: 'error', message: missing ? `credential helper ${program} is not on PATH` : `credential helper ${program} failed: ${text || err.message}` });
      }
      try {
        const out = JSON.parse(stdout) as { Username?: unknown; Secret?: unknown };
        if (typeof out.Username !== 'string' || typeof out.Secret !== 'string') throw new Error('no Username and Secret');
        resolve({ type: 'found', credentials: { username: out.Username, password: out.Secret }, from: program });
      } catch (e) {
        resolve({ type: 'error', message: `credential helper ${program} printed no credentials: ${(e as Error).message}` });
      }
    });
    child.stdin?.end(host);
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
