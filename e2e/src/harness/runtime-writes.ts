/**
 * The runtime's writes so far, from its /metrics (`rest_client_requests_total`): PATCH, POST and
 * DELETE summed over every code (PUT is only the Lease, counted apart).
 */
export async function runtimeWrites(base: string): Promise<{ writes: number; lease: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  let writes = 0, lease = 0;
  for (const line of text.split('\n')) {
    const m = /^rest_client_requests_total\{(.*)\} (\S+)$/.exec(line);
    if (!m) continue;
    const method = /method="([A-Z]+)"/.exec(m[1]!)?.[1];
    const n = Number(m[2]);
    if (method === 'PUT') lease += n;
    else if (method === 'PATCH' || method === 'POST' || method === 'DELETE') writes += n;
  }
  return { writes, lease };
}
