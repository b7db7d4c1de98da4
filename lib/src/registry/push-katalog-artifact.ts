import type { AbortSignalLike } from '../ports/abort-signal.ts';
import type { RegistryClient } from '../ports/registry-client.ts';
import { shortDigest } from './digest.ts';
import { formatReference, type OciReference } from './parse-reference.ts';
import type { PlannedArtifact } from './plan-artifact.ts';
import { problemOf, type RegistryProblem } from './registry-problem.ts';

/** What a push did: the artifact's digest and how many blobs the registry already had. */
export interface PushOutcome {
  readonly digest: string;
  readonly uploaded: number;
  readonly existed: number;
}

export type PushResult = { readonly type: 'ok'; readonly value: PushOutcome } | { readonly type: 'error'; readonly problem: RegistryProblem };

/**
 * Uploads the blobs, then the manifest under the reference's tag (or its digest): the manifest
 * goes last, so a tag never points at an artifact whose blobs are missing.
 */
export async function pushKatalogArtifact(client: RegistryClient, ref: OciReference, artifact: PlannedArtifact, signal?: AbortSignalLike): Promise<PushResult> {
  const fail = (problem: RegistryProblem): PushResult => ({ type: 'error', problem });
  if (ref.digest !== undefined && ref.digest !== artifact.digest) {
    return fail({ code: 'ORK1506', message: `the reference pins ${ref.digest}, but this Katalog's artifact is ${artifact.digest}`, hint: 'push to a tag, or drop the @digest from the reference' });
  }
  const repo = formatReference({ host: ref.host, repository: ref.repository });
  let uploaded = 0;
  let existed = 0;
  for (const blob of [artifact.config, ...artifact.layers]) {
    const pushed = await client.pushBlob(ref.repository, blob.digest, blob.bytes, signal);
    if (!pushed.ok) return fail(problemOf(pushed.error, ref.host, `uploading blob ${shortDigest(blob.digest)} to ${repo}`));
    if (pushed.value.existed) existed++;
    else uploaded++;
  }
  const target = ref.tag ?? artifact.digest;
  const put = await client.pushManifest(ref.repository, target, artifact.mediaType, artifact.manifest, signal);
  if (!put.ok) return fail(problemOf(put.error, ref.host, `pushing the manifest to ${repo}${ref.tag !== undefined ? `:${ref.tag}` : `@${artifact.digest}`}`));
  if (put.value.digest !== undefined && put.value.digest !== artifact.digest) {
    return fail({ code: 'ORK1506', message: `the registry stored the manifest as ${put.value.digest}, not ${artifact.digest}` });
  }
  return { type: 'ok', value: { digest: artifact.digest, uploaded, existed } };
}
