// @orkestra/adapters/webhook: the admission webhook HTTPS server (review budgets, parse workers,
// optional client certificates) with in-place certificate reload.
export {
  buildWebhookServer, type ServerUndecided, type ServingKeyPair, type WebhookErrorCode, type WebhookLog, type WebhookMetricsHooks,
  type WebhookReply, type WebhookRoute, type WebhookServer, type WebhookServerOptions,
} from './build-webhook-server.ts';
export type { ClientAuth } from './client-auth.ts';
export { createReviewParsePool, type ReviewBody, type ReviewParser } from './review-parse-pool.ts';
