import type { FastifyReply } from 'fastify';
import type { ErrorCode, ErrorResponse } from './responses.ts';

/** Sends an error body `{error, message, isLeader}` with `statusCode`. */
export function sendError(reply: FastifyReply, statusCode: number, error: ErrorCode, message: string, isLeader: boolean): FastifyReply {
  const body: ErrorResponse = { error, message, isLeader };
  return reply.code(statusCode).send(body);
}
