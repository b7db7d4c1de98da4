import type { AbortSignalLike } from './abort-signal.ts';

/**
 * Why a registry call failed, normalised from the distribution API: 404 not-found, 401
 * unauthorized (no or wrong credentials), 403 denied, 413 and over-limit bodies too-large, other
 * 4xx invalid, 429/5xx/network/timeouts unavailable, certificate problems tls, and a plain-HTTP
 * fallback a non-loopback host may not take plain-http.
 */
export interface RegistryError {
  readonly type: 'not-found' | 'unauthorized' | 'denied' | 'too-large' | 'invalid' | 'unavailable' | 'tls' | 'plain-http';
  readonly message: string;
  /** HTTP status when the registry answered. */
  readonly status?: number;
  /** The distribution error code (`MANIFEST_UNKNOWN`, `NAME_UNKNOWN`, ...) when the body had one. */
  readonly code?: string;
}

/** A value, or the RegistryError that prevented it; a RegistryClient never rejects for these. */
export type RegistryResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: RegistryError };

/** What a manifest HEAD or GET tells about it. */
export interface ManifestHead {
  /** `Docker-Content-Digest`, when the registry sent it. */
  readonly digest?: string;
  /** `Content-Type`. */
  readonly mediaType: string;
  readonly size: number;
}

/** A manifest read whole. */
export interface FetchedManifest extends ManifestHead {
  readonly bytes: Uint8Array;
}

/**
 * The OCI distribution API (distribution-spec v1.1) as far as a Katalog needs it. Repositories are
 * names on the client's one registry host; `reference` is a tag or a digest. Bodies over `maxBytes`
 * are refused (too-large) without reading them whole.
 */
export interface RegistryClient {
  /** HEAD /v2/<repo>/manifests/<reference>: one small request, for polling a tag. */
  headManifest(repository: string, reference: string, signal?: AbortSignalLike): Promise<RegistryResult<ManifestHead>>;
  /** GET /v2/<repo>/manifests/<reference>. */
  fetchManifest(repository: string, reference: string, maxBytes: number, signal?: AbortSignalLike): Promise<RegistryResult<FetchedManifest>>;
  /** GET /v2/<repo>/blobs/<digest>. */
  fetchBlob(repository: string, digest: string, maxBytes: number, signal?: AbortSignalLike): Promise<RegistryResult<Uint8Array>>;
  /** Uploads a blob unless the registry has it already (HEAD, then POST + PUT in one request). */
  pushBlob(repository: string, digest: string, bytes: Uint8Array, signal?: AbortSignalLike): Promise<RegistryResult<{ readonly existed: boolean }>>;
  /** PUT /v2/<repo>/manifests/<reference>; resolves with the digest the registry reports. */
  pushManifest(repository: string, reference: string, mediaType: string, bytes: Uint8Array, signal?: AbortSignalLike): Promise<RegistryResult<{ readonly digest?: string }>>;
}
