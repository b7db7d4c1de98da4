/** PEM text (RFC 7468) of DER bytes under `label`, 64 base64 characters a line. */
export function toPem(label: 'CERTIFICATE' | 'PRIVATE KEY', der: ArrayBuffer | Uint8Array): string {
  const base64 = Buffer.from(der instanceof Uint8Array ? der : new Uint8Array(der)).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** The DER bytes of the first PEM block labelled `label` in `pem`; undefined if there is none. */
export function fromPem(label: 'CERTIFICATE' | 'PRIVATE KEY', pem: string): Uint8Array | undefined {
  const match = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(pem);
  if (!match?.[1]) return undefined;
  return new Uint8Array(Buffer.from(match[1].replace(/\s+/g, ''), 'base64'));
}
