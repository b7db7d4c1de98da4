import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { makeDiagnostic } from '../diagnostics/make-diagnostic.ts';
import { readCrdFile, resolveRelative, type CrdFileFacts } from './crd-file.ts';
import { parseDuration } from './duration.ts';
import type { Locator } from './locate.ts';
import type { ChildItem, CrdEntry, Katalog, ObserveWatch, OnDelete, Security } from './model.ts';
import { customTarget } from '../children/custom-target.ts';
import { BUILTIN_KIND_META } from '../children/kind-meta.ts';
import type { CrdEntryInput, KatalogInput } from './schema.ts';
import { normalizeVersions, type NormalizedVersions } from './normalize-versions.ts';
import { ALWAYS, type ConditionSet } from '../conditions/condition-model.ts';
import type { ConditionInput } from '../conditions/condition-schema.ts';
import { parseConditionSet } from '../conditions/parse-condition-set.ts';
import { CONDITION_ROOTS } from '../conditions/operators.ts';
import { conditionDiagnostics } from './condition-diagnostics.ts';
import { parseAdmissionRules } from '../admission/parse-rules.ts';

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
    // Issue 14: a custom (Go) reconciler needs code Orkestra does not run; say so instead of ignoring it.
    for (const at of [['operatorBox', 'default'], ['operatorBox', 'reconciler', 'default']]) {
      const value = at.length === 2 ? entry.operatorBox?.default : entry.operatorBox?.reconciler?.default;
      if (value === false) {
        diagnostics.push(makeDiagnostic('ORK1131', locator.at([...path, ...at]), 'default: false asks for a custom reconciler (a Go constructor or hooks), which this version of Orkestra does not run'));
      }
    }
    // Issue 15: validation:/mutation:/webhooks: and Gen C's admission: say the same; one of each.
    for (const key of ['validation', 'mutation', 'webhooks'] as const) {
      if (entry[key] !== undefined && entry.admission?.[key] !== undefined) {
        diagnostics.push(makeDiagnostic('ORK1111', locator.at([...path, 'admission', key], 'key'), `admission.${key} repeats ${key}: write the rules in one place`));
      }
    }
    // Issue 18: versions and conversion; the runtime version's schema may come from its versions entry.
    const api = entry.apiTypes ?? facts!;
    const given = entry.schema ? { schema: entry.schema, source: 'katalog' as const } : facts?.specSchema ? { schema: facts.specSchema, source: 'crdFile' as const } : { source: 'inferred' as const };
    const versioned = normalizeVersions(entry, api.version, given, path, locator);
    diagnostics.push(...versioned.diagnostics);
    crds.push(withVersions(normalizeCrd(name, entry, facts, path, (problems, base) => diagnostics.push(...conditionDiagnostics(problems, base, locator))), versioned));
  }
  const gatewayOn = input.gateway?.enabled !== false;
  const sec = input.security;
  if (!gatewayOn && sec && (sec.deletionProtection?.enabled !== false && sec.deletionProtection || sec.namespaceProtection?.enabled !== false && sec.namespaceProtection)) {
    diagnostics.push(makeDiagnostic('ORK1132', locator.at(['gateway', 'enabled']), 'gateway.enabled is false, but the security block enables protection, which the gateway enforces'));
  }
  const katalog: Katalog = {
    file,
    metadata: {
      name: input.metadata.name,
      ...(input.metadata.namespace !== undefined ? { namespace: input.metadata.namespace } : {}),
      ...(input.metadata.author !== undefined ? { author: input.metadata.author } : {}),
      ...(input.metadata.description !== undefined ? { description: input.metadata.description } : {}),
      ...(input.metadata.version !== undefined ? { version: input.metadata.version } : {}),
      ...(input.metadata.license !== undefined ? { license: input.metadata.license } : {}),
      ...(input.metadata.tags !== undefined ? { tags: [...input.metadata.tags] } : {}),
    },
    crds,
    ...(input.security ? { security: normalizeSecurity(input.security) } : {}),
    ...(input.gateway ? { gateway: { enabled: gatewayOn, standalone: input.gateway.standalone ?? false, ...(input.gateway.endpoint !== undefined ? { endpoint: input.gateway.endpoint } : {}) } } : {}),
    // Any gateway: block asks for a gateway, as in the reference, unless it says enabled: false.
    wantsGateway: gatewayOn && (input.gateway !== undefined || input.security !== undefined),
    resolved,
    sourceText,
    resolvedFiles,
  };
  return { katalog, diagnostics };
}

/** Receives condition problems relative to `base`. */
type Report = (problems: Parameters<typeof conditionDiagnostics>[0], base: readonly (string | number)[]) => void;

// Issue 18: the entry with its versions, conversion and the runtime version's schema.
function withVersions(crd: CrdEntry, v: NormalizedVersions): CrdEntry {
  if (v.versions === undefined) return crd;
  const { specSchema: _old, ...rest } = crd;
  return {
    ...rest,
    ...(v.runtimeSchema.schema !== undefined ? { specSchema: v.runtimeSchema.schema } : {}),
    schemaSource: v.runtimeSchema.source,
    versions: v.versions,
    ...(v.conversion ? { conversion: v.conversion } : {}),
  };
}

function normalizeCrd(name: string, entry: CrdEntryInput, facts: CrdFileFacts | undefined, path: string[], report: Report): CrdEntry {
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
    children: [...childItems(box.onCreate, 'onCreate', [...path, 'operatorBox', 'onCreate'], report), ...childItems(box.onReconcile, 'onReconcile', [...path, 'operatorBox', 'onReconcile'], report)],
    admission: admissionOf(entry, path, report),
    status: {
      conditions: box.status?.conditions ?? true,
      fields: (box.status?.fields ?? []).map((f, i) => ({
        path: f.path, value: f.value, type: f.type ?? 'auto',
        conditions: conditionsOf(f.when, f.or, [...path, 'operatorBox', 'status', 'fields', i], report), clearOnFalse: f.clearOnFalse ?? false,
      })),
    },
    ...(box.onDelete ? { onDelete: normalizeOnDelete(box.onDelete as OnDeleteInput, [...path, 'operatorBox', 'onDelete'], report) } : {}),
    observe: (box.observe?.watch ?? []).map((w, i) => normalizeWatch(w, [...path, 'operatorBox', 'observe', 'watch', i])),
    path,
  };
}

// Keys of an onCreate/onReconcile/onDelete block (and onDelete's groups) that are not kind lists.
const BLOCK_KEYS = new Set(['when', 'or', 'ordered', 'timeout', 'groups', 'name']);

// `block` is the block's own when/or (reference §1.9: it gates every item of the block); onDelete
// passes ALWAYS, as its block and group conditions gate whole groups (plan-deletion).
function childItems(lists: Record<string, unknown> | undefined, phase: ChildItem['phase'], blockPath: readonly (string | number)[], report: Report,
                    block: ConditionSet = conditionsOf(lists?.['when'] as ConditionInput[] | undefined, lists?.['or'] as ConditionInput[] | undefined, blockPath, report)): ChildItem[] {
  if (!lists) return [];
  const out: ChildItem[] = [];
  for (const [key, items] of Object.entries(lists)) {
    if (BLOCK_KEYS.has(key) || !Array.isArray(items)) continue;
    (items as unknown[]).forEach((raw, index) => {
      const spec = (raw ?? {}) as Record<string, unknown>;
      const path = [...blockPath, key, index];
      // Inside a forEach item, conditions may read the element too (`.item`, `.value`, the `as` name).
      const each = isForEach(spec['forEach']) ? ['item', 'value', ...(spec['forEach'].as ? [spec['forEach'].as] : [])] : [];
      const own = conditionsOf(spec['when'] as ConditionInput[] | undefined, spec['or'] as ConditionInput[] | undefined, path, report, each);
      out.push({
        key,
        index,
        phase,
        reconcile: phase === 'onReconcile' || spec['reconcile'] === true,
        conditions: [block, own].filter((set) => set !== ALWAYS),
        spec,
        path,
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
// Spelled out: the schema's entries are an interface (schema.ts), so valibot infers less here.
interface OnDeleteGroupInput { readonly name?: string; readonly when?: ConditionInput[]; readonly or?: ConditionInput[] }
interface OnDeleteInput extends OnDeleteGroupInput { readonly ordered?: boolean; readonly timeout?: string; readonly groups?: OnDeleteGroupInput[] }

function normalizeOnDelete(block: OnDeleteInput, path: readonly (string | number)[], report: Report): OnDelete {
  // The block's and each group's when/or gate the whole group (plan-deletion), not each item again.
  const own = childItems(block as Record<string, unknown>, 'onDelete', path, report, ALWAYS);
  const groups = (block.groups ?? []).map((g, i) => {
    const at = [...path, 'groups', i];
    return {
      ...(g.name !== undefined ? { name: g.name } : {}),
      conditions: conditionsOf(g.when, g.or, at, report),
      items: childItems(g as Record<string, unknown>, 'onDelete', at, report, ALWAYS),
    };
  });
  return {
    ordered: block.ordered ?? false,
    timeoutMs: block.timeout !== undefined ? parseDuration(block.timeout)! : ON_DELETE_TIMEOUT_MS,
    conditions: conditionsOf(block.when, block.or, path, report),
    groups: [...(own.length > 0 ? [{ conditions: ALWAYS, items: own }] : []), ...groups],
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
    keyFromKeys: (['label', 'name'] as const).filter((k) => w.keyFrom[k] !== undefined),
    path,
  };
}

function conditionsOf(when: readonly ConditionInput[] | undefined, or: readonly ConditionInput[] | undefined,
                      base: readonly (string | number)[], report: Report, extraRoots: readonly string[] = []): ConditionSet {
  if (!when?.length && !or?.length) return ALWAYS;
  const parsed = parseConditionSet(when, or, extraRoots.length ? [...CONDITION_ROOTS, ...extraRoots] : undefined, base);
  if (parsed.problems.length) report(parsed.problems, base);
  return parsed.set;
}

function admissionOf(entry: CrdEntryInput, path: readonly (string | number)[], report: Report): CrdEntry['admission'] {
  const where = (key: 'validation' | 'mutation' | 'webhooks') => (entry[key] === undefined && entry.admission?.[key] !== undefined ? ['admission', key] : [key]);
  const parsed = parseAdmissionRules({
    validation: (entry.validation ?? entry.admission?.validation)?.rules,
    mutation: (entry.mutation ?? entry.admission?.mutation)?.rules,
    webhooks: entry.webhooks ?? entry.admission?.webhooks,
    paths: { validation: where('validation'), mutation: where('mutation'), webhooks: where('webhooks') },
  });
  if (parsed.problems.length) report(parsed.problems, path);
  return parsed.rules;
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
    webhooks: {
      ...(s.webhooks?.admission?.enabled !== undefined ? { enabled: s.webhooks.admission.enabled } : {}),
      failurePolicy: s.webhooks?.failurePolicy ?? 'Ignore',
      cleanupOnShutdown: s.webhooks?.cleanupOnShutdown ?? false,
    },
    mode: s.mode ?? 'webhook',
    // Issue 18: conversionWindow unset leaves it to the gateway's CONVERSION_WINDOW (default 100 reviews).
    ...(s.conversion ? { conversion: { ...(s.conversion.enabled !== undefined ? { enabled: s.conversion.enabled } : {}), ...(s.conversion.conversionWindow !== undefined ? { window: s.conversion.conversionWindow } : {}) } } : {}),
  };
}

// The Katalog is plain JSON-like data after toJS; a JSON round trip is a safe deep copy without Node's structuredClone.
function structuredCloneJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
