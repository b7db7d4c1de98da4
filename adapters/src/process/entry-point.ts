import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * True when the module at `moduleUrl` is the script node was started with (`node main.js`,
 * `node ork-runtime.mjs`), false when another program imports it (`ork run` loads the runtime).
 * Symlinks are resolved on both sides (npm's bin links).
 */
export function isEntryPoint(moduleUrl: string, script: string | undefined): boolean {
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/** The `version` of the package.json at `packageJsonUrl`, or `0.0.0-dev` when it cannot be read. */
export function readPackageVersion(packageJsonUrl: URL): string {
  try {
    return (JSON.parse(readFileSync(packageJsonUrl, 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0-dev';
  }
}
