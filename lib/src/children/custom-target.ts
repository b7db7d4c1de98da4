import { guessPlural } from './guess-plural.ts';

/** The Kubernetes type a `custom` item produces, as the RBAC planner and runtime need it. */
export interface CustomTarget {
  /** API group; `''` is the core group. */
  group: string;
  version: string;
  kind: string;
  /** Lowercase plural resource name. */
  resource: string;
  namespaced: boolean;
  /** True when `resource` was guessed from the kind because the item sets no `plural`. */
  inferred: boolean;
}

/** The type-identifying fields of a `custom` item (never templated). */
export interface CustomTargetInput {
  apiVersion: string;
  kind: string;
  plural?: string | undefined;
  scope?: 'Namespaced' | 'Cluster' | undefined;
}

const API_VERSION = /^(?:([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)\/)?([a-z]([-a-z0-9]*[a-z0-9])?)$/;

/** True for `group/version` or a bare core `version`, such as `cert-manager.io/v1` or `v1`. */
export function isApiVersion(s: string): boolean {
  const slash = s.indexOf('/');
  return API_VERSION.test(s) && (slash < 0 ? s.length : s.length - slash - 1) <= 63 && slash <= 253;
}

/** Computes the group, version, resource and scope of a `custom` item. */
export function customTarget(item: CustomTargetInput): CustomTarget {
  const slash = item.apiVersion.indexOf('/');
  return {
    group: slash < 0 ? '' : item.apiVersion.slice(0, slash),
    version: slash < 0 ? item.apiVersion : item.apiVersion.slice(slash + 1),
    kind: item.kind,
    resource: item.plural ?? guessPlural(item.kind),
    namespaced: item.scope !== 'Cluster',
    inferred: item.plural === undefined,
  };
}
