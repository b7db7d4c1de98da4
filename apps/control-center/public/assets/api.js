// Reads from the Control Center's JSON API (all GET). Failures become one Error with the server's
// message and hint and the HTTP status, for the page to show instead of data.

/** Fetches `path` and resolves with its JSON; rejects with `{ message, hint?, status }`. */
export async function fetchJson(path, { signal } = {}) {
  let res;
  try {
    res = await fetch(path, { headers: { accept: 'application/json' }, signal });
  } catch (err) {
    if (err?.name === 'AbortError') throw err;
    throw apiError(0, 'The Control Center is not answering', 'is it still running?');
  }
  let body;
  try {
    body = await res.json();
  } catch {
    throw apiError(res.status, `${path}: HTTP ${res.status}, not JSON`);
  }
  if (!res.ok) throw apiError(res.status, errorMessage(res.status, body), typeof body?.hint === 'string' ? body.hint : undefined);
  return body;
}

/** The text to show for an error body (the contract's `{ error, hint? }`, or a runtime's `{ error, message }`). */
export function errorMessage(status, body) {
  const message = typeof body?.message === 'string' ? body.message : undefined;
  const error = typeof body?.error === 'string' ? body.error : undefined;
  const text = message ?? error ?? 'request failed';
  if (status === 404) return `Not found: ${text}`;
  if (status === 502) return `The runtime did not answer: ${text}`;
  return `HTTP ${status}: ${text}`;
}

function apiError(status, message, hint) {
  const err = new Error(message);
  err.status = status;
  if (hint) err.hint = hint;
  return err;
}
