import type { Fields } from './fields.ts';
import { isConfigKey } from './kube-syntax.ts';

/** Throws unless every key of a ConfigMap or Secret data map is a valid data key. */
export function checkDataKeys(f: Fields, field: string, data: Record<string, string> | undefined): void {
  for (const key of Object.keys(data ?? {})) {
    if (!isConfigKey(key)) f.fail(`${field}.${key}`, 'is not a valid data key (letters, digits, "-", "_", ".")');
  }
}
