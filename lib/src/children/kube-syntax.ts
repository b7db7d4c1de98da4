// The syntax rules the API server applies (k8s.io/apimachinery/pkg/util/validation), so a bad
// rendered value fails in the builder with its field named instead of at apply time.

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const PORT_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const QUANTITY = /^[+-]?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;

/** True for a DNS-1123 label: lowercase alphanumerics and `-`, at most 63 characters. */
export function isDnsLabel(s: string): boolean {
  return s.length <= 63 && DNS_LABEL.test(s);
}

/** True for a DNS-1035 label (a DNS-1123 label starting with a letter), as Service names must be. */
export function isDns1035Label(s: string): boolean {
  return s.length <= 63 && DNS_1035_LABEL.test(s);
}

/** True for a DNS-1123 subdomain: dot-separated labels, at most 253 characters. */
export function isDnsSubdomain(s: string): boolean {
  return s.length <= 253 && s.split('.').every((part) => DNS_LABEL.test(part));
}

/** True for a name that is a valid URL path segment, the only rule for RBAC object names. */
export function isPathSegmentName(s: string): boolean {
  return s !== '' && s !== '.' && s !== '..' && !s.includes('/') && !s.includes('%');
}

/** True for a label or annotation key: an optional DNS-subdomain prefix and `/`, then a name. */
export function isQualifiedKey(s: string): boolean {
  const slash = s.indexOf('/');
  const name = slash < 0 ? s : s.slice(slash + 1);
  const prefix = slash < 0 ? undefined : s.slice(0, slash);
  if (prefix !== undefined && (prefix === '' || !isDnsSubdomain(prefix))) return false;
  return name.length <= 63 && QUALIFIED_NAME.test(name);
}

/** True for a label value: empty, or at most 63 alphanumerics, `-`, `_`, `.` (alphanumeric ends). */
export function isLabelValue(s: string): boolean {
  return s.length <= 63 && LABEL_VALUE.test(s);
}

/** True for a ConfigMap or Secret data key. */
export function isConfigKey(s: string): boolean {
  return s.length <= 253 && CONFIG_KEY.test(s);
}

/** True for a named port (IANA service name): at most 15 characters with at least one letter. */
export function isPortName(s: string): boolean {
  return s.length <= 15 && PORT_NAME.test(s) && /[a-z]/.test(s) && !s.includes('--');
}

/** True for a resource quantity such as `500m`, `1Gi` or `2`. */
export function isQuantity(s: string): boolean {
  return QUANTITY.test(s);
}
