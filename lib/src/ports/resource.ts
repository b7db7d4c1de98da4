/**
 * A REST resource, known without discovery (the Katalog and the child kind table give plurals):
 * group `''` is the core API, `resource` is the lowercase plural.
 */
export interface Resource {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly namespaced: boolean;
}

/** One object of a resource; `namespace` is required for namespaced resources. */
export interface ObjectRef {
  readonly resource: Resource;
  readonly namespace?: string;
  readonly name: string;
}

/** The `apiVersion` string of a resource (`v1`, `apps/v1`). */
export function apiVersionOf(resource: Resource): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}
