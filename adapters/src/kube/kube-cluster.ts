import type { KubeConfig } from '@kubernetes/client-node';
import type {
  AbortSignalLike, Cluster, ClusterError, ClusterResult, KubeObject, ListPage, ObjectRef, Resource, WatchEnd, WatchEvent,
} from '@orkestra/lib/ports';
import { collectionPath, objectPath, query } from './kube-paths.ts';
import { kubeTransport, type KubeRequest, type KubeTransport } from './kube-transport.ts';
import { requestMetrics, type RequestMetrics } from './request-metrics.ts';
import { readWatchStream } from './read-watch-stream.ts';

/** The Cluster port over a real API server, with its request counters. */
export interface KubeCluster extends Cluster {
  /** `rest_client_requests_total` series and the 403 count. */
  readonly metrics: RequestMetrics;
}

const META_LIST = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
const META_OBJECT = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json';
const MERGE_PATCH = 'application/merge-patch+json';

/** Implements the Cluster port with raw JSON requests authenticated by `kubeConfig`'s current context. */
export function kubeCluster(kubeConfig: KubeConfig): KubeCluster {
  const metrics = requestMetrics();
  const transport = kubeTransport(kubeConfig, metrics);

  async function call(req: KubeRequest): Promise<ClusterResult<KubeObject>> {
    const r = await transport.send(req);
    return r.ok ? { ok: true, value: r.body as KubeObject } : r;
  }

  return {
    metrics,

    async get(ref) {
      const path = pathOf(ref);
      return path.ok ? call({ method: 'GET', path: path.value }) : path;
    },

    async list(resource, options = {}) {
      const path = collectionPath(resource, options.namespace) + query({ labelSelector: options.labelSelector, fieldSelector: options.fieldSelector, limit: options.limit, continue: options.continue });
      const r = await transport.send({ method: 'GET', path, ...(options.metadataOnly ? { accept: META_LIST } : {}) });
      if (!r.ok) return r;
      const body = r.body as { items?: KubeObject[]; metadata?: { resourceVersion?: string; continue?: string } };
      const page: ListPage = {
        items: (body.items ?? []).map((o) => (options.metadataOnly ? metadataOnly(o) : o)),
        resourceVersion: body.metadata?.resourceVersion ?? '',
        ...(body.metadata?.continue ? { continue: body.metadata.continue } : {}),
      };
      return { ok: true, value: page };
    },

    watch(resource, options, onEvent, signal) {
      return watch(transport, resource, options, onEvent, signal);
    },

    async apply(resource, object, options) {
      const path = pathOf({ resource, name: object.metadata.name, ...nsOf(object) });
      if (!path.ok) return path;
      return call({
        method: 'PATCH', path: path.value + query({ fieldManager: options.fieldManager, force: options.force || undefined }),
        body: object, contentType: 'application/apply-patch+yaml',
      });
    },

    async patchStatus(ref, status, fieldManager) {
      const path = pathOf(ref, 'status');
      if (!path.ok) return path;
      return call({ method: 'PATCH', path: path.value + query({ fieldManager }), body: { status }, contentType: MERGE_PATCH });
    },

    async patchMetadata(ref, patch, fieldManager) {
      const path = pathOf(ref);
      if (!path.ok) return path;
      return call({ method: 'PATCH', path: path.value + query({ fieldManager }), body: { metadata: patch }, contentType: MERGE_PATCH });
    },

    async delete(ref, options = {}) {
      const path = pathOf(ref);
      if (!path.ok) return path;
      const body = {
        apiVersion: 'v1', kind: 'DeleteOptions',
        ...(options.propagationPolicy ? { propagationPolicy: options.propagationPolicy } : {}),
        ...(options.uid ? { preconditions: { uid: options.uid } } : {}),
      };
      const r = await transport.send({ method: 'DELETE', path: path.value, body });
      return r.ok ? { ok: true, value: undefined } : r;
    },

    async create(resource, object) {
      if (resource.namespaced && !object.metadata.namespace) return invalidScope(resource);
      return call({ method: 'POST', path: collectionPath(resource, object.metadata.namespace), body: object });
    },

    async update(resource, object) {
      const path = pathOf({ resource, name: object.metadata.name, ...nsOf(object) });
      return path.ok ? call({ method: 'PUT', path: path.value, body: object }) : path;
    },
  };
}

async function watch(
  transport: KubeTransport, resource: Resource, options: Parameters<Cluster['watch']>[1],
  onEvent: (event: WatchEvent) => void, signalLike: AbortSignalLike,
): Promise<ClusterResult<WatchEnd>> {
  const signal = toAbortSignal(signalLike);
  const path = collectionPath(resource, options.namespace) + query({
    watch: true, resourceVersion: options.resourceVersion, labelSelector: options.labelSelector, fieldSelector: options.fieldSelector,
    timeoutSeconds: options.timeoutSeconds, allowWatchBookmarks: options.allowWatchBookmarks || undefined,
  });
  const opened = await transport.open({ method: 'GET', path, ...(options.metadataOnly ? { accept: META_OBJECT } : {}) }, signal);
  if (!opened.ok) return signal.aborted ? { ok: true, value: { type: 'aborted' } } : opened;
  const result = await readWatchStream(opened.response, options.metadataOnly ? (e) => onEvent(e.type === 'bookmark' ? e : { ...e, object: metadataOnly(e.object) }) : onEvent);
  if (signal.aborted) return { ok: true, value: { type: 'aborted' } };
  return result;
}

/** Keeps only what PartialObjectMetadata carries, whether or not the server honoured the Accept header. */
function metadataOnly(object: KubeObject): KubeObject {
  return { apiVersion: 'meta.k8s.io/v1', kind: 'PartialObjectMetadata', metadata: object.metadata };
}

function pathOf(ref: ObjectRef, subresource?: string): ClusterResult<string> {
  if (ref.resource.namespaced && !ref.namespace) return invalidScope(ref.resource);
  return { ok: true, value: objectPath(ref.resource, ref.resource.namespaced ? ref.namespace : undefined, ref.name, subresource) };
}

function nsOf(object: KubeObject): { namespace?: string } {
  return object.metadata.namespace !== undefined ? { namespace: object.metadata.namespace } : {};
}

function invalidScope(resource: Resource): { ok: false; error: ClusterError } {
  return { ok: false, error: { type: 'invalid', message: `${resource.resource} is namespaced: a namespace is required` } };
}

/** A platform AbortSignal that follows `like` (which may be lib's createAbort signal). */
function toAbortSignal(like: AbortSignalLike): AbortSignal {
  if (like instanceof AbortSignal) return like;
  const ac = new AbortController();
  if (like.aborted) ac.abort();
  else like.addEventListener('abort', () => ac.abort());
  return ac.signal;
}
