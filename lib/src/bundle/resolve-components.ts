import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { makeDiagnostic, type Place } from '../diagnostics/make-diagnostic.ts';
import { plannedComponents, type RbacPlan } from '../rbac/plan-rbac.ts';
import { COMPONENTS, type Component } from '../rbac/rbac-model.ts';

/**
 * The components a bundle holds, in bundle order. Without a request: every component the
 * Katalog calls for. With one: what was asked, except a gateway the Katalog has no block for
 * (dropped with ORK2004, since it would have nothing to do).
 */
export function resolveComponents(plan: RbacPlan, requested: readonly Component[] | undefined,
                                  place: () => Place): { components: Component[]; diagnostics: Diagnostic[] } {
  if (requested === undefined) return { components: plannedComponents(plan), diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const components = COMPONENTS.filter((c) => requested.includes(c)).filter((c) => {
    if (c !== 'gateway' || plan.components.gateway.planned) return true;
    diagnostics.push(makeDiagnostic('ORK2004', place(), 'the gateway was requested, but the Katalog has no gateway: or security: block; its objects are left out'));
    return false;
  });
  return { components, diagnostics };
}
