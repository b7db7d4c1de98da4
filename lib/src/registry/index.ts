// @orkestra/lib/registry: Katalogs as OCI artifacts (spec/registry.md): format, references, manifest and digest checks,
// pull and push over the RegistryClient port, and what a new Katalog does to a running runtime.
export { ANNOTATIONS, describeType, EMPTY_CONFIG, KATALOG_ARTIFACT_TYPE, LAYERS, layerRoleOf, MANIFEST_ACCEPT, MAX_EXTRA_LAYER_BYTES, MAX_MANIFEST_BYTES, OCI_INDEX, OCI_MANIFEST } from './media-types.ts';
export type { LayerRole } from './media-types.ts';
export { formatReference, isLoopbackHost, isOciReference, OCI_SCHEME, parseReference, pinnedReference, withDefaultTag } from './parse-reference.ts';
export type { OciReference, ReferenceResult } from './parse-reference.ts';
export { digestOf, isSha256Digest, shortDigest } from './digest.ts';
export { planKatalogArtifact } from './plan-artifact.ts';
export type { ArtifactAnnotations, ArtifactFile, Descriptor, PlannedArtifact } from './plan-artifact.ts';
export { artifactVersion, layerLimit, readKatalogManifest } from './read-manifest.ts';
export type { KatalogManifest, ManifestCheck } from './read-manifest.ts';
export { problemOf, registryDiagnostic } from './registry-problem.ts';
export type { RegistryProblem } from './registry-problem.ts';
export { pullKatalogArtifact, resolveDigest } from './pull-katalog-artifact.ts';
export type { PulledKatalog, PullResult } from './pull-katalog-artifact.ts';
export { pushKatalogArtifact } from './push-katalog-artifact.ts';
export type { PushOutcome, PushResult } from './push-katalog-artifact.ts';
export { parseAuthChallenge } from './parse-auth-challenge.ts';
export type { AuthChallenge } from './parse-auth-challenge.ts';
export { isQuietSwap, planKatalogSwap } from './plan-katalog-swap.ts';
export type { KatalogSwap } from './plan-katalog-swap.ts';
export { describeMissingRule, missingRuntimeRules, rbacReviewNamespaces } from './check-runtime-rbac.ts';
export type { MissingRule } from './check-runtime-rbac.ts';
