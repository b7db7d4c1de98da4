// observe.watch (spec/runtime.md §2.6): metadata-only informers on objects the CRs do not own,
// whose changes re-enqueue the CR each one names.
import { routeWatchedEvent } from '@orkestra/lib/runtime';
import type { CrdEntry, ObserveWatch } from '@orkestra/lib/katalog';
import type { Clock, Cluster, Entropy, Resource } from '@orkestra/lib/ports';
import { createInformer, type Informer, type InformerEvent, type InformerHealth } from '@orkestra/adapters/kube';

/** One observe.watch informer and the name it is reported under. */
export interface NamedInformer {
  readonly name: string;
  readonly informer: Informer;
}

/** What observe informers are wired to. */
export interface ObserveDeps {
  readonly cluster: Cluster;
  readonly clock: Clock;
  readonly entropy: Entropy;
  /** A CR (queue key) to reconcile. */
  readonly enqueue: (key: string) => void;
  readonly synced: () => void;
  readonly onError: (name: string) => (error: { type: string; message: string }, retryInMs: number) => void;
  readonly onHealth: (name: string) => (health: InformerHealth) => void;
}

const ON: Readonly<Record<string, ObserveWatch['on'][number]>> = { add: 'create', update: 'update', delete: 'delete' };

/**
 * One informer per watch entry: in the entry's namespace, else the CRD's when it watches one
 * namespace, else all; on one object (a `metadata.name` field selector) when it names one.
 */
export function createObserveInformers(crd: CrdEntry, deps: ObserveDeps): NamedInformer[] {
  return crd.observe.map((watch, i) => {
    const resource: Resource = { group: watch.group, version: watch.version, resource: watch.resource, namespaced: watch.namespaced };
    const namespace = watch.namespaced ? watch.namespace ?? crd.namespace : undefined;
    const name = `observe[${i}] ${watch.resource}${namespace !== undefined ? `/${namespace}` : ''}${watch.name !== undefined ? `/${watch.name}` : ''}`;
    const informer = createInformer({
      cluster: deps.cluster, resource, clock: deps.clock, entropy: deps.entropy, metadataOnly: true,
      ...(namespace !== undefined ? { namespace } : {}),
      ...(watch.name !== undefined ? { fieldSelector: `metadata.name=${watch.name}` } : {}),
      onEvent: (event: InformerEvent) => {
        if (event.type === 'synced') return deps.synced();
        if (!watch.on.includes(ON[event.type]!)) return;
        const key = routeWatchedEvent(watch, crd.scope === 'Namespaced', event.object.metadata);
        if (key !== undefined) deps.enqueue(key);
      },
      onError: deps.onError(name),
      onHealth: deps.onHealth(name),
    });
    return { name, informer };
  });
}
