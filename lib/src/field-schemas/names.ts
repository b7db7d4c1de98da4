import * as v from 'valibot';
import { coded } from './coded.ts';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN_WITH_DOT = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;
const VERSION = /^v[1-9][0-9]*((alpha|beta)[1-9][0-9]*)?$/;

/** True for a DNS-1123 label (at most 63 characters). */
export function isDnsLabel(s: string): boolean {
  return s.length <= 63 && DNS_LABEL.test(s);
}

/** A DNS-1123 label such as a CRD key or a namespace. */
export const dnsLabel = v.pipe(
  v.string(),
  v.check(isDnsLabel, coded('ORK1104', 'must be a DNS-1123 label (lowercase letters, digits and "-", at most 63 characters)')),
);

/** An API group: a DNS subdomain with at least one dot. */
export const apiGroup = v.pipe(
  v.string(),
  v.check((s) => s.length <= 253 && DNS_SUBDOMAIN_WITH_DOT.test(s), coded('ORK1105', 'must be a DNS subdomain with at least one dot, such as demo.example.com')),
);

/** A resource plural: a lowercase DNS-1035 label. */
export const plural = v.pipe(
  v.string(),
  v.check((s) => s.length <= 63 && DNS_1035_LABEL.test(s), coded('ORK1106', 'must be a lowercase DNS-1035 label, such as websites')),
);

/** A Kind: CamelCase starting with an uppercase letter. */
export const kindName = v.pipe(
  v.string(),
  v.check((s) => s.length <= 63 && KIND.test(s), coded('ORK1107', 'must be CamelCase ASCII starting with an uppercase letter, such as Website')),
);

/** An API version such as v1, v1alpha1 or v2beta3. */
export const apiVersionName = v.pipe(
  v.string(),
  v.check((s) => VERSION.test(s), coded('ORK1110', 'must look like v1, v1alpha1 or v2beta3')),
);
