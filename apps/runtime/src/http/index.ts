// The runtime's HTTP API (probes, /metrics, /katalog) on node:http; the gateway's and Control Center's servers are in their apps too.
export { buildRuntimeServer, type HttpLogger, type RuntimeServer, type RuntimeServerOptions } from './build-runtime-server.ts';
export { overallHealth } from './overall-health.ts';
export type { AccessQuestion, Caller, CrAccess } from './cr-access.ts';
export type {
  ChildSummary, CrDetail, CrdHealthLine, CrdHealthReport, CrdInfo, CrdSummary, CrEvent, CrEventList, CrList, CrListItem,
  HealthSummary, KatalogSourceStatus, KatalogSummary, ReadyStatus, RuntimeView, SettingSource,
} from './runtime-view-contract.ts';
export type {
  CrdHealthResponse, CrdInfoResponse, CrDetailResponse, CrEventsResponse, CrListResponse, ErrorCode, ErrorResponse,
  HealthResponse, KatalogResponse, OverallStatus, ProbeResponse, Stamped,
} from './responses.ts';
