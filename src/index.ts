export { startGateway, type RunningGateway } from './gateway';
export type { GatewayOptions } from './options';
export { DIALECT_IDS, type DialectId } from './core/dialects';
