/** A Kubernetes object as the builders emit it: plain JSON, ready for server-side apply. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

/** The custom resource a child is built for, as read from the cluster (optional fields may be undefined). */
export interface CrObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string | undefined;
    uid?: string | undefined;
    labels?: Record<string, string> | undefined;
    [k: string]: unknown;
  };
  spec?: unknown;
  status?: unknown;
}

/** What a builder knows besides its item: the owning CR and the item's place in its list. */
export interface BuildContext {
  cr: CrObject;
  /** True when the CR's CRD is cluster-scoped, so the CR has no namespace to lend its children. */
  clusterScopedCr: boolean;
  /** Position (0-based) among the items of this kind; later unnamed items get `-2`, `-3`... */
  index: number;
}

/** A child item after template rendering: any field may hold any JSON value. */
export type RenderedItem = { readonly [field: string]: unknown };
