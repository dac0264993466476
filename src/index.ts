export { startGateway, type RunningGateway } from './gateway';
export type { GatewayOptions } from './options';
export { DIALECT_IDS, type DialectId } from './core/dialects';
export { credentialFingerprint } from './core/credential-fingerprint';
export type { Exchange } from './http/journal';
export { createAdminClient, AdminApiError, type AdminClient, type RequestFilter, type StateDocument } from './admin-client';
export type { FaultDefinition, FaultView, FaultResponse, NetworkFault } from './faults/fault-definition';
