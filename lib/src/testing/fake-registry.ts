// An in-memory RegistryClient for unit tests: one host's repositories, manifests by tag and
// digest, blobs by digest, and switches to fail the next calls the way a registry can.
import { digestOf } from '../registry/digest.ts';
import type { FetchedManifest, ManifestHead, RegistryClient, RegistryError, RegistryResult } from '../ports/registry-client.ts';

/** A fake registry and the handles tests use to inspect or break it. */
export interface FakeRegistry extends RegistryClient {
  /** Every call made, as `method repository reference`. */
  readonly calls: string[];
  /** Stored blobs by digest (tests may overwrite one to simulate corruption). */
  readonly blobs: Map<string, Uint8Array>;
  /** Makes every call fail with `error` until cleared with undefined. */
  failWith(error: RegistryError | undefined): void;
  /** Stores a manifest as the registry would after a push, and returns its digest. */
  putManifest(repository: string, tag: string | undefined, mediaType: string, bytes: Uint8Array): string;
}

interface StoredManifest { readonly mediaType: string; readonly bytes: Uint8Array }

/** Builds an empty fake registry. */
export function fakeRegistry(): FakeRegistry {
  const manifests = new Map<string, StoredManifest>();
  const tags = new Map<string, string>();
  const blobs = new Map<string, Uint8Array>();
  const repos = new Set<string>();
  const calls: string[] = [];
  let failure: RegistryError | undefined;
  const fail = <T>(): RegistryResult<T> => ({ ok: false, error: failure! });
  const notFound = <T>(repository: string, what: string): RegistryResult<T> => ({
    ok: false, error: repos.has(repository) ? { type: 'not-found', status: 404, code: 'MANIFEST_UNKNOWN', message: `${what}: manifest unknown` }
      : { type: 'not-found', status: 404, code: 'NAME_UNKNOWN', message: `repository name not known to registry` },
  });
  const lookup = (repository: string, reference: string): StoredManifest | undefined => {
    const digest = reference.startsWith('sha256:') ? reference : tags.get(`${repository}:${reference}`);
    return digest === undefined ? undefined : manifests.get(`${repository}@${digest}`);
  };
  const putManifest = (repository: string, tag: string | undefined, mediaType: string, bytes: Uint8Array): string => {
    const digest = digestOf(bytes);
    repos.add(repository);
    manifests.set(`${repository}@${digest}`, { mediaType, bytes });
    if (tag !== undefined) tags.set(`${repository}:${tag}`, digest);
    return digest;
  };
  const head = (stored: StoredManifest): ManifestHead => ({ digest: digestOf(stored.bytes), mediaType: stored.mediaType, size: stored.bytes.length });
  return {
    calls,
    blobs,
    failWith: (error) => { failure = error; },
    putManifest,
    async headManifest(repository, reference) {
      calls.push(`headManifest ${repository} ${reference}`);
      if (failure) return fail();
      const stored = lookup(repository, reference);
      return stored ? { ok: true, value: head(stored) } : notFound(repository, reference);
    },
    async fetchManifest(repository, reference, maxBytes) {
      calls.push(`fetchManifest ${repository} ${reference}`);
      if (failure) return fail();
      const stored = lookup(repository, reference);
      if (!stored) return notFound(repository, reference);
      if (stored.bytes.length > maxBytes) return { ok: false, error: { type: 'too-large', message: `manifest is ${stored.bytes.length} bytes, over ${maxBytes}` } };
      const value: FetchedManifest = { ...head(stored), bytes: stored.bytes };
      return { ok: true, value };
    },
    async fetchBlob(repository, digest, maxBytes) {
      calls.push(`fetchBlob ${repository} ${digest}`);
      if (failure) return fail();
      const bytes = blobs.get(digest);
      if (!bytes || !repos.has(repository)) return { ok: false, error: { type: 'not-found', status: 404, code: 'BLOB_UNKNOWN', message: 'blob unknown to registry' } };
      if (bytes.length > maxBytes) return { ok: false, error: { type: 'too-large', message: `blob is ${bytes.length} bytes, over ${maxBytes}` } };
      return { ok: true, value: bytes };
    },
    async pushBlob(repository, digest, bytes) {
      calls.push(`pushBlob ${repository} ${digest}`);
      if (failure) return fail();
      if (digestOf(bytes) !== digest) return { ok: false, error: { type: 'invalid', status: 400, code: 'DIGEST_INVALID', message: 'provided digest did not match uploaded content' } };
      repos.add(repository);
      const existed = blobs.has(digest);
      blobs.set(digest, bytes);
      return { ok: true, value: { existed } };
    },
    async pushManifest(repository, reference, mediaType, bytes) {
      calls.push(`pushManifest ${repository} ${reference}`);
      if (failure) return fail();
      const digest = putManifest(repository, reference.startsWith('sha256:') ? undefined : reference, mediaType, bytes);
      if (reference.startsWith('sha256:') && reference !== digest) return { ok: false, error: { type: 'invalid', status: 400, code: 'DIGEST_INVALID', message: 'manifest digest did not match' } };
      return { ok: true, value: { digest } };
    },
  };
}
