import { sha256Hex } from '../template/functions/sha256.ts';

/** `sha256:<hex>` of the bytes: the content address the registry and every client compute. */
export function digestOf(bytes: Uint8Array): string {
  return `sha256:${sha256Hex(bytes)}`;
}

/** True for `sha256:` and 64 lowercase hex digits, the only digests lib verifies. */
export function isSha256Digest(digest: string): boolean {
  return /^sha256:[a-f0-9]{64}$/.test(digest);
}

/** `sha256:0123456789ab…`, for messages. */
export function shortDigest(digest: string): string {
  return digest.length > 19 ? `${digest.slice(0, 19)}…` : digest;
}
