// GETs against an app's HTTP API (runtime, Control Center) for e2e tests, read to the end.

/** A response read to the end. */
export interface HttpResponse {
  readonly status: number;
  readonly text: string;
  json(): any;
}

/** GETs `base + path`. */
export async function httpGet(base: string, path: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
  const res = await fetch(`${base}${path}`, { headers });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}

/** Polls GET `path` until `check` returns a value, or throws with the last answer after `timeoutMs`. */
export async function pollHttp<T>(base: string, what: string, path: string, check: (r: HttpResponse) => T | undefined,
                                  timeoutMs = 60_000, everyMs = 250, headers: Record<string, string> = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const r = await httpGet(base, path, headers);
    const value = check(r);
    if (value !== undefined) return value;
    last = `${r.status} ${r.text.slice(0, 600)}`;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last ${path}: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
