import type { ConditionSet } from '../conditions/condition-model.ts';

/** A JSON Schema (OpenAPI v3 subset) as plain data. */
export type JsonSchema = { readonly [key: string]: unknown };

/** When a CRD may start relative to one it depends on. */
export type DependencyCondition = 'started' | 'healthy';

/** One child item of an operatorBox list, as written (templates not yet rendered). */
export interface ChildItem {
  /** The kind-list key, such as `deployments` or `custom`. */
  readonly key: string;
  /** Position among the items of this key and phase. */
  readonly index: number;
  /** `onCreate` items are created when absent; `onReconcile` items are applied every reconcile. */
  readonly phase: 'onCreate' | 'onReconcile';
  /** Applied every reconcile (drift correction): onReconcile items, and onCreate items with `reconcile: true`. */
  readonly reconcile: boolean;
  /** The item's `when`/`or` and its block's: every set must hold for the item to exist. */
  readonly conditions: readonly ConditionSet[];
  /** The item's fields as written. */
  readonly spec: { readonly [field: string]: unknown };
  /** Document path of the item, for diagnostics. */
  readonly path: readonly (string | number)[];
}

/** A declarative status field (`status.fields[]`). */
export interface StatusField {
  readonly path: string;
  readonly value: unknown;
  readonly type: 'string' | 'int' | 'float' | 'bool' | 'auto';
  /** The entry's `when`/`or`: the entry applies only when they hold. */
  readonly conditions: ConditionSet;
}

/** One custom resource type the runtime operates, with every default applied. */
export interface CrdEntry {
  readonly name: string;
  readonly enabled: boolean;
  readonly description?: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly singular: string;
  readonly listKind: string;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly scope: 'Namespaced' | 'Cluster';
  /** openAPIV3Schema of `.spec`, from the Katalog or the crdFile; absent when it must be inferred. */
  readonly specSchema?: JsonSchema;
  /** Where the spec schema comes from. */
  readonly schemaSource: 'katalog' | 'crdFile' | 'inferred';
  /** Watch only this namespace; RBAC then uses Roles there. */
  readonly namespace?: string;
  readonly labelSelector?: Readonly<Record<string, string>>;
  /** Concurrent reconciles; absent means the runtime's DEFAULT_WORKERS. */
  readonly workers?: number;
  /** Resync period in ms; absent means the runtime's DEFAULT_RESYNC. */
  readonly resyncMs?: number;
  readonly maxDepth?: number;
  readonly failureThreshold?: number;
  readonly dependsOn: readonly { readonly name: string; readonly condition: DependencyCondition }[];
  readonly deletionProtection: { readonly protectCRD: boolean; readonly protectCRs: boolean };
  /** True for the declarative reconciler (the only one in v1). */
  readonly declarative: boolean;
  readonly children: readonly ChildItem[];
  readonly status: { readonly conditions: boolean; readonly fields: readonly StatusField[] };
  /** Document path of the entry, for diagnostics. */
  readonly path: readonly (string | number)[];
}

/** Deletion protection settings (`security.deletionProtection`). */
export interface DeletionProtection {
  readonly enabled: boolean;
  readonly failurePolicy: 'Fail' | 'Ignore';
  readonly cleanupOnShutdown: boolean;
  readonly strictMode: boolean;
}

/** Namespace protection settings (`security.namespaceProtection`). */
export interface NamespaceProtection {
  readonly enabled: boolean;
  readonly failurePolicy: 'Fail' | 'Ignore';
  readonly cleanupOnShutdown: boolean;
  readonly restrictedNamespaces: readonly string[];
  readonly allowedNamespaces: readonly string[];
  /** Opt-in: also deny user writes inside restricted namespaces (system identities exempt). */
  readonly protectWrites: boolean;
}

/** Certificate policy of the gateway (`security.certManager`). */
export interface CertPolicy {
  readonly autoRotate: boolean;
  readonly rotationThresholdMs: number;
  readonly validForMs: number;
  readonly keyAlgorithm: 'ECDSA-P256' | 'RSA-2048';
}

/** The `security` block with defaults: a sub-block that is present is enabled unless it says otherwise. */
export interface Security {
  readonly deletionProtection?: DeletionProtection;
  readonly namespaceProtection?: NamespaceProtection;
  readonly certManager: CertPolicy;
}

/** A validated Katalog with every default applied; CRDs sorted by name. */
export interface Katalog {
  readonly file: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly author?: string;
    readonly description?: string;
    readonly version?: string;
    readonly license?: string;
    readonly tags?: readonly string[];
  };
  readonly crds: readonly CrdEntry[];
  readonly security?: Security;
  /**
   * `enabled: false` plans no gateway; `endpoint` is the gateway URL the runtime advertises on
   * `/katalog` (it wins over ORK_GATEWAY_ENDPOINT, as in the reference).
   */
  readonly gateway?: { readonly enabled: boolean; readonly standalone: boolean; readonly endpoint?: string };
  /** True when the Katalog asks for a gateway (a `gateway:` or `security:` block) and does not disable it. */
  readonly wantsGateway: boolean;
  /** The document as plain data with any crdFile resolved into it, for the bundle's ConfigMap. */
  readonly resolved: unknown;
  /** The file's text as written; the ConfigMap carries it verbatim (comments kept) when no crdFile was resolved. */
  readonly sourceText: string;
  /** True when crdFile entries were resolved into `resolved`, so the text alone is not the whole Katalog. */
  readonly resolvedFiles: boolean;
}
