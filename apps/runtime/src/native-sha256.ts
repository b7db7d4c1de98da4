// The runtime's SHA-256 for child fingerprints: node:crypto's, with the same answers as lib's pure
// one (native-sha256.test.ts). A restart plans every CR once, and hashing each desired child was
// 6.5% of that restart's first 1.7 s in lib's JavaScript (bench/peers profile at 1,000 CRs).
import { createHash } from 'node:crypto';
import type { Sha256Text } from '@orkestra/lib/runtime';

export const nativeSha256: Sha256Text = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
