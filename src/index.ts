// The package's public surface: `startGateway` and every type its options and results are made of,
// so an embedder can name them (a test checks that no type a public signature uses is left out).
export { startGateway, type RunningGateway } from './gateway';
export type { GatewayOptions } from './options';
export { lintGateway, type LintReport } from './lint';
export { DIALECT_IDS, VENDOR_IDS, type DialectId, type VendorId } from './core/dialects';
export type { ProxyConfig, UpstreamRoute, ContractMode } from './proxy/proxy-config';
export type { CorsSettings } from './http/cors-settings';
export { silentLogger, formatAccessLine, type Logger, type AccessEntry, type LogFormat } from './http/logger';
export type { RouteKind } from './http/journal';
export { credentialFingerprint } from './core/credential-fingerprint';
export type { Exchange } from './http/journal';
export { createAdminClient, AdminApiError, type AdminClient, type RequestFilter, type StateDocument } from './admin-client';
export type { FaultDefinition, FaultView, FaultResponse, NetworkFault } from './faults/fault-definition';
export type { RateLimit, RateLimits } from './faults/rate-limits';
export type { NearMiss } from './http/journal';
export type { ContractViolation } from './http/response-contract';
export type { DialectCoverage, OperationCoverage, StatusCoverage } from './http/admin/coverage-report';
export type { RoutesReport, DialectRoute } from './http/admin/routes-report';
export type { UpstreamSighting } from './http/admin/routes-upstream-health';
