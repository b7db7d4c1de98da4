import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { makeDiagnostic } from '../diagnostics/make-diagnostic.ts';
import { readCrdFile, resolveRelative, type CrdFileFacts } from './crd-file.ts';
import { parseDuration } from './duration.ts';
import type { Locator } from './locate.ts';
import type { ChildItem, CrdEntry, Katalog, Security } from './model.ts';
import type { CrdEntryInput, KatalogInput } from './schema.ts';
import { ALWAYS, type ConditionSet } from '../conditions/condition-model.ts';
import type { ConditionInput } from '../conditions/condition-schema.ts';
import { parseConditionSet } from '../conditions/parse-condition-set.ts';
import { conditionDiagnostics } from './condition-diagnostics.ts';

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
    crds.push(normalizeCrd(name, entry, facts, path, (problems, base) => diagnostics.push(...conditionDiagnostics(problems, base, locator))));
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
    children: [...childItems(box.onCreate, 'onCreate', [...path, 'operatorBox'], report), ...childItems(box.onReconcile, 'onReconcile', [...path, 'operatorBox'], report)],
    status: {
      conditions: box.status?.conditions ?? true,
      fields: (box.status?.fields ?? []).map((f, i) => ({
        path: f.path, value: f.value, type: f.type ?? 'auto',
        conditions: conditionsOf(f.when, f.or, [...path, 'operatorBox', 'status', 'fields', i], report),
      })),
    },
    path,
  };
}

// Keys of an onCreate/onReconcile block that are not kind lists.
const BLOCK_KEYS = new Set(['when', 'or']);

function childItems(lists: Record<string, unknown> | undefined, phase: ChildItem['phase'], base: readonly (string | number)[], report: Report): ChildItem[] {
  if (!lists) return [];
  const out: ChildItem[] = [];
  // Block-level when/or gate every item of the block (reference §1.9).
  const block = conditionsOf(lists['when'] as ConditionInput[] | undefined, lists['or'] as ConditionInput[] | undefined, [...base, phase], report);
  for (const [key, items] of Object.entries(lists)) {
    if (BLOCK_KEYS.has(key)) continue;
    ((items ?? []) as unknown[]).forEach((raw, index) => {
      const spec = (raw ?? {}) as Record<string, unknown>;
      const path = [...base, phase, key, index];
      const own = conditionsOf(spec['when'] as ConditionInput[] | undefined, spec['or'] as ConditionInput[] | undefined, path, report);
      out.push({
        key,
        index,
        phase,
        reconcile: phase === 'onReconcile' || spec['reconcile'] === true,
        conditions: [block, own].filter((set) => set !== ALWAYS),
        spec,
        path,
      });
    });
  }
  return out;
}

function conditionsOf(when: readonly ConditionInput[] | undefined, or: readonly ConditionInput[] | undefined,
                      base: readonly (string | number)[], report: Report): ConditionSet {
  if (!when?.length && !or?.length) return ALWAYS;
  const parsed = parseConditionSet(when, or, undefined, base);
  if (parsed.problems.length) report(parsed.problems, base);
  return parsed.set;
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
