// The HTTP API's view of this process (RuntimeView of http/runtime-view-contract.ts), read from the controllers
// and their caches at request time; nothing here is copied or kept up to date in the background.
import type { CrdEntry, Katalog } from '@orkestra/lib';
import { planCrdRules } from '@orkestra/lib/rbac';
import { isStarted, ownerKeyOf, queueKeyOf, type CrdHealth, type ObservedChild, type WorkQueueStats } from '@orkestra/lib/runtime';
import type { Clock, KubeObject as ClusterObject } from '@orkestra/lib/ports';
import type { InformerStats } from '@orkestra/adapters/kube';
import type {
  ChildSummary, CrDetail, CrdHealthReport, CrdInfo, CrdSummary, CrEvent, CrListItem, ReadyStatus, RuntimeView,
} from './http/index.ts';
import { planChildKinds, type ChildKind } from './child-kinds.ts';

/** Read access to one CRD's cached CRs and children (the controller's own caches). */
export interface CacheView {
  /** True once the CR and every child cache listed completely. */
  synced(): boolean;
  list(): readonly ClusterObject[];
  get(namespace: string | undefined, name: string): ClusterObject | undefined;
  /** The cached children carrying owner key `owner`, by childKey. */
  children(owner: string): ReadonlyMap<string, ObservedChild>;
  /** Stats of every informer, by resource name, for `orkestra_watch_*`. */
  stats(): ReadonlyMap<string, InformerStats>;
  /** The Events this replica recorded for the CR with queue key `key`, newest first. */
  events(key: string): readonly CrEvent[];
}

/** What the view reads from one CRD's controller (CrdController fits). */
export interface ControllerState {
  readonly crd: CrdEntry;
  health(): CrdHealth;
  /** Reconciles finished so far, any outcome. */
  reconciles(): number;
  readonly queue: { stats(nowMs: number): WorkQueueStats };
  /** Issue 15: what the rule check found per CR key. */
  ruleFindings?(): ReadonlyMap<string, { readonly denied?: string; readonly warnings: readonly string[] }>;
}

/** A running controller and the caches the view reads for it. */
export interface ViewSource {
  readonly controller: ControllerState;
  readonly cache: CacheView;
}

/** What createRuntimeView is wired to. */
export interface RuntimeViewDeps {
  readonly katalog: Katalog;
  /** Orkestra's own version. */
  readonly runtimeVersion: string;
  /** One source per enabled CRD. */
  readonly sources: readonly ViewSource[];
  readonly isLeader: () => boolean;
  readonly clock: Clock;
  /** `ORK_GATEWAY_ENDPOINT`. */
  readonly gatewayEndpoint: string | undefined;
  /** The install namespace (ORK_NAMESPACE), which the RBAC planner scopes the runtime's rules by. */
  readonly namespace: string;
  /** The runtime's DEFAULT_WORKERS and DEFAULT_RESYNC (ms), for settings the Katalog leaves out. */
  readonly defaults: { readonly workers: number; readonly resyncMs: number; readonly maxDepth: number };
}

function validationFindings(controller: ControllerState | undefined): NonNullable<CrdHealthReport['validation']> {
  const found = [...(controller?.ruleFindings?.() ?? new Map<string, { readonly denied?: string; readonly warnings: readonly string[] }>())].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    denied: found.flatMap(([cr, f]) => (f.denied !== undefined ? [{ cr, message: f.denied }] : [])),
    activeWarnings: found.flatMap(([cr, f]) => f.warnings.map((warning) => ({ cr, warning }))),
  };
}

/** Builds the RuntimeView of a running runtime from its controllers and caches. */
export function createRuntimeView(deps: RuntimeViewDeps): RuntimeView {
  const { katalog, sources, defaults, clock } = deps;
  // URL segments are lowercased by the routes; Katalog names may not be.
  const byName = new Map(sources.map((s) => [s.controller.crd.name.toLowerCase(), s]));
  const entries = new Map(katalog.crds.map((c) => [c.name.toLowerCase(), c]));
  const kinds = new Map(sources.map((s) => [s.controller.crd.name, planChildKinds(s.controller.crd)]));
  // The bundle's own derivation, once: the rules the runtime was granted for each CRD, with reasons.
  const rules = planCrdRules(katalog, deps.namespace);

  const counters = (source: ViewSource | undefined) => {
    if (!source) return { resourceCount: 0, queueDepth: 0, totalReconciles: 0, errorRate: 0 };
    const stats = source.controller.queue.stats(clock.now());
    const total = source.controller.reconciles();
    // Every failed reconcile is requeued rate-limited, so retriesTotal counts failures.
    return { resourceCount: source.cache.list().length, queueDepth: stats.depth, totalReconciles: total, errorRate: total === 0 ? 0 : Math.min(1, stats.retriesTotal / total) };
  };

  const summary = (crd: CrdEntry): CrdSummary => {
    const source = byName.get(crd.name.toLowerCase());
    return {
      name: crd.name, group: crd.group, version: crd.version, kind: crd.kind, plural: crd.plural,
      namespaced: crd.scope === 'Namespaced', enabled: crd.enabled,
      state: source?.controller.health().state ?? 'not-started',
      ...counters(source),
      workers: crd.workers ?? defaults.workers,
    };
  };

  const listItem = (crd: CrdEntry, o: ClusterObject): CrListItem => {
    const status = record(o['status']);
    const ready = readyCondition(status);
    const phase = status?.['phase'];
    const observed = status?.['observedGeneration'];
    const { namespace, name } = o.metadata;
    return {
      name,
      ...(namespace !== undefined && crd.scope === 'Namespaced' ? { namespace } : {}),
      ready: ready.status,
      ...(typeof phase === 'string' ? { phase } : {}),
      ...(ready.reason !== undefined ? { reason: ready.reason } : {}),
      generation: typeof o.metadata.generation === 'number' ? o.metadata.generation : 0,
      ...(typeof observed === 'number' ? { observedGeneration: observed } : {}),
      createdAt: typeof o.metadata['creationTimestamp'] === 'string' ? o.metadata['creationTimestamp'] : '',
      deleting: o.metadata.deletionTimestamp !== undefined,
    };
  };

  return {
    isLeader: deps.isLeader,
    // A controller that never started (CRD missing, waiting for a dependency) has no caches to wait for.
    ready: () => sources.every((s) => !isStarted(s.controller.health().state) || s.cache.synced()),
    gatewayEndpoint: () => deps.gatewayEndpoint,
    health: () => ({
      crds: sources.map(({ controller }) => {
        const h = controller.health();
        return { name: controller.crd.name, state: h.state, consecutiveFailures: h.consecutiveFailures, ...(h.lastError !== undefined ? { lastError: h.lastError } : {}) };
      }),
    }),
    katalog: () => ({
      name: katalog.metadata.name,
      version: katalog.metadata.version ?? '',
      ...(katalog.metadata.description !== undefined ? { description: katalog.metadata.description } : {}),
      ...(katalog.metadata.author !== undefined ? { author: katalog.metadata.author } : {}),
      runtimeVersion: deps.runtimeVersion,
      crds: katalog.crds.map(summary),
    }),
    crd: (name): CrdInfo | undefined => {
      const crd = entries.get(name);
      if (!crd) return undefined;
      const source = byName.get(name);
      const unhealthy = crd.dependsOn.some((d) => {
        const state = byName.get(d.name.toLowerCase())?.controller.health().state;
        return state !== 'healthy' && state !== 'pending';
      });
      const maxDepth = crd.maxDepth ?? defaults.maxDepth;
      return {
        ...summary(crd),
        ...(crd.description !== undefined ? { description: crd.description } : {}),
        ...(crd.namespace !== undefined ? { namespace: crd.namespace } : {}),
        dependsOn: crd.dependsOn,
        workersSource: crd.workers !== undefined ? 'katalog' : 'default',
        workersActive: source?.controller.queue.stats(clock.now()).processing ?? 0,
        resyncSeconds: (crd.resyncMs ?? defaults.resyncMs) / 1000,
        resyncSource: crd.resyncMs !== undefined ? 'katalog' : 'default',
        maxDepth,
        deletionProtection: crd.deletionProtection,
        hasUnhealthyDependencies: unhealthy,
        rbac: { rules: rules.get(crd.name) ?? [] },
      };
    },
    crdHealth: (name): CrdHealthReport | undefined => {
      const crd = entries.get(name);
      if (!crd) return undefined;
      const source = byName.get(name);
      const h = source?.controller.health();
      const dependencies: Record<string, CrdHealth['state']> = {};
      for (const d of crd.dependsOn) {
        const state = byName.get(d.name.toLowerCase())?.controller.health().state;
        if (state !== undefined) dependencies[d.name] = state;
      }
      return {
        name: crd.name,
        state: h?.state ?? 'not-started',
        since: new Date(h?.sinceMs ?? 0).toISOString(),
        consecutiveFailures: h?.consecutiveFailures ?? 0,
        ...(h?.lastError !== undefined ? { lastError: h.lastError } : {}),
        ...counters(source),
        waitingFor: h?.state === 'waiting-for-dependency' ? h.waitingFor ?? [] : [],
        dependencies,
        ...(crd.admission.validation.length > 0 ? { validation: validationFindings(source?.controller) } : {}),
      };
    },
    crs: (name) => {
      const crd = entries.get(name);
      if (!crd) return undefined;
      const items = [...(byName.get(name)?.cache.list() ?? [])].sort(byNamespaceName).map((o) => listItem(crd, o));
      return { gvk: { group: crd.group, version: crd.version, kind: crd.kind }, items };
    },
    cr: (name, namespace, crName): CrDetail | undefined => {
      const source = byName.get(name.toLowerCase());
      if (!source) return undefined;
      const crd = source.controller.crd;
      const o = source.cache.get(namespace, crName);
      if (!o) return undefined;
      const finalizers = o.metadata.finalizers;
      return {
        ...listItem(crd, o),
        uid: typeof o.metadata.uid === 'string' ? o.metadata.uid : '',
        labels: o.metadata.labels ?? {},
        finalizers: finalizers ?? [],
        spec: o['spec'] ?? {},
        status: o['status'] ?? {},
        children: groupChildren(source, kinds.get(crd.name) ?? new Map(), ownerKeyOf(crd, o.metadata)),
      };
    },
    crEvents: (name, namespace, crName) => {
      const source = byName.get(name.toLowerCase());
      if (!source?.cache.get(namespace, crName)) return undefined;
      return { items: source.cache.events(queueKeyOf({ name: crName, namespace })) };
    },
  };
}

function groupChildren(source: ViewSource, kinds: ReadonlyMap<string, ChildKind>, owner: string): Record<string, ChildSummary[]> {
  const groups: Record<string, ChildSummary[]> = {};
  for (const { resource, metadata } of source.cache.children(owner).values()) {
    const kind = kinds.get(`${resource.group}/${resource.resource}`)
      ?? { apiVersion: resource.group === '' ? resource.version : `${resource.group}/${resource.version}`, kind: resource.resource };
    (groups[kind.kind] ??= []).push({
      apiVersion: kind.apiVersion, kind: kind.kind, name: metadata.name,
      ...(metadata.namespace !== undefined ? { namespace: metadata.namespace } : {}),
      exists: true,
    });
  }
  for (const list of Object.values(groups)) list.sort(byNamespaceNameOf);
  return groups;
}

function readyCondition(status: Record<string, unknown> | undefined): { status: ReadyStatus; reason?: string } {
  const conditions = status?.['conditions'];
  if (!Array.isArray(conditions)) return { status: 'Unknown' };
  const ready = conditions.map(record).find((c) => c?.['type'] === 'Ready');
  const s = ready?.['status'];
  const reason = ready?.['reason'];
  return { status: s === 'True' || s === 'False' ? s : 'Unknown', ...(typeof reason === 'string' ? { reason } : {}) };
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function byNamespaceName(a: ClusterObject, b: ClusterObject): number {
  return byNamespaceNameOf(a.metadata, b.metadata);
}

function byNamespaceNameOf(a: { readonly namespace?: string | undefined; readonly name: string }, b: { readonly namespace?: string | undefined; readonly name: string }): number {
  const ka = `${a.namespace ?? ''}/${a.name}`;
  const kb = `${b.namespace ?? ''}/${b.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
