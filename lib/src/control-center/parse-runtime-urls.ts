// ORKESTRA_URLS (and `ork control --urls`): the runtimes a Control Center watches, checked as text
// (lib has no URL parser of its host) so both the app and the CLI refuse the same inputs.

const URL_SHAPE = /^(https?):\/\/(\[[0-9a-fA-F:.]+\]|[^/?#@\s:[\]]+)(?::(\d{1,5}))?(\/[^?#\s]*)?$/i;

/** Why a runtime base URL is unusable, or undefined when it is fine. */
export function runtimeUrlProblem(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? `"${url}" must be an http:// or https:// URL` : `"${url}" is not a URL (want http://host:port, e.g. http://orkestra-runtime:8080)`;
  if (/^https?:\/\/[^/?#]*@/i.test(url)) return `"${url}" must not carry credentials (the URL is shown in the UI)`;
  if (/[?#]/.test(url)) return `"${url}" must not have a query or fragment`;
  const m = URL_SHAPE.exec(url);
  if (!m) return `"${url}" is not a URL (want http://host:port, e.g. http://orkestra-runtime:8080)`;
  if (m[3] !== undefined && Number(m[3]) > 65535) return `"${url}" has a port above 65535`;
  return undefined;
}

/** Splits a comma-separated list into base URLs without trailing slashes (ids r0, r1, ... in order), or says what is wrong. */
export function parseRuntimeUrls(text: string): { readonly type: 'ok'; readonly urls: readonly string[] } | { readonly type: 'error'; readonly message: string } {
  const urls = text.split(',').map((s) => s.trim()).filter((s) => s !== '').map(withoutTrailingSlash);
  if (urls.length === 0) return { type: 'error', message: 'must list at least one runtime URL, e.g. http://orkestra-runtime:8080' };
  for (const url of urls) {
    const problem = runtimeUrlProblem(url);
    if (problem !== undefined) return { type: 'error', message: problem };
  }
  const twice = urls.find((u, i) => urls.indexOf(u) !== i);
  if (twice !== undefined) return { type: 'error', message: `"${twice}" is listed twice` };
  return { type: 'ok', urls };
}

function withoutTrailingSlash(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  // `http://` alone stays as typed, so the error names what was given.
  return /:\/\/./.test(trimmed) ? trimmed : url;
}
