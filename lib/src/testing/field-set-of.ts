/**
 * The field set a server-side apply of `value` gives its manager, in the API server's fieldsV1
 * form, with lists keyed by index (the API server keys most by name; detectDrift accepts both).
 * Enough for the fakes; e2e checks every builder against a real API server.
 */
export function fieldSetOf(value: unknown, top = true): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      if (v !== null && typeof v === 'object') out[`i:${i}`] = fieldSetOf(v, false);
      else out[`v:${JSON.stringify(v)}`] = {};
    });
    return out;
  }
  if (value === null || typeof value !== 'object') return out;
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || v === null || (top && (k === 'apiVersion' || k === 'kind' || k === 'status'))) continue;
    out[`f:${k}`] = fieldSetOf(v, false);
  }
  return out;
}

