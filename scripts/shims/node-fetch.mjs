// node-fetch for the bundles: client-node 1.4 imports it (CommonJS, so esbuild cannot drop the
// ~380 KB it pulls in: whatwg-url, tr46's Unicode tables) for a Headers class and fetch in code
// paths the runtime never calls. Node 20 has both built in; this hands those over instead.
export const Headers = globalThis.Headers;
export const Request = globalThis.Request;
export const Response = globalThis.Response;
export default globalThis.fetch;
// Re-exported by client-node's index; never thrown by code the bundles reach.
export class AbortError extends Error {}
export class FetchError extends Error {}
