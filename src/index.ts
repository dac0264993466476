export { startGateway, type RunningGateway } from './gateway';
export type { GatewayOptions } from './options';
export { DIALECT_IDS, type DialectId } from './core/dialects';
export { credentialFingerprint } from './core/credential-fingerprint';
export type { Exchange } from './http/journal';
