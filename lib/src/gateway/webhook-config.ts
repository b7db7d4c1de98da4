/** A `matchExpressions` entry of a label selector. */
export interface SelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

/** A label selector; `{}` matches everything. */
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly SelectorRequirement[];
}

/** One entry of `webhooks[].rules`. */
export interface RuleWithOperations {
  readonly operations: readonly ('CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT' | '*')[];
  readonly apiGroups: readonly string[];
  readonly apiVersions: readonly string[];
  readonly resources: readonly string[];
  readonly scope: 'Cluster' | 'Namespaced' | '*';
}

/** Where the API server sends reviews: a URL out of cluster, the Service in cluster. */
export interface WebhookClientConfig {
  readonly url?: string;
  readonly service?: { readonly name: string; readonly namespace: string; readonly port: number; readonly path: string };
  /** Base64 of the PEM CA bundle the serving certificate chains to. */
  readonly caBundle: string;
}

/** One entry of `webhooks[]` with every field the gateway sets. */
export interface ValidatingWebhook {
  readonly name: string;
  readonly clientConfig: WebhookClientConfig;
  readonly rules: readonly RuleWithOperations[];
  readonly objectSelector: LabelSelector;
  readonly namespaceSelector: LabelSelector;
  readonly matchConditions: readonly { readonly name: string; readonly expression: string }[];
  readonly failurePolicy: 'Fail' | 'Ignore';
  readonly matchPolicy: 'Equivalent' | 'Exact';
  readonly sideEffects: 'None';
  readonly timeoutSeconds: number;
  readonly admissionReviewVersions: readonly ['v1'];
}

/** One entry of a MutatingWebhookConfiguration's `webhooks[]` (issue 15). */
export interface MutatingWebhook extends ValidatingWebhook {
  /** IfNeeded: called again when a later mutating webhook changed the object (our patches are idempotent). */
  readonly reinvocationPolicy: 'Never' | 'IfNeeded';
}

/** An `admissionregistration.k8s.io/v1` MutatingWebhookConfiguration (issue 15). */
export interface MutatingWebhookConfiguration {
  readonly apiVersion: 'admissionregistration.k8s.io/v1';
  readonly kind: 'MutatingWebhookConfiguration';
  readonly metadata: { readonly name: string; readonly labels: Readonly<Record<string, string>> };
  readonly webhooks: readonly MutatingWebhook[];
}

/** Either kind of configuration the gateway keeps. */
export type WebhookConfiguration = ValidatingWebhookConfiguration | MutatingWebhookConfiguration;

/** An `admissionregistration.k8s.io/v1` ValidatingWebhookConfiguration. */
export interface ValidatingWebhookConfiguration {
  readonly apiVersion: 'admissionregistration.k8s.io/v1';
  readonly kind: 'ValidatingWebhookConfiguration';
  readonly metadata: { readonly name: string; readonly labels: Readonly<Record<string, string>> };
  readonly webhooks: readonly ValidatingWebhook[];
}
