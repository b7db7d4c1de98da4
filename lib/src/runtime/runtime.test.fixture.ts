// Test helpers: a CRD entry from inline YAML and a tiny in-memory cluster that executes effects,
// so tests can check that a reconcile converges to zero writes.
import type { CrdEntry } from '../katalog/model.ts';
import { parseKatalog } from '../validate/parse-katalog.ts';
import { childKey } from './child-key.ts';
import { fieldSetOf } from '../testing/field-set-of.ts';
import type { CachedCr, Effect, ObservedChild, ReadyMemo } from './reconcile-types.ts';

/** The first CRD of a Katalog whose `spec.crds` entry `website` has these (indented) fields. */
export function crdFrom(entryFields: string): CrdEntry {
  const text = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: test
spec:
  crds:
    website:
      apiTypes:
        group: demo.orkestra.io
        version: v1
        kind: Website
        plural: websites
${entryFields}`;
  const result = parseKatalog({ file: 'katalog.yaml', text });
  const crd = result.ok ? result.katalog.crds[0] : undefined;
  if (!crd) throw new Error(`fixture Katalog is invalid: ${JSON.stringify(result.diagnostics)}`);
  return crd;
}

/** A CR of the `website` CRD. */
export function websiteCr(spec: Record<string, unknown>, meta: Record<string, unknown> = {}): CachedCr {
  return {
    apiVersion: 'demo.orkestra.io/v1',
    kind: 'Website',
    metadata: { name: 'web', namespace: 'team-a', uid: 'uid-1', resourceVersion: '1', generation: 1, ...meta },
    spec,
  };
}

/** An in-memory cluster: the CR, its children as cached, and what the runtime remembers since "start". */
export interface FakeWorld {
  cr: CachedCr;
  observed: Map<string, ObservedChild>;
  lastApplied: Map<string, string>;
  writes: number;
  driftApplied?: Map<string, string>;
  lastReady?: ReadyMemo;
}

let rv = 100;

/** Plays the Deployment controller and kubelet: every Deployment in the world becomes available. */
export function makeHealthy(w: FakeWorld): void {
  for (const [key, child] of w.observed) {
    if (child.resource.resource !== 'deployments') continue;
    const replicas = (child.kept?.['spec'] as { replicas?: number } | undefined)?.replicas ?? 1;
    w.observed.set(key, { ...child, status: {
      observedGeneration: child.metadata.generation, replicas, updatedReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas,
      conditions: [{ type: 'Available', status: 'True' }, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }],
    } });
  }
}

/** Executes effects the way the runtime would, counting every write (Events included). */
export function execute(world: FakeWorld, effects: readonly Effect[]): void {
  for (const e of effects) {
    world.writes++;
    switch (e.type) {
      case 'addFinalizer':
      case 'removeFinalizer':
        world.cr = { ...world.cr, metadata: { ...world.cr.metadata, finalizers: e.finalizers } };
        break;
      case 'apply': {
        const before = world.observed.get(e.key);
        const { metadata, ...rest } = e.object;
        world.observed.set(e.key, {
          resource: e.resource, apiVersion: e.object.apiVersion, kind: e.object.kind,
          metadata: { ...metadata, uid: before?.metadata.uid ?? `uid-${e.key}`, resourceVersion: String(rv++), generation: 1, creationTimestamp: before?.metadata['creationTimestamp'] ?? `2026-11-24T01:02:${String(rv % 60).padStart(2, '0')}Z` },
          kept: { spec: (rest as { spec?: unknown }).spec },
          ...(before?.status !== undefined ? { status: before.status } : {}),
          managed: JSON.stringify(fieldSetOf(e.object)),
        });
        world.lastApplied.set(e.key, e.fingerprint);
        if (e.cause === 'drift' && e.observedResourceVersion !== undefined) (world.driftApplied ??= new Map()).set(e.key, e.observedResourceVersion);
        break;
      }
      case 'delete':
        world.observed.delete(childKey(e.resource, e.namespace, e.name));
        break;
      case 'patchStatus':
        world.cr = { ...world.cr, status: mergePatch(world.cr.status, e.status) };
        if (e.ready !== undefined) world.lastReady = e.ready;
        break;
      case 'event':
        break;
    }
  }
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}
