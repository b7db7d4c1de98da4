import { sha256Hex } from '../template/functions/sha256.ts';
import { utf8Encode } from '../util/utf8.ts';

/**
 * JSON with object keys sorted at every level, so equal values always give equal text. Every
 * child's applied-hash is this text's SHA-256, so the text must never change between versions
 * (a change re-applies every child once after an upgrade): undefined members are left out, an
 * undefined or function element is `null`, a hole in an array is nothing at all. Built by string
 * concatenation rather than arrays of parts: it runs for every child of every reconcile.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) text += ',';
      if (i in value) text += canonicalJson(value[i]);
    }
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  let text = '{';
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined) continue;
    if (text.length > 1) text += ',';
    text += `${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${text}}`;
}

/** SHA-256 of a text's UTF-8 bytes, as 64 lowercase hex digits. */
export type Sha256Text = (text: string) => string;

/** lib's own SHA-256 (pure JavaScript); a runtime may pass a native one with the same answers. */
export const sha256Text: Sha256Text = (text) => sha256Hex(utf8Encode(text));

/** The SHA-256 (64 hex digits) of a value's canonical JSON. */
export function fingerprint(value: unknown, sha256: Sha256Text = sha256Text): string {
  return sha256(canonicalJson(value));
}
