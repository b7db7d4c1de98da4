// Pulls a Katalog artifact through the RegistryClient port and verifies everything it reads:
// the manifest's digest against the reference (and the registry's own header), its type and
// layer sizes before any download, each layer's size and digest after (spec/registry.md §2).
import type { AbortSignalLike } from '../ports/abort-signal.ts';
import type { RegistryClient } from '../ports/registry-client.ts';
import { utf8DecodeStrict } from '../util/utf8.ts';
import { digestOf, shortDigest } from './digest.ts';
import { LAYERS, MAX_MANIFEST_BYTES, type LayerRole } from './media-types.ts';
import { formatReference, type OciReference } from './parse-reference.ts';
import { layerLimit, readKatalogManifest, type KatalogManifest } from './read-manifest.ts';
import { problemOf, type RegistryProblem } from './registry-problem.ts';

/** A verified artifact: the manifest's digest, the Katalog text and any extra layers asked for. */
export interface PulledKatalog {
  readonly digest: string;
  readonly manifest: KatalogManifest;
  /** The Katalog layer's bytes, exactly as pushed. */
  readonly katalogBytes: Uint8Array;
  readonly katalogText: string;
  /** The extra layers asked for that the artifact has. */
  readonly extras: Readonly<Partial<Record<LayerRole, Uint8Array>>>;
}

export type PullResult = { readonly type: 'ok'; readonly value: PulledKatalog } | { readonly type: 'error'; readonly problem: RegistryProblem };

/** Pulls `ref` (its digest when it has one, else its tag); `extras` names other layers to fetch. */
export async function pullKatalogArtifact(client: RegistryClient, ref: OciReference, extras: readonly LayerRole[] = [],
                                          signal?: AbortSignalLike): Promise<PullResult> {
  const fail = (problem: RegistryProblem): PullResult => ({ type: 'error', problem });
  const target = ref.digest ?? ref.tag ?? 'latest';
  const what = ref.digest !== undefined ? `manifest ${shortDigest(ref.digest)}` : `tag "${target}"`;
  const fetched = await client.fetchManifest(ref.repository, target, MAX_MANIFEST_BYTES, signal);
  if (!fetched.ok) return fail(problemOf(fetched.error, ref.host, `${what} in ${formatReference({ host: ref.host, repository: ref.repository })}`));
  const digest = digestOf(fetched.value.bytes);
  if (ref.digest !== undefined && digest !== ref.digest) {
    return fail({ code: 'ORK1506', message: `the manifest served for ${ref.digest} has digest ${digest}: the content does not match its address` });
  }
  if (fetched.value.digest !== undefined && fetched.value.digest !== digest) {
    return fail({ code: 'ORK1506', message: `the registry says the manifest is ${fetched.value.digest}, but the bytes it sent are ${digest}` });
  }
  const checked = readKatalogManifest(fetched.value.bytes, fetched.value.mediaType);
  if (checked.type === 'error') return checked;
  const manifest = checked.manifest;
  const fetchLayer = async (role: LayerRole): Promise<Uint8Array | RegistryProblem> => {
    const layer = manifest.layers[role]!;
    const blob = await client.fetchBlob(ref.repository, layer.digest, layerLimit(role), signal);
    if (!blob.ok) return problemOf(blob.error, ref.host, `${LAYERS[role].title} layer ${shortDigest(layer.digest)}`);
    const actual = digestOf(blob.value);
    if (blob.value.length !== layer.size || actual !== layer.digest) {
      return { code: 'ORK1506', message: `the ${LAYERS[role].title} layer should be ${layer.size} bytes with digest ${layer.digest}; the registry sent ${blob.value.length} bytes with digest ${actual}`,
        hint: 'the stored blob is corrupt or something between here and the registry changed it; push the artifact again and do not use it meanwhile' };
    }
    return blob.value;
  };
  const katalogBytes = await fetchLayer('katalog');
  if (!(katalogBytes instanceof Uint8Array)) return fail(katalogBytes);
  const katalogText = utf8DecodeStrict(katalogBytes);
  if (katalogText === undefined) return fail({ code: 'ORK1514', message: 'the Katalog layer is not UTF-8 text' });
  const got: Partial<Record<LayerRole, Uint8Array>> = {};
  for (const role of extras) {
    if (role === 'katalog' || !manifest.layers[role]) continue;
    const bytes = await fetchLayer(role);
    if (!(bytes instanceof Uint8Array)) return fail(bytes);
    got[role] = bytes;
  }
  return { type: 'ok', value: { digest, manifest, katalogBytes, katalogText, extras: got } };
}

/** The digest a tag points at now, with one HEAD request (a GET when the registry sends no digest header). */
export async function resolveDigest(client: RegistryClient, ref: OciReference, signal?: AbortSignalLike): Promise<{ readonly type: 'ok'; readonly digest: string } | { readonly type: 'error'; readonly problem: RegistryProblem }> {
  if (ref.digest !== undefined) return { type: 'ok', digest: ref.digest };
  const tag = ref.tag ?? 'latest';
  const where = `tag "${tag}" in ${formatReference({ host: ref.host, repository: ref.repository })}`;
  const head = await client.headManifest(ref.repository, tag, signal);
  if (!head.ok) return { type: 'error', problem: problemOf(head.error, ref.host, where) };
  if (head.value.digest !== undefined) return { type: 'ok', digest: head.value.digest };
  const fetched = await client.fetchManifest(ref.repository, tag, MAX_MANIFEST_BYTES, signal);
  if (!fetched.ok) return { type: 'error', problem: problemOf(fetched.error, ref.host, where) };
  return { type: 'ok', digest: digestOf(fetched.value.bytes) };
}
