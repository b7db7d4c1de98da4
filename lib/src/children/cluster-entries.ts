import { commonItemEntries } from '../field-schemas/field-schemas.ts';

// Cluster-scoped kinds take every common field but `namespace`, so the strict item schema
// reports `namespace:` on a ClusterRole as an unknown field instead of silently ignoring it.
const { namespace: _namespace, ...rest } = commonItemEntries;

/** The common item fields without `namespace`, for cluster-scoped kinds. */
export const clusterItemEntries = rest;
