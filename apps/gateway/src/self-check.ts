// The housekeeper's proof of life: one AdmissionReview to the gateway's own HTTPS port, verified
// against the CA bundle it is about to publish and the host name the API server will check, so a
// configuration is only (re)created when the API server could actually be answered.
import { request } from 'node:https';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { DELETION_PROTECTION_PATH } from '@orkestra/lib/gateway';
import { SELF_CHECK_UID } from './admission.ts';

/** Where to knock and which name the certificate must carry. */
export interface SelfCheckTarget {
  readonly connectHost: string;
  readonly port: () => number;
  /** The name the API server verifies: the URL's host, or `svc.ns.svc` in cluster. */
  readonly serverName: string;
  readonly namespace: string;
  readonly timeoutMs?: number;
  /** The gateway's own client certificate, when the webhook port requires one. */
  readonly client?: { readonly certPem: string; readonly keyPem: string };
}

/** Resolves to undefined when the endpoint answered the review with its uid, else to why not. */
export function selfCheck(target: SelfCheckTarget, caBundlePem: string): Promise<string | undefined> {
  const body = JSON.stringify({
    apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
    request: {
      uid: SELF_CHECK_UID, kind: { group: '', version: 'v1', kind: 'ConfigMap' }, resource: { group: '', version: 'v1', resource: 'configmaps' },
      operation: 'DELETE', name: 'self-check', namespace: target.namespace, userInfo: { username: 'system:serviceaccount:orkestra-gateway:self-check' },
      oldObject: { metadata: { name: 'self-check', namespace: target.namespace } },
    },
  });
  return new Promise((resolve) => {
    const req = request({
      host: target.connectHost, port: target.port(), path: DELETION_PROTECTION_PATH, method: 'POST', ca: caBundlePem,
      servername: /^[\d.]+$|:/.test(target.serverName) ? undefined : target.serverName,
      checkServerIdentity: (_host: string, cert: PeerCertificate) => checkServerIdentity(target.serverName, cert),
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      timeout: target.timeoutMs ?? 5_000, agent: false,
      ...(target.client ? { cert: target.client.certPem, key: target.client.keyPem } : {}),
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => {
        if (res.statusCode !== 200) return resolve(`HTTP ${res.statusCode ?? '?'} from the webhook endpoint`);
        try {
          const uid = (JSON.parse(text) as { response?: { uid?: unknown } }).response?.uid;
          resolve(uid === SELF_CHECK_UID ? undefined : 'the webhook endpoint answered without the review uid');
        } catch {
          resolve('the webhook endpoint answered with invalid JSON');
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (err) => resolve(`cannot reach the webhook endpoint: ${err.message}`));
    req.end(body);
  });
}
