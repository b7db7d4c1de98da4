// What a kubectl call through the API server says about our admission webhooks: the gateway e2e
// files read denials and object existence the same way.
import { kubectl, type KubectlOptions, type KubectlResult } from './kubectl.ts';
import { waitFor } from './wait.ts';

/** The message our webhook `name` gave, when the API server answered with its denial. */
export function deniedBy(r: KubectlResult, webhook: string): string | undefined {
  const m = new RegExp(`admission webhook "${webhook.replace(/\./g, '\\.')}" denied the request: (.*)`).exec(r.stderr);
  return r.status !== 0 && m ? m[1]!.trim() : undefined;
}

/** That message; throws with kubectl's own output when the webhook did not deny. */
export function assertDenied(r: KubectlResult, webhook: string): string {
  const message = deniedBy(r, webhook);
  if (message === undefined) throw new Error(`expected a denial by ${webhook}; exit ${r.status}, stderr: ${r.stderr.trim()}, stdout: ${r.stdout.trim()}`);
  return message;
}

/** Whether `kubectl get ARGS` finds the object; any answer but found or NotFound throws. */
export function exists(args: readonly string[], options: KubectlOptions = {}): boolean {
  const r = kubectl(['get', ...args, '-o', 'name'], options);
  if (r.status === 0) return true;
  if (/NotFound|not found/.test(r.stderr)) return false;
  throw new Error(`kubectl get ${args.join(' ')}: ${r.stderr.trim()}`);
}

/**
 * Waits until the API server calls the validating webhook `webhook` (it picks new configurations
 * up from its informer): a server-side dry run of the bad object in `file` is denied by it.
 */
export function waitForValidatingWebhook(file: string, webhook: string, timeoutMs: number): Promise<true> {
  return waitFor(`the API server to call ${webhook}`, () => {
    const r = kubectl(['create', '--dry-run=server', '-f', file]);
    return r.stderr.includes(`admission webhook "${webhook}" denied the request`) ? true : undefined;
  }, timeoutMs, 200);
}
