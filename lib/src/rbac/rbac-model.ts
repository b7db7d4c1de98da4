/**
 * The RBAC planner's data model: Kubernetes PolicyRules with the reasons they exist,
 * grouped into roles per component and scope.
 */

/** One Kubernetes RBAC rule, exactly as it appears in a Role or ClusterRole. */
export interface PolicyRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  /** Absent means every object of the resource; never empty (an empty list would mean the same, silently). */
  readonly resourceNames?: readonly string[];
}

/** The process a ServiceAccount belongs to. `cc` is the Control Center, which holds no rules. */
export type Component = 'runtime' | 'gateway' | 'cc';

/** Every component in bundle order. */
export const COMPONENTS: readonly Component[] = ['runtime', 'gateway', 'cc'];

/** Where a role applies: cluster-wide (ClusterRole) or in one namespace (Role). */
export type RbacScope = { readonly type: 'cluster' } | { readonly type: 'namespace'; readonly namespace: string };

/**
 * One atomic permission need before merging: verbs on one resource of one group, for one reason.
 * The planners emit grants; `mergeGrants` turns them into rules.
 */
export interface Grant {
  readonly component: Component;
  /** Name of the Role or ClusterRole the grant lands in. */
  readonly role: string;
  readonly scope: RbacScope;
  /** `''` is the core group. */
  readonly apiGroup: string;
  /** Plural resource, with `/subresource` where it applies to one. */
  readonly resource: string;
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
  /** One line a reviewer can check: who needs this and for what. */
  readonly reason: string;
  /** The CRD entry (its `spec.crds` key) whose needs produced the grant; absent for component-wide needs. */
  readonly crd?: string;
  /** True for permissions that let the holder grant permissions (escalate, bind). */
  readonly critical?: boolean;
}

/** A merged rule with every reason that contributed to it. */
export interface PlannedRule {
  readonly rule: PolicyRule;
  /** Distinct reasons, in the order the planner met them. */
  readonly reasons: readonly string[];
  /** CRD entries whose needs produced the rule, sorted; empty for component-wide needs. */
  readonly crds: readonly string[];
  /** True when the rule carries escalate or bind (flagged in `validate --full`). */
  readonly critical: boolean;
}

/** A Role or ClusterRole of one component, with its merged rules. */
export interface PlannedRole {
  readonly component: Component;
  readonly name: string;
  readonly scope: RbacScope;
  /** What the role is for, in a few words (shown in reports and as an annotation). */
  readonly purpose: string;
  readonly rules: readonly PlannedRule[];
}

/** One component's ServiceAccount and roles. */
export interface ComponentRbac {
  readonly component: Component;
  readonly serviceAccount: string;
  /** False when the Katalog does not call for the component (a gateway without `gateway:` or `security:`). */
  readonly planned: boolean;
  /** Cluster role first, then namespaced roles by namespace and name. */
  readonly roles: readonly PlannedRole[];
}

/** The rules that exist because of one CRD entry (what `validate --full` lists under it). */
export interface CrdRbac {
  readonly crd: string;
  readonly roles: readonly PlannedRole[];
}

/** Formats a scope for messages: `cluster-wide` or `in namespace team-a`. */
export function describeScope(scope: RbacScope): string {
  return scope.type === 'cluster' ? 'cluster-wide' : `in namespace ${scope.namespace}`;
}
