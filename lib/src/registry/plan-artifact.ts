// Builds the bytes of a Katalog artifact (spec/registry.md §1): the same files and annotations
// always give the same manifest and digest, because nothing here reads a clock; `created` is
// whatever the user passed (a commit time, a release time), or absent.
import { utf8Encode } from '../util/utf8.ts';
import { digestOf } from './digest.ts';
import { ANNOTATIONS, EMPTY_CONFIG, KATALOG_ARTIFACT_TYPE, LAYERS, OCI_MANIFEST, type LayerRole } from './media-types.ts';

/** One file of the artifact: the Katalog (required), the CRDs or the bundle. */
export interface ArtifactFile {
  readonly role: LayerRole;
  readonly bytes: Uint8Array;
}

/** Manifest annotations from the user's input; each is left out when absent. */
export interface ArtifactAnnotations {
  /** The Katalog's `metadata.name`, as `org.opencontainers.image.title`. */
  readonly title?: string;
  readonly version?: string;
  /** Source revision (a git commit), as `org.opencontainers.image.revision`. */
  readonly revision?: string;
  /** RFC 3339 time from the user, as `org.opencontainers.image.created`. */
  readonly created?: string;
  readonly source?: string;
  readonly description?: string;
}

/** A content descriptor (image-spec descriptor.md). */
export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly data?: string;
}

/** What a push uploads: blobs first, then the manifest whose digest names the artifact. */
export interface PlannedArtifact {
  readonly manifest: Uint8Array;
  readonly mediaType: string;
  readonly digest: string;
  readonly layers: readonly (Descriptor & { readonly bytes: Uint8Array })[];
  /** The empty config blob (`{}`), uploaded like a layer. */
  readonly config: Descriptor & { readonly bytes: Uint8Array };
}

/** Plans the manifest and blobs of a Katalog artifact; layers in the order katalog, crds, bundle. */
export function planKatalogArtifact(files: readonly ArtifactFile[], annotations: ArtifactAnnotations): PlannedArtifact {
  const order: readonly LayerRole[] = ['katalog', 'crds', 'bundle'];
  const layers = order.flatMap((role) => files.filter((f) => f.role === role).map((f) => ({
    mediaType: LAYERS[role].mediaType,
    digest: digestOf(f.bytes),
    size: f.bytes.length,
    annotations: { [ANNOTATIONS.title]: LAYERS[role].title },
    bytes: f.bytes,
  })));
  const manifestAnnotations: Record<string, string> = {};
  for (const key of Object.keys(ANNOTATIONS).sort() as (keyof typeof ANNOTATIONS)[]) {
    const value = annotations[key];
    if (value !== undefined && value !== '') manifestAnnotations[ANNOTATIONS[key]] = value;
  }
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: KATALOG_ARTIFACT_TYPE,
    config: EMPTY_CONFIG,
    layers: layers.map(({ bytes: _bytes, ...descriptor }) => descriptor),
    ...(Object.keys(manifestAnnotations).length > 0 ? { annotations: manifestAnnotations } : {}),
  };
  const bytes = utf8Encode(JSON.stringify(manifest));
  return { manifest: bytes, mediaType: OCI_MANIFEST, digest: digestOf(bytes), layers, config: { ...EMPTY_CONFIG, bytes: utf8Encode('{}') } };
}
