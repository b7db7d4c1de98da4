import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { makeDiagnostic } from '../diagnostics/make-diagnostic.ts';
import { readCrdFile, resolveRelative, type CrdFileFacts } from './crd-file.ts';
import { parseDuration } from './duration.ts';
import type { Locator } from './locate.ts';
import type { ChildItem, CrdEntry, Katalog, ObserveWatch, OnDelete, Security } from './model.ts';
import { customTarget } from '../children/custom-target.ts';
import { BUILTIN_KIND_META } from '../children/kind-meta.ts';
import type { CrdEntryInput, KatalogInput } from './schema.ts';
import type { Condition } from '../field-schemas/field-schemas.ts';

/** Reads a file named by the Katalog (a crdFile), relative paths already resolved; undefined if unreadable. */
export type ReadFile = (path: string) => string | undefined;

const DAY_MS = 86_400_000;

/** Applies defaults and aliases to a shape-valid Katalog, resolving crdFile entries through `readFile`. */
export function normalizeKatalog(
  input: KatalogInput,
  raw: unknown,
  sourceText: string,
  file: string,
  locator: Locator,
  readFile: ReadFile | undefined,
): { katalog: Katalog; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  // The document as the user wrote it (key order and all), not valibot's reordered output.
  const resolved = structuredCloneJson(raw) as { spec: { crds?: Record<string, Record<string, unknown>> } };
  const crdsIn = input.spec.crds ?? {};
  const crds: CrdEntry[] = [];
  let resolvedFiles = false;
  for (const name of Object.keys(crdsIn).sort()) {
    const entry = crdsIn[name]!;
    const path = ['spec', 'crds', name];
    let facts: CrdFileFacts | undefined;
    if (entry.crdFile !== undefined) {
      const target = resolveRelative(file, entry.crdFile);
      const read = readCrdFile(target, readFile?.(target), locator.at([...path, 'crdFile']));
      diagnostics.push(...read.diagnostics);
      facts = read.facts;
      if (facts) {
        resolvedFiles = true;
        // The ConfigMap carries the Katalog resolved: the runtime never reads files next to it.
        const out = resolved.spec.crds![name]!;
        delete out['crdFile'];
        out['apiTypes'] = { group: facts.group, version: facts.version, kind: facts.kind, plural: facts.plural };
        out['scope'] = facts.scope;
        if (facts.specSchema && out['schema'] === undefined) out['schema'] = facts.specSchema;
      }
    }
    if (!entry.apiTypes && !facts) {
      if (entry.crdFile === undefined) diagnostics.push(makeDiagnostic('ORK1304', locator.at(path, 'key'), `CRD "${name}" has neither apiTypes nor crdFile`));
      continue;
    }
    if (entry.scope !== undefined && entry.namespaced !== undefined && (entry.scope === 'Namespaced') !== entry.namespaced) {
      diagnostics.push(makeDiagnostic('ORK1111', locator.at([...path, 'namespaced'], 'key'), `scope: ${entry.scope} contradicts namespaced: ${entry.namespaced}`));
    }
    crds.push(normalizeCrd(name, entry, facts, path));
  }
  const katalog: Katalog = {
    file,
    metadata: {
      name: input.metadata.name,
      ...(input.metadata.namespace !== undefined ? { namespace: input.metadata.namespace } : {}),
      ...(input.metadata.author !== undefined ? { author: input.metadata.author } : {}),
      ...(input.metadata.description !== undefined ? { description: input.metadata.description } : {}),
      ...(input.metadata.version !== undefined ? { version: input.metadata.version } : {}),
    },
    crds,
    ...(input.security ? { security: normalizeSecurity(input.security) } : {}),
    ...(input.gateway ? { gateway: { standalone: input.gateway.standalone ?? false, ...(input.gateway.endpoint !== undefined ? { endpoint: input.gateway.endpoint } : {}) } } : {}),
    wantsGateway: input.gateway !== undefined || input.security !== undefined,
    resolved,
    sourceText,
    resolvedFiles,
  };
  return { katalog, diagnostics };
}

function normalizeCrd(name: string, entry: CrdEntryInput, facts: CrdFileFacts | undefined, path: string[]): CrdEntry {
  const api = entry.apiTypes ?? facts!;
  const box = entry.operatorBox ?? {};
  const tuning = box.reconciler ?? {};
  const scope = entry.scope ?? (entry.namespaced === false ? 'Cluster' : facts?.scope ?? 'Namespaced');
  const specSchema = entry.schema ?? facts?.specSchema;
  const workers = tuning.workers ?? entry.workers;
  const resync = tuning.resync ?? entry.resync;
  const queue = { ...entry.queue, ...tuning.queue };
  const dependsOn = Array.isArray(entry.dependsOn)
    ? entry.dependsOn.map((d) => ({ name: d, condition: 'started' as const }))
    : Object.entries(entry.dependsOn ?? {}).map(([d, condition]) => ({ name: d, condition }));
  return {
    name,
    enabled: entry.enabled ?? true,
    ...(entry.description !== undefined ? { description: entry.description } : {}),
    group: api.group,
    version: api.version,
    kind: api.kind,
    plural: api.plural,
    singular: api.singular ?? api.kind.toLowerCase(),
    listKind: `${api.kind}List`,
    shortNames: api.shortNames ?? [],
    categories: api.categories ?? [],
    scope,
    ...(specSchema ? { specSchema } : {}),
    schemaSource: entry.schema ? 'katalog' : facts?.specSchema ? 'crdFile' : 'inferred',
    ...(entry.namespace !== undefined ? { namespace: entry.namespace } : {}),
    ...(entry.labelSelector !== undefined ? { labelSelector: entry.labelSelector } : {}),
    ...(workers !== undefined ? { workers } : {}),
    ...(resync !== undefined ? { resyncMs: parseDuration(resync)! } : {}),
    ...(queue.maxDepth !== undefined ? { maxDepth: queue.maxDepth } : {}),
    ...(queue.failureThreshold !== undefined ? { failureThreshold: queue.failureThreshold } : {}),
    dependsOn,
    deletionProtection: {
      protectCRD: entry.deletionProtection?.protectCRD ?? true,
      protectCRs: entry.deletionProtection?.protectCRs ?? false,
    },
    declarative: (tuning.default ?? box.default) !== false,
    children: [...childItems(box.onCreate, 'onCreate', [...path, 'operatorBox']), ...childItems(box.onReconcile, 'onReconcile', [...path, 'operatorBox'])],
    status: {
      conditions: box.status?.conditions ?? true,
      fields: (box.status?.fields ?? []).map((f) => ({ path: f.path, value: f.value, type: f.type ?? 'auto', when: f.when ?? [], clearOnFalse: f.clearOnFalse ?? false })),
    },
    ...(box.onDelete ? { onDelete: normalizeOnDelete(box.onDelete, [...path, 'operatorBox', 'onDelete']) } : {}),
    observe: (box.observe?.watch ?? []).map((w, i) => normalizeWatch(w, [...path, 'operatorBox', 'observe', 'watch', i])),
    path,
  };
}

// Block fields of onDelete and its groups, which sit beside the kind lists.
const BLOCK_FIELDS = new Set(['ordered', 'timeout', 'when', 'groups', 'name']);

function childItems(lists: Record<string, unknown> | undefined, phase: ChildItem['phase'], base: readonly (string | number)[]): ChildItem[] {
  if (!lists) return [];
  const out: ChildItem[] = [];
  for (const [key, items] of Object.entries(lists)) {
    if (BLOCK_FIELDS.has(key) || !Array.isArray(items)) continue;
    (items as unknown[]).forEach((raw, index) => {
      const spec = (raw ?? {}) as Record<string, unknown>;
      out.push({
        key,
        index,
        phase,
        reconcile: phase === 'onReconcile' || spec['reconcile'] === true,
        when: (spec['when'] as Condition[] | undefined) ?? [],
        spec,
        path: [...base, phase, key, index],
        ...(isForEach(spec['forEach']) ? { forEach: spec['forEach'] } : {}),
      });
    });
  }
  return out;
}

function isForEach(v: unknown): v is { field: string; as?: string } {
  return v !== null && typeof v === 'object' && typeof (v as { field?: unknown }).field === 'string';
}

// issue 14: onDelete is one group of its own items, or its groups in order.
type OnDeleteInput = NonNullable<NonNullable<CrdEntryInput['operatorBox']>['onDelete']>;

function normalizeOnDelete(block: OnDeleteInput, path: readonly (string | number)[]): OnDelete {
  const own = childItems(block as Record<string, unknown>, 'onDelete', path.slice(0, -1));
  const groups = (block.groups ?? []).map((g, i) => ({
    ...(g.name !== undefined ? { name: g.name } : {}),
    when: g.when ?? [],
    items: childItems(g as Record<string, unknown>, 'onDelete', [...path, 'groups', i]).map((item) => ({ ...item, path: [...path, 'groups', i, ...item.path.slice(path.length + 3)] })),
  }));
  return {
    ordered: block.ordered ?? false,
    timeoutMs: block.timeout !== undefined ? parseDuration(block.timeout)! : ON_DELETE_TIMEOUT_MS,
    when: block.when ?? [],
    groups: [...(own.length > 0 ? [{ when: [], items: own }] : []), ...groups],
  };
}

/** How long onDelete may take by default (the reference's 5m). */
const ON_DELETE_TIMEOUT_MS = 5 * 60_000;

// Kinds whose objects have no namespace, for observe.watch entries that do not say `scope`.
const CLUSTER_KINDS = new Set(['Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding',
  'CustomResourceDefinition', 'PriorityClass', 'IngressClass', 'RuntimeClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']);

function normalizeWatch(w: NonNullable<NonNullable<CrdEntryInput['operatorBox']>['observe']>['watch'] extends (infer T)[] | undefined ? T : never,
                        path: readonly (string | number)[]): ObserveWatch {
  // A built-in child kind is known exactly; any other plural is guessed unless given (ORK2003).
  const builtin = Object.values(BUILTIN_KIND_META).find((m) => m.apiVersion === w.apiVersion && m.kind === w.kind);
  const scope = w.scope ?? (builtin ? (builtin.namespaced ? 'Namespaced' : 'Cluster') : CLUSTER_KINDS.has(w.kind) ? 'Cluster' : 'Namespaced');
  const t = customTarget({ apiVersion: w.apiVersion, kind: w.kind, plural: w.plural ?? builtin?.resource, scope });
  const keyFrom = w.keyFrom.label !== undefined
    ? { type: 'label' as const, label: w.keyFrom.label }
    : { type: 'name' as const, name: w.keyFrom.name ?? '', ...(w.keyFrom.namespace !== undefined ? { namespace: w.keyFrom.namespace } : {}) };
  return {
    apiVersion: w.apiVersion, kind: w.kind, resource: t.resource, group: t.group, version: t.version, namespaced: t.namespaced, inferred: t.inferred,
    ...(w.namespace !== undefined ? { namespace: w.namespace } : {}),
    ...(w.name !== undefined ? { name: w.name } : {}),
    on: w.on ?? ['create', 'update', 'delete'],
    keyFrom,
    path,
  };
}

function normalizeSecurity(s: NonNullable<KatalogInput['security']>): Security {
  const dp = s.deletionProtection;
  const np = s.namespaceProtection;
  const cm = s.certManager;
  return {
    ...(dp ? { deletionProtection: { enabled: dp.enabled ?? true, failurePolicy: dp.failurePolicy ?? 'Fail', cleanupOnShutdown: dp.cleanupOnShutdown ?? false, strictMode: dp.strictMode ?? false } } : {}),
    ...(np ? {
      namespaceProtection: {
        enabled: np.enabled ?? true,
        failurePolicy: np.failurePolicy ?? 'Fail',
        cleanupOnShutdown: np.cleanupOnShutdown ?? false,
        restrictedNamespaces: [...(np.restrictedNamespaces ?? [])],
        allowedNamespaces: [...(np.allowedNamespaces ?? [])],
        protectWrites: np.protectWrites ?? false,
      },
    } : {}),
    certManager: {
      autoRotate: cm?.autoRotate ?? true,
      rotationThresholdMs: cm?.rotationThreshold !== undefined ? parseDuration(cm.rotationThreshold)! : 30 * DAY_MS,
      validForMs: cm?.validFor !== undefined ? parseDuration(cm.validFor)! : 730 * DAY_MS,
      keyAlgorithm: cm?.keyAlgorithm ?? 'ECDSA-P256',
    },
  };
}

// The Katalog is plain JSON-like data after toJS; a JSON round trip is a safe deep copy without Node's structuredClone.
function structuredCloneJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
