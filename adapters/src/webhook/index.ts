// @orkestra/adapters/webhook: the admission webhook HTTPS server (fastify) with in-place certificate reload.
export {
  buildWebhookServer, type AdmissionHandler, type ServingKeyPair, type WebhookErrorCode, type WebhookMetricsHooks,
  type WebhookServer, type WebhookServerOptions,
} from './build-webhook-server.ts';
