// The HTTP API's view of a runtime whose Katalog can be replaced (issue 19): it answers from a view
// over the current Katalog and controllers, rebuilt only when the controller set swaps, and before
// the first Katalog loads it answers "nothing runs yet" (not ready) with the source's state.
import { advertisedGateway } from './advertised-gateway.ts';
import type { KatalogSourceStatus, RuntimeView } from './http/index.ts';
import type { ControllerSet } from './controller-set.ts';
import { createRuntimeView, type RuntimeViewDeps } from './runtime-view.ts';

/** What the swappable view reads. */
export interface SwappableViewDeps extends Omit<RuntimeViewDeps, 'katalog' | 'sources'> {
  readonly set: ControllerSet;
  /** The registry source's state; undefined for a Katalog file. */
  readonly source?: () => KatalogSourceStatus | undefined;
}

/** A RuntimeView that follows the controller set's current Katalog. */
export function createSwappableView(deps: SwappableViewDeps): RuntimeView {
  const { set, source, ...rest } = deps;
  let built: { generation: number; view: RuntimeView } | undefined;
  const current = (): RuntimeView | undefined => {
    const katalog = set.katalog();
    if (!katalog) return undefined;
    if (built?.generation !== set.generation()) built = { generation: set.generation(), view: createRuntimeView({ ...rest, katalog, sources: set.sources() }) };
    return built.view;
  };
  return {
    isLeader: deps.isLeader,
    // Issue 14: the current Katalog's gateway block decides (endpoint, enabled: false).
    gatewayEndpoint: () => advertisedGateway(set.katalog(), deps.gatewayEndpoint),
    ready: () => current()?.ready() ?? false,
    health: () => current()?.health() ?? { crds: [] },
    katalog: () => current()?.katalog() ?? { name: '', version: '', runtimeVersion: deps.runtimeVersion, crds: [] },
    crd: (name) => current()?.crd(name),
    crdHealth: (name) => current()?.crdHealth(name),
    crs: (name) => current()?.crs(name),
    cr: (name, namespace, cr) => current()?.cr(name, namespace, cr),
    crEvents: (name, namespace, cr) => current()?.crEvents(name, namespace, cr),
    ...(source ? { source } : {}),
  };
}
