import type { ErrorCode, ErrorResponse } from './responses.ts';

/** What a route answers: a status, a content type and a body the server writes as is. */
export interface Reply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** Extra response headers, lowercase names (`allow` on a 405). */
  readonly headers?: Readonly<Record<string, string>>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** A JSON reply: `body` serialised with JSON.stringify. */
export function jsonReply(status: number, body: object): Reply {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(body) };
}

/** An error reply `{error, message, isLeader}` with `status`. */
export function errorReply(status: number, error: ErrorCode, message: string, isLeader: boolean): Reply {
  const body: ErrorResponse = { error, message, isLeader };
  return jsonReply(status, body);
}
