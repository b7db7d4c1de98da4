import { isIPv4, isIPv6 } from 'node:net';

/** The 4 (IPv4) or 16 (IPv6) network-order bytes of an IP literal, as a SAN iPAddress holds them (RFC 5280 §4.2.1.6); undefined for anything else. */
export function ipAddressBytes(text: string): Uint8Array | undefined {
  if (isIPv4(text)) return Uint8Array.from(text.split('.').map(Number));
  if (!isIPv6(text) || text.includes('%')) return undefined;
  const [head = '', tail] = text.split('::');
  const groups = (part: string): number[] => {
    if (part === '') return [];
    return part.split(':').flatMap((group) => {
      // An embedded IPv4 tail (::ffff:10.0.0.1) stands for the last two groups.
      if (!group.includes('.')) return [parseInt(group, 16)];
      const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
      return [(a << 8) | b, (c << 8) | d];
    });
  };
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  const bytes = new Uint8Array(16);
  all.forEach((group, i) => { bytes[2 * i] = group >> 8; bytes[2 * i + 1] = group & 0xff; });
  return bytes;
}

/** The canonical text of an IP address in any accepted spelling (IPv6 compressed and lower case, RFC 5952); undefined if it is none. */
export function canonicalIpAddress(text: string): string | undefined {
  if (isIPv4(text)) return text;
  // WHATWG URL serialisation of an IPv6 host is exactly RFC 5952's recommended form.
  if (isIPv6(text) && !text.includes('%')) return new URL(`http://[${text}]/`).hostname.slice(1, -1);
  return undefined;
}
