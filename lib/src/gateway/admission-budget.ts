/**
 * The budgets of one admission review (spec/gateway.md §1, DESIGN §12 "untrusted input has
 * budgets"). The webhook port is reachable by more than the API server on many clusters, so
 * nothing a caller sends may hold the event loop, grow memory without bound, or push an answer
 * past the API server's timeout (which would let `failurePolicy: Ignore` fail open).
 */
import { WEBHOOK_TIMEOUT_SECONDS } from './names.ts';

/** Limits the webhook server enforces before and while a body is decided. */
export interface AdmissionBudget {
  /** Largest body read, counted on the stream (MAX_ADMISSION_REVIEW_BYTES); more is answered 413. */
  readonly maxBodyBytes: number;
  /**
   * Bodies up to this size are parsed and decided on the event loop (a 64 KiB JSON.parse takes a
   * fraction of a millisecond); larger ones are parsed on a worker thread, so a small review is
   * never queued behind a large one.
   */
  readonly inlineBodyBytes: number;
  /** Bytes of large bodies being received or waiting for the worker at once; a body that does not fit waits for room. */
  readonly largeBytesInFlight: number;
  /**
   * Large reviews that may wait, unread, for room in `largeBytesInFlight` (first come, first
   * served, each until `answerWithinMs`); one more is answered `busy` at once.
   */
  readonly largeWaiting: number;
  /** Every review is answered within this many ms of its first byte, decided or not. */
  readonly answerWithinMs: number;
  /**
   * Largest reduced review the worker hands back (everything but the objects' data: the envelope,
   * userInfo and the objects' apiVersion, kind, name, namespace and labels). The API server's
   * envelopes are a few KiB; a bigger one is a crafted body and is answered 400.
   */
  readonly maxReducedBytes: number;
}

/**
 * Largest AdmissionReview body the gateway reads, in bytes. The API server refuses request bodies
 * over 3 MiB (`MaxRequestBodyBytes`: twice etcd's default 1.5 MiB request limit, since JSON is
 * larger than the protobuf it stores), so one object is at most about 3 MiB of JSON. An UPDATE
 * review carries two (`object` and `oldObject`) plus the envelope and userInfo: 2 × 3 MiB + 1 MiB.
 * A smaller cap would turn a large but legal UPDATE into a webhook failure.
 */
export const MAX_ADMISSION_REVIEW_BYTES = 7 * 1024 * 1024;

/** The budgets the gateway runs with. */
export const ADMISSION_BUDGET: AdmissionBudget = {
  maxBodyBytes: MAX_ADMISSION_REVIEW_BYTES,
  inlineBodyBytes: 64 * 1024,
  // Four reviews of the largest legal size; past that, more large bodies only wait longer.
  largeBytesInFlight: 4 * MAX_ADMISSION_REVIEW_BYTES,
  // A waiting review costs one chunk of memory and no CPU (its sender is held back by TCP).
  largeWaiting: 16,
  // Well inside the API server's timeoutSeconds (5 s): our answer, not its timeout, decides.
  answerWithinMs: Math.floor((WEBHOOK_TIMEOUT_SECONDS * 1000) * 0.4),
  maxReducedBytes: 256 * 1024,
};

/** Why a review was answered without a decision. */
export type UndecidedReason =
  /** Not decided within `answerWithinMs`. */
  | 'budget'
  /** No room in `largeBytesInFlight`: the waiting room was full, or no room came within `answerWithinMs`. */
  | 'busy'
  /** Larger than `maxBodyBytes`. */
  | 'too-large'
  /** The decision needed an object from the API server (the Pod an eviction names) and could not read it. */
  | 'lookup-failed';
