// The Katalog's OCI artifact format (spec/registry.md §1): an OCI image manifest with an
// `artifactType`, the empty config, and one layer per file, each titled so `oras pull` writes it
// under its file name.

/** The manifest's `artifactType`: what `ork pull` and the runtime accept. */
export const KATALOG_ARTIFACT_TYPE = 'application/vnd.orkestra.katalog.v1';

/** The OCI image manifest media type (image-spec v1.1), the only manifest a Katalog travels in. */
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
/** An OCI image index: recognised to say why it is refused. */
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
/** Docker's schema 2 manifest and manifest list: recognised to say why they are refused. */
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';

/** The `Accept` header of a manifest request: every type we can name in an error, ours first. */
export const MANIFEST_ACCEPT = [OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST].join(', ');

/** The empty config of an artifact (image-spec v1.1 "guidance for an empty descriptor"). */
export const EMPTY_CONFIG = {
  mediaType: 'application/vnd.oci.empty.v1+json',
  digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  size: 2,
  data: 'e30=',
} as const;

/** The layers a Katalog artifact may carry, by what they hold. */
export type LayerRole = 'katalog' | 'crds' | 'bundle';

/** Media type and file name (the `org.opencontainers.image.title` annotation) of each layer. */
export const LAYERS: Readonly<Record<LayerRole, { readonly mediaType: string; readonly title: string }>> = {
  katalog: { mediaType: 'application/vnd.orkestra.katalog.layer.v1+yaml', title: 'katalog.yaml' },
  crds: { mediaType: 'application/vnd.orkestra.crds.layer.v1+yaml', title: 'crds.yaml' },
  bundle: { mediaType: 'application/vnd.orkestra.bundle.layer.v1+yaml', title: 'bundle.yaml' },
};

/** The layer role of a media type, if it is one of ours. */
export function layerRoleOf(mediaType: string): LayerRole | undefined {
  return (Object.keys(LAYERS) as LayerRole[]).find((r) => LAYERS[r].mediaType === mediaType);
}

/** Standard annotation keys (image-spec annotations.md) the artifact carries. */
export const ANNOTATIONS = {
  title: 'org.opencontainers.image.title',
  version: 'org.opencontainers.image.version',
  revision: 'org.opencontainers.image.revision',
  created: 'org.opencontainers.image.created',
  source: 'org.opencontainers.image.source',
  description: 'org.opencontainers.image.description',
} as const;

/** Well-known artifact and config types, so a refusal can say what was found instead. */
const KNOWN_TYPES: Readonly<Record<string, string>> = {
  'application/vnd.cncf.helm.config.v1+json': 'a Helm chart',
  'application/vnd.oci.image.config.v1+json': 'a container image',
  'application/vnd.docker.container.image.v1+json': 'a container image',
  'application/vnd.cncf.flux.config.v1+json': 'a Flux artifact',
  'application/vnd.dev.sigstore.bundle.v0.3+json': 'a Sigstore signature bundle',
  'application/vnd.oci.empty.v1+json': 'an artifact without a type',
};

/** "a Helm chart" for a known type, else the type itself in quotes. */
export function describeType(type: string): string {
  return KNOWN_TYPES[type] ?? `"${type}"`;
}

/** Largest manifest read (the distribution registry refuses larger ones too). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** Largest CRDs or bundle layer read; the Katalog layer's limit is the Katalog's own (MAX_KATALOG_BYTES). */
export const MAX_EXTRA_LAYER_BYTES = 16 * 1024 * 1024;
