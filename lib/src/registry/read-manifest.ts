// Checks a fetched manifest is a Katalog artifact this version reads (spec/registry.md §2), before
// any layer is downloaded: type, shape, and the declared size of every layer against its limit.
import { formatSize, MAX_KATALOG_BYTES } from '../katalog/read-yaml.ts';
import { utf8DecodeStrict } from '../util/utf8.ts';
import {
  ANNOTATIONS, describeType, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST, KATALOG_ARTIFACT_TYPE, LAYERS, layerRoleOf, MAX_EXTRA_LAYER_BYTES, OCI_INDEX,
  OCI_MANIFEST, type LayerRole,
} from './media-types.ts';
import type { Descriptor } from './plan-artifact.ts';
import type { RegistryProblem } from './registry-problem.ts';
import { isSha256Digest } from './digest.ts';

/** A manifest that passed every check: its layers by role and its annotations. */
export interface KatalogManifest {
  readonly layers: Readonly<Partial<Record<LayerRole, Descriptor>>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** The manifest, or the first reason it is not a Katalog this version reads. */
export type ManifestCheck = { readonly type: 'ok'; readonly manifest: KatalogManifest } | { readonly type: 'error'; readonly problem: RegistryProblem };

/** The size limit of each layer role: a Katalog's own limit for the Katalog, more for CRDs and bundles. */
export function layerLimit(role: LayerRole): number {
  return role === 'katalog' ? MAX_KATALOG_BYTES : MAX_EXTRA_LAYER_BYTES;
}

/** Reads manifest bytes served with `contentType` and checks them (no layer is fetched here). */
export function readKatalogManifest(bytes: Uint8Array, contentType: string): ManifestCheck {
  const fail = (code: RegistryProblem['code'], message: string, path?: string, hint?: string): ManifestCheck =>
    ({ type: 'error', problem: { code, message, ...(path !== undefined ? { path } : {}), ...(hint !== undefined ? { hint } : {}) } });
  const text = utf8DecodeStrict(bytes);
  let doc: unknown;
  try {
    doc = text === undefined ? undefined : JSON.parse(text);
  } catch {
    doc = undefined;
  }
  if (!isRecord(doc)) return fail('ORK1503', 'the manifest is not a JSON object');
  const mediaType = typeof doc['mediaType'] === 'string' ? doc['mediaType'] : contentType.split(';')[0]!.trim();
  if (mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST) {
    return fail('ORK1502', `the reference names an image index (${mediaType}), not a Katalog artifact`, 'mediaType', 'push the Katalog itself: ork push -f katalog.yaml oci://HOST/REPO:TAG');
  }
  if (mediaType === DOCKER_MANIFEST) return fail('ORK1502', 'the reference names a Docker image manifest, not a Katalog artifact', 'mediaType');
  if (mediaType !== OCI_MANIFEST) return fail('ORK1502', `manifest media type "${mediaType}" is not ${OCI_MANIFEST}`, 'mediaType');
  if (doc['schemaVersion'] !== 2) return fail('ORK1503', 'schemaVersion is not 2', 'schemaVersion');
  const config = descriptorAt(doc['config']);
  if (typeof config === 'string') return fail('ORK1503', `config: ${config}`, 'config');
  // image-spec v1.1 puts the type in artifactType; v1.0-style artifacts put it in the config's media type.
  const artifactType = typeof doc['artifactType'] === 'string' ? doc['artifactType'] : config.mediaType;
  if (artifactType !== KATALOG_ARTIFACT_TYPE) {
    return fail('ORK1502', `the artifact is ${describeType(artifactType)}, not a Katalog (artifact type ${KATALOG_ARTIFACT_TYPE})`, 'artifactType',
      `push a Katalog with ork push, or with oras: oras push --artifact-type ${KATALOG_ARTIFACT_TYPE} HOST/REPO:TAG katalog.yaml:${LAYERS.katalog.mediaType}`);
  }
  if (!Array.isArray(doc['layers'])) return fail('ORK1503', 'layers is not a list', 'layers');
  const layers: Partial<Record<LayerRole, Descriptor>> = {};
  for (const [i, raw] of doc['layers'].entries()) {
    const layer = descriptorAt(raw);
    if (typeof layer === 'string') return fail('ORK1503', `layers[${i}]: ${layer}`, `layers[${i}]`);
    const role = layerRoleOf(layer.mediaType);
    // Layers of other types are allowed and ignored (a signature, a README), like Helm does.
    if (role === undefined) continue;
    if (layers[role]) return fail('ORK1504', `the manifest has more than one ${LAYERS[role].title} layer (${layer.mediaType})`, `layers[${i}]`);
    if (layer.size > layerLimit(role)) {
      return fail('ORK1505', `the ${LAYERS[role].title} layer is ${formatSize(layer.size)}, over the ${formatSize(layerLimit(role))} limit; it was not downloaded`, `layers[${i}].size`,
        role === 'katalog' ? 'a Katalog is read whole into memory: keep it small, moving schemas into the CRDs' : 'keep CRDs and bundles in the artifact under the limit');
    }
    layers[role] = layer;
  }
  if (!layers.katalog) {
    return fail('ORK1504', `the artifact has no Katalog layer (media type ${LAYERS.katalog.mediaType})`, 'layers',
      `with oras, give the media type after the file name: katalog.yaml:${LAYERS.katalog.mediaType}`);
  }
  const annotations: Record<string, string> = {};
  if (isRecord(doc['annotations'])) for (const [k, v] of Object.entries(doc['annotations'])) if (typeof v === 'string') annotations[k] = v;
  return { type: 'ok', manifest: { layers, annotations } };
}

/** The version annotation, or undefined. */
export function artifactVersion(manifest: KatalogManifest): string | undefined {
  return manifest.annotations[ANNOTATIONS.version];
}

function descriptorAt(value: unknown): Descriptor | string {
  if (!isRecord(value)) return 'not a descriptor object';
  const { mediaType, digest, size } = value;
  if (typeof mediaType !== 'string' || mediaType === '') return 'mediaType is missing';
  if (typeof digest !== 'string' || !isSha256Digest(digest)) return `digest ${JSON.stringify(digest)} is not a sha256 digest`;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return `size ${JSON.stringify(size)} is not a byte count`;
  return { mediaType, digest, size };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
