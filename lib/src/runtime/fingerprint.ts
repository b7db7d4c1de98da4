import { sha256Hex } from '../template/functions/sha256.ts';
import { utf8Encode } from '../util/utf8.ts';

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 of a text's UTF-8 bytes, as 64 lowercase hex digits. */
export type Sha256Text = (text: string) => string;

/** lib's own SHA-256 (pure JavaScript); a runtime may pass a native one with the same answers. */
export const sha256Text: Sha256Text = (text) => sha256Hex(utf8Encode(text));

/** The SHA-256 (64 hex digits) of a value's canonical JSON. */
export function fingerprint(value: unknown, sha256: Sha256Text = sha256Text): string {
  return sha256(canonicalJson(value));
}
