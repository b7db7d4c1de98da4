/**
 * Names of the objects the bundle creates and the permissions refer to. The Helm chart, the
 * runtime and the gateway find these objects by name, so they are fixed, not configurable.
 */

/** Namespace the bundle installs into unless `-n` says otherwise. */
export const DEFAULT_INSTALL_NAMESPACE = 'orkestra-system';

/** ServiceAccount of each component (the chart's `*.serviceAccount` defaults). */
export const SERVICE_ACCOUNTS = { runtime: 'orkestra', gateway: 'orkestra-gateway', cc: 'orkestra-cc' } as const;

/** The runtime's ClusterRole, and its Role in each namespace a CRD is confined to. */
export const RUNTIME_ROLE = 'orkestra-runtime';
/** The runtime's Role for its leader-election Lease, in the install namespace. */
export const RUNTIME_LEADER_ELECTION_ROLE = 'orkestra-runtime-leader-election';
/** The Lease the runtime replicas elect a leader with. */
export const RUNTIME_LEASE = 'orkestra-runtime';

/** The Control Center's ClusterRole (and Role where a CRD is confined to a namespace): reading the CRs it shows (issue 12). */
export const CC_ROLE = 'orkestra-cc';

/** The gateway's ClusterRole (webhook configurations). */
export const GATEWAY_ROLE = 'orkestra-gateway';
/** The gateway's Role for its TLS Secret, in the install namespace. */
export const GATEWAY_TLS_ROLE = 'orkestra-gateway-tls';
/** The Secret holding the gateway's CA and serving certificate. */
export const GATEWAY_TLS_SECRET = 'orkestra-gateway-tls';
/** ValidatingWebhookConfiguration of deletion protection. */
export const DELETION_PROTECTION_WEBHOOK = 'orkestra-deletion-protection';
/** ValidatingWebhookConfiguration of namespace protection. */
export const NAMESPACE_PROTECTION_WEBHOOK = 'orkestra-namespace-protection';

/** ValidatingWebhookConfiguration of the Katalog's validation rules (issue 15; the reference's name). */
export const ADMISSION_VALIDATION_WEBHOOK = 'orkestra-admission-validation';
/** MutatingWebhookConfiguration of the Katalog's mutation rules (issue 15; the reference's name). */
export const ADMISSION_MUTATION_WEBHOOK = 'orkestra-admission-mutation';

/** ConfigMap holding the resolved Katalog. */
export const KATALOG_CONFIG_MAP = 'orkestra-katalog';
/** The ConfigMap key the chart mounts (`runtime.katalog.configMapKey`). */
export const KATALOG_CONFIG_MAP_KEY = 'katalog.yaml';

/** Annotation on each role listing the reasons of its rules, aligned with `rules`. */
export const RULE_REASONS_ANNOTATION = 'orkestra.orkspace.io/rule-reasons';
/** Annotation on each role saying what it is for. */
export const ROLE_PURPOSE_ANNOTATION = 'orkestra.orkspace.io/purpose';
