// One cold start, measured from this line (Node is up): load the gateway's TLS and webhook
// adapters, generate an ECDSA CA and serving certificate, listen, and get the first HTTPS
// response on a fresh TLS connection. Prints one JSON line of phase times in ms.
const t0 = performance.now();
const nodeUpMs = t0; // performance.now() counts from process start (timeOrigin)
const { generateCa, generateServingCert } = await import('@orkestra/adapters/tls');
const { buildWebhookServer } = await import('@orkestra/adapters/webhook');
const { ADMISSION_BUDGET } = await import('@orkestra/lib');
const { request } = await import('node:https');
const tLoaded = performance.now();
const nowMs = Date.now();
const ca = await generateCa({ commonName: 'cold-ca', validForMs: 3_600_000, nowMs });
const leaf = await generateServingCert({ ca, dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], validForMs: 3_600_000, nowMs });
const tCerts = performance.now();
const server = buildWebhookServer({
  cert: leaf.certPem, key: leaf.keyPem, budget: ADMISSION_BUDGET,
  routes: { '/validate': {
    answer: (body) => ({ status: 200, body: JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: body.value.request.uid, allowed: true } }) }),
    undecided: () => ({ status: 503, body: '{}' }),
  } },
});
const port = await server.listen('127.0.0.1', 0);
const tListening = performance.now();
const body = JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'u-1' } });
const status = await new Promise((resolve, reject) => {
  const req = request({ host: '127.0.0.1', port, path: '/validate', method: 'POST', ca: ca.certPem, servername: 'localhost',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
  req.on('error', reject);
  req.end(body);
});
const tFirst = performance.now();
if (status !== 200) throw new Error(`first response was ${status}`);
process.stdout.write(JSON.stringify({
  nodeUpMs, loadMs: tLoaded - t0, certsMs: tCerts - tLoaded, listenMs: tListening - tCerts, firstResponseMs: tFirst - tListening, totalMs: tFirst - t0,
}) + '\n');
await server.close();
