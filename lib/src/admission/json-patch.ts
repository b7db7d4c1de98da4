/** One RFC 6902 operation as the gateway sends it (it only adds and replaces). */
export interface PatchOperation {
  readonly op: 'add' | 'replace';
  /** RFC 6901 pointer (`/spec/tier`, `/metadata/labels/app.kubernetes.io~1name`). */
  readonly path: string;
  readonly value: unknown;
}

/** The RFC 6901 pointer of a path: `~` becomes `~0`, `/` becomes `~1`. */
export function jsonPointer(path: readonly string[]): string {
  return path.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
