// Optional client-certificate authentication of the webhook port: the API server presents a
// certificate from its admission-control configuration (WebhookAdmissionConfiguration
// kubeConfigFile), the TLS handshake refuses any client without one signed by `caPem`, and, when
// names are listed, the certificate must carry one of them (a CA that also signs other clients,
// such as a cluster CA signing kubelets, is then not enough).
import type { TLSSocket } from 'node:tls';

/** Who may call the webhook port. */
export interface ClientAuth {
  /** PEM bundle of the CAs whose client certificates are accepted. */
  readonly caPem: string;
  /** When not empty, the client certificate's subject CN or one of its DNS SANs must be listed. */
  readonly allowedNames: readonly string[];
  /** SHA-256 fingerprints (as Node prints them) accepted whatever their name: the gateway's own self-check client. */
  readonly alwaysAllowedFingerprints?: readonly string[];
}

const verdicts = new WeakMap<TLSSocket, string | undefined>();

/** Undefined when the peer of `socket` may call; else why not (for the log). Checked once per connection. */
export function refuseClient(socket: TLSSocket, auth: ClientAuth): string | undefined {
  if (verdicts.has(socket)) return verdicts.get(socket);
  const verdict = judge(socket, auth);
  verdicts.set(socket, verdict);
  return verdict;
}

function judge(socket: TLSSocket, auth: ClientAuth): string | undefined {
  // The handshake already required a certificate chaining to caPem (rejectUnauthorized).
  if (!socket.authorized) return `client certificate not accepted: ${String(socket.authorizationError ?? 'none presented')}`;
  const cert = socket.getPeerCertificate();
  if (auth.alwaysAllowedFingerprints?.includes(cert.fingerprint256)) return undefined;
  if (auth.allowedNames.length === 0) return undefined;
  const cn = cert.subject?.CN;
  const names = [
    ...(Array.isArray(cn) ? cn : cn !== undefined ? [cn] : []),
    ...(cert.subjectaltname ?? '').split(', ').filter((s) => s.startsWith('DNS:')).map((s) => s.slice(4)),
  ];
  return names.some((n) => auth.allowedNames.includes(n)) ? undefined : `client certificate names ${names.join(', ') || '(none)'}, none of ${auth.allowedNames.join(', ')}`;
}
