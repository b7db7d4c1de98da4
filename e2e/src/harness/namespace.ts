import { randomBytes } from 'node:crypto';
import { kubectl, kubectlOk } from './kubectl.ts';

/** Creates a namespace no other test uses: `e2e-<prefix>-<random>`. Deleted by `cleanupNamespaces`. */
export function freshNamespace(prefix: string): string {
  const name = `e2e-${prefix}-${randomBytes(3).toString('hex')}`.slice(0, 63);
  kubectlOk(['create', 'namespace', name]);
  created.push(name);
  return name;
}

const created: string[] = [];

/** Starts deleting every namespace this run created (the namespace controller finishes it). */
export function cleanupNamespaces(): void {
  if (created.length) kubectl(['delete', 'namespace', '--wait=false', '--ignore-not-found', ...created.splice(0)]);
}
