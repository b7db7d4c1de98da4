import type { ConditionSet } from '../conditions/condition-model.ts';
import type { AdmissionRules } from '../admission/rule-model.ts';

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
  /**
   * `onCreate` items are created when absent; `onReconcile` items are applied every reconcile;
   * `onDelete` items are created when the CR is deleted (issue 14).
   */
  readonly phase: 'onCreate' | 'onReconcile' | 'onDelete';
  /** Applied every reconcile (drift correction): onReconcile items, and onCreate items with `reconcile: true`. */
  readonly reconcile: boolean;
  /** The item's `when`/`or` and its block's: every set must hold for the item to exist. */
  readonly conditions: readonly ConditionSet[];
  /** The item's fields as written. */
  readonly spec: { readonly [field: string]: unknown };
  /** Document path of the item, for diagnostics. */
  readonly path: readonly (string | number)[];
  // issue 14 (runtime): one child per element of a list or map of the CR.
  readonly forEach?: { readonly field: string; readonly as?: string | undefined } | undefined;
}

// issue 14 (runtime): resources created when a CR is deleted, before its finalizer goes.
/** `operatorBox.onDelete`: groups of items (one group unless `ordered`), awaited Jobs, a deadline. */
export interface OnDelete {
  /** Groups run one after the other (each waits for its Jobs); without it every item starts at once. */
  readonly ordered: boolean;
  /** The whole onDelete must finish within this (from the CR's deletionTimestamp), or the finalizer stays. */
  readonly timeoutMs: number;
  /** Its `when`/`or` must hold, or the CR is let go without running onDelete. */
  readonly conditions: ConditionSet;
  readonly groups: readonly { readonly name?: string | undefined; readonly conditions: ConditionSet; readonly items: readonly ChildItem[] }[];
}

/** One `observe.watch` entry: objects the CR does not own whose changes re-reconcile it. */
export interface ObserveWatch {
  readonly apiVersion: string;
  readonly kind: string;
  /** Plural resource name (given, known for built-in kinds, or guessed from the kind). */
  readonly resource: string;
  readonly group: string;
  readonly version: string;
  readonly namespaced: boolean;
  /** True when `resource` was guessed from the kind. */
  readonly inferred: boolean;
  /** Watch only this namespace. */
  readonly namespace?: string | undefined;
  /** Watch only the object of this name. */
  readonly name?: string | undefined;
  /** Which events re-reconcile (default all three). */
  readonly on: readonly ('create' | 'update' | 'delete')[];
  /** Which CR: the one a label of the object names, or the one named here (templates read the object's `.metadata`). */
  readonly keyFrom: { readonly type: 'label'; readonly label: string } | { readonly type: 'name'; readonly name: string; readonly namespace?: string | undefined };
  /** The keys `keyFrom` was written with (`label`, `name`), so validation can report both or neither (ORK1256). */
  readonly keyFromKeys: readonly string[];
  readonly path: readonly (string | number)[];
}

/** A declarative status field (`status.fields[]`). */
export interface StatusField {
  readonly path: string;
  readonly value: unknown;
  readonly type: 'string' | 'int' | 'float' | 'bool' | 'auto';
  /** The entry's `when`/`or`: the entry applies only when they hold. */
  readonly conditions: ConditionSet;
  /** When the entry's conditions fail: write "" (string and auto fields) or remove the field (typed ones), instead of leaving it. */
  readonly clearOnFalse: boolean;
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
  // issue 14 (runtime)
  readonly onDelete?: OnDelete | undefined;
  readonly observe: readonly ObserveWatch[];
  /** Validation and mutation rules and the webhook switches (issue 15); NO_RULES when none are written. */
  readonly admission: AdmissionRules;
  /** Document path of the entry, for diagnostics. */
  readonly path: readonly (string | number)[];
  // Issue 18: versions and conversion (spec/crd.md §9). Absent `versions` means one version,
  // `version`, served and stored (crdVersions() gives the list either way).
  readonly versions?: readonly CrdVersion[];
  readonly conversion?: CrdConversion;
}

/** One version of a CRD (issue 18). `CrdEntry.version` is the one the runtime reads and writes. */
export interface CrdVersion {
  readonly name: string;
  readonly served: boolean;
  /** Exactly one version of a CRD is stored. */
  readonly storage: boolean;
  readonly deprecated: boolean;
  readonly deprecationWarning?: string;
  /** Declared openAPIV3Schema of this version's `.spec`; absent when inferred. */
  readonly specSchema?: JsonSchema;
  readonly schemaSource: 'katalog' | 'crdFile' | 'inferred';
  /** Document path of the version's entry (or of apiTypes.version when versions were not listed). */
  readonly path: readonly (string | number)[];
}

/**
 * How to build one version from another (reference §1.20): `spec` is the target's whole spec, its
 * strings templates over the source object; absent, the spec is copied as it is. `annotations`
 * are set on the converted object (an empty result removes the key).
 */
export interface ConversionPath {
  readonly from: string;
  readonly to: string;
  readonly spec?: { readonly [field: string]: unknown };
  readonly annotations: Readonly<Record<string, string>>;
  readonly path: readonly (string | number)[];
}

/** A CRD's conversion: its storage version, its paths and whether the gateway keeps the CRD's conversion block. */
export interface CrdConversion {
  readonly storageVersion: string;
  /** The gateway writes spec.conversion (endpoint and caBundle) of this CRD and restores it. */
  readonly updateCRD: boolean;
  readonly paths: readonly ConversionPath[];
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

/** The admission webhooks of validation and mutation rules (`security.webhooks`, issue 15). */
export interface AdmissionWebhooks {
  /**
   * `admission.enabled` as written: true or false decide; undefined leaves it to the gateway's
   * ENABLE_ADMISSION_WEBHOOK (the chart's gateway.webhooks.admission), as in the reference.
   */
  readonly enabled?: boolean;
  /** Default Ignore (the reference's): a gateway outage lets requests in, and the runtime catches them at reconcile. */
  readonly failurePolicy: 'Fail' | 'Ignore';
  readonly cleanupOnShutdown: boolean;
}

/** The `security` block with defaults: a sub-block that is present is enabled unless it says otherwise. */
export interface Security {
  readonly deletionProtection?: DeletionProtection;
  readonly namespaceProtection?: NamespaceProtection;
  readonly certManager: CertPolicy;
  readonly webhooks: AdmissionWebhooks;
  /**
   * Where protection and the rules CEL can express are enforced: `webhook` (the gateway's
   * webhooks) or `policy` (ValidatingAdmissionPolicies in the bundle, enforced by the API server).
   */
  readonly mode: 'webhook' | 'policy';
  /**
   * Issue 18: the gateway's /convert; `enabled` undefined leaves it to ENABLE_CONVERSION, `window`
   * (conversionWindow: reviews in its rolling stats) undefined to CONVERSION_WINDOW, else 100.
   */
  readonly conversion?: { readonly enabled?: boolean; readonly window?: number };
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
