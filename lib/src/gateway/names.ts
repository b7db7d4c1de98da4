/**
 * Fixed names and limits of the admission gateway (DESIGN §7, spec/gateway.md). Labels and
 * object names are part of the user-facing contract, so they are constants, not configuration.
 */

/** The label that protects an object from deletion; only the exact value `"true"` protects. */
export const PROTECTION_LABEL = 'orkestra.io/deletion-protection';
/** In strict mode, an object carrying this label set to `"true"` may have its protection removed. */
export const STRICT_EXEMPT_LABEL = 'orkestra.io/strict-mode-exempt';
/** The immutable label the API server sets on every Namespace; selectors on it cannot be spoofed. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Namespaces that are always restricted, whatever the Katalog lists: deleting them breaks the
 * cluster. The API server itself refuses to delete `default`, `kube-system` and `kube-public`;
 * `kube-node-lease` holds the node heartbeats.
 */
export const BUILTIN_RESTRICTED_NAMESPACES: readonly string[] = ['kube-node-lease', 'kube-public', 'kube-system'];

/** HTTPS path of the deletion-protection webhooks (labels, Katalog CRDs and CRs, strict mode). */
export const DELETION_PROTECTION_PATH = '/deletion-protection';
/** HTTPS path of the namespace-protection webhooks. */
export const NAMESPACE_PROTECTION_PATH = '/namespace-protection';
/** HTTPS path of the validating webhook of the Katalog's validation rules (issue 15). */
export const VALIDATE_PATH = '/validate';
/** HTTPS path of the mutating webhook of the Katalog's mutation rules (issue 15). */
export const MUTATE_PATH = '/mutate';
/** Port of the gateway's HTTPS webhook server. */
export const WEBHOOK_PORT = 8443;
/** Name of the gateway's Service in cluster. */
export const GATEWAY_SERVICE = 'orkestra-gateway';

/**
 * Seconds the API server waits for an answer. The API allows 1–30 (default 10); a decision takes
 * microseconds, so 5 s only covers a slow network. After it, failurePolicy decides.
 */
export const WEBHOOK_TIMEOUT_SECONDS = 5;
