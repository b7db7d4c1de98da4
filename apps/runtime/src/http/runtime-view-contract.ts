// What the HTTP API reads from the running runtime. The app implements RuntimeView (../runtime-view.ts) from its own
// state; the server only stamps `isLeader`, derives booleans and counts, and picks status codes,
// so the shapes below are the JSON the routes return minus those derived fields.
// Shapes follow reference/orkestra.md §5, in camelCase and with `isLeader` for `isKonductor`.
import type { DependencyCondition } from '@orkestra/lib/katalog';
import type { CrdRule } from '@orkestra/lib/rbac';
import type { HealthState } from '@orkestra/lib/runtime';

/** Read-only access to the runtime's state for the HTTP API; every getter is cheap and synchronous. */
export interface RuntimeView {
  /** True while this replica holds the leader Lease. */
  isLeader(): boolean;
  /** True once the Katalog is loaded and every enabled CRD's caches have synced; never depends on leadership. */
  ready(): boolean;
  /** `ORK_GATEWAY_ENDPOINT`, or undefined when no gateway is configured. */
  gatewayEndpoint(): string | undefined;
  /** Health of every enabled CRD, for `/health`. */
  health(): HealthSummary;
  /** The Katalog and its CRDs, for `/katalog`. */
  katalog(): KatalogSummary;
  /** One CRD by its lowercase name, or undefined when the Katalog has no such CRD. */
  crd(name: string): CrdInfo | undefined;
  /** One CRD's controller health, or undefined when the Katalog has no such CRD. */
  crdHealth(name: string): CrdHealthReport | undefined;
  /** The CRs of one CRD from the informer cache, or undefined when the Katalog has no such CRD. */
  crs(crd: string): CrList | undefined;
  /** One CR from the cache (`namespace` undefined for cluster-scoped CRDs), or undefined when absent. */
  cr(crd: string, namespace: string | undefined, name: string): CrDetail | undefined;
  /** The Events this replica recorded for one cached CR, newest first, or undefined when the CR is not cached. */
  crEvents(crd: string, namespace: string | undefined, name: string): CrEventList | undefined;
  /** Where the Katalog comes from when it is not a file (issue 19: an OCI registry); absent for a file. */
  source?(): KatalogSourceStatus | undefined;
}

/** A registry Katalog source (issue 19, spec/registry.md §4): what runs, what was refused, the last error. */
export interface KatalogSourceStatus {
  readonly type: 'registry';
  /** The followed reference, `oci://host/repo:tag`. */
  readonly reference: string;
  /** Manifest digest of the running Katalog; absent until one loaded. */
  readonly digest?: string;
  /** Its `org.opencontainers.image.version` annotation. */
  readonly version?: string;
  /** When it was loaded, RFC 3339. */
  readonly loadedAt?: string;
  readonly pollIntervalSeconds: number;
  /** When the tag was last checked, RFC 3339. */
  readonly lastPollAt?: string;
  /** The last failed poll or load; cleared by the next success. */
  readonly lastError?: { readonly code: string; readonly message: string; readonly at: string };
  /** The last digest refused, and why; cleared when a newer digest is accepted. */
  readonly refused?: {
    readonly digest: string;
    readonly code: string;
    readonly reason: string;
    /** Permissions the refused Katalog needs and the runtime lacks. */
    readonly missing?: readonly string[];
    /** The command that applies the bundle granting them. */
    readonly apply?: string;
    readonly at: string;
  };
}

/** One enabled CRD's line in `/health`. */
export interface CrdHealthLine {
  readonly name: string;
  readonly state: HealthState;
  readonly consecutiveFailures: number;
  readonly lastError?: string;
}

/** Input of `/health`: enabled CRDs only (a disabled CRD never makes the runtime unhealthy). */
export interface HealthSummary {
  readonly crds: readonly CrdHealthLine[];
}

/** Katalog metadata and the CRD list behind `/katalog`. */
export interface KatalogSummary {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  readonly author?: string;
  readonly license?: string;
  /** Orkestra's own version. */
  readonly runtimeVersion: string;
  readonly clusterName?: string;
  /** Every CRD of the Katalog, disabled ones included (with `enabled: false`). */
  readonly crds: readonly CrdSummary[];
}

/** One CRD in `/katalog`. */
export interface CrdSummary {
  /** Lowercase CRD name, the `{crd}` URL segment. */
  readonly name: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
  readonly enabled: boolean;
  readonly state: HealthState;
  /** CRs in the informer cache. */
  readonly resourceCount: number;
  readonly queueDepth: number;
  readonly totalReconciles: number;
  /** Failed / total reconciles in [0, 1]; 0 before the first reconcile. */
  readonly errorRate: number;
  /** Concurrent reconciles allowed (the Katalog's `workers`, else DEFAULT_WORKERS). */
  readonly workers: number;
}

/** Where an effective setting comes from. */
export type SettingSource = 'katalog' | 'default';

/** One CRD's configuration and live counters, for `/katalog/{crd}`. */
export interface CrdInfo extends CrdSummary {
  readonly description?: string;
  /** Only this namespace is watched; absent means all namespaces. */
  readonly namespace?: string;
  readonly dependsOn: readonly { readonly name: string; readonly condition: DependencyCondition }[];
  readonly workersSource: SettingSource;
  /** Reconciles running now. */
  readonly workersActive: number;
  readonly resyncSeconds: number;
  readonly resyncSource: SettingSource;
  /** Queue bound; absent means unbounded. */
  readonly maxDepth?: number;
  readonly deletionProtection: { readonly protectCRD: boolean; readonly protectCRs: boolean };
  readonly hasUnhealthyDependencies: boolean;
  /** The rules the runtime holds for this CRD, with the planner's reasons (the bundle's own derivation). */
  readonly rbac: { readonly rules: readonly CrdRule[] };
}

/** One CRD's controller health, for `/katalog/{crd}/health`. */
export interface CrdHealthReport {
  readonly name: string;
  readonly state: HealthState;
  /** When `state` was entered, RFC 3339. */
  readonly since: string;
  readonly consecutiveFailures: number;
  readonly lastError?: string;
  /** When the last reconcile finished, RFC 3339; absent before the first. */
  readonly lastReconcile?: string;
  readonly queueDepth: number;
  readonly totalReconciles: number;
  readonly errorRate: number;
  readonly resourceCount: number;
  /** Dependencies still unmet while `waiting-for-dependency`; empty otherwise. */
  readonly waitingFor: readonly { readonly name: string; readonly condition: DependencyCondition }[];
  /** State of each `dependsOn` CRD the runtime runs. */
  readonly dependencies: Readonly<Record<string, HealthState>>;
  /**
   * Issue 15: what the reconcile-time rule check found, for a CRD with validation rules: CRs held
   * by deny rules (Ready=False, no children) and the active warnings of warn rules, by `namespace/name`.
   */
  readonly validation?: {
    readonly denied: readonly { readonly cr: string; readonly message: string }[];
    readonly activeWarnings: readonly { readonly cr: string; readonly warning: string }[];
  };
}

/** The `Ready` condition status of a CR. */
export type ReadyStatus = 'True' | 'False' | 'Unknown';

/** One CR in `/katalog/{crd}/cr`. */
export interface CrListItem {
  readonly name: string;
  /** Absent for cluster-scoped CRs. */
  readonly namespace?: string;
  readonly ready: ReadyStatus;
  /** `status.phase` when the CR has one. */
  readonly phase?: string;
  readonly reason?: string;
  readonly generation: number;
  readonly observedGeneration?: number;
  /** `metadata.creationTimestamp`, RFC 3339. */
  readonly createdAt: string;
  /** True once `metadata.deletionTimestamp` is set. */
  readonly deleting: boolean;
}

/** The cached CRs of one CRD, for `/katalog/{crd}/cr`. */
export interface CrList {
  readonly gvk: { readonly group: string; readonly version: string; readonly kind: string };
  readonly items: readonly CrListItem[];
}

/** A child object of a CR as the runtime last saw it. */
export interface ChildSummary {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** False when the runtime expects the child but the cache does not hold it. */
  readonly exists: boolean;
}

/** One CR with its status and children, for `/katalog/{crd}/cr/{namespace}/{name}`. */
export interface CrDetail extends CrListItem {
  readonly uid: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly finalizers: readonly string[];
  readonly spec: unknown;
  readonly status: unknown;
  /** Children grouped by kind (`Deployment`, `Service`, ...). */
  readonly children: Readonly<Record<string, readonly ChildSummary[]>>;
}

/** One Event this replica recorded about a CR (events.k8s.io/v1 fields), repeats folded into `count`. */
export interface CrEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly note: string;
  readonly action: string;
  /** When it was last recorded, RFC 3339. */
  readonly at: string;
  /** How many times in a row it was recorded. */
  readonly count: number;
}

/** The recent Events of one CR, for `/katalog/{crd}/cr/{namespace}/{name}/events`; newest first. */
export interface CrEventList {
  readonly items: readonly CrEvent[];
}
