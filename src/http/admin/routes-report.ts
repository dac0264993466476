// What `GET /__admin/routes` answers: types only, so the package's public types name them without
// pulling in Express's (which a user's project need not have).
import type { DialectId, VendorId } from '../../core/dialects';
import type { ProxyConfig } from '../../proxy/proxy-config';
import type { UpstreamSighting } from './routes-upstream-health';

export interface DialectRoute {
  dialect: DialectId;
  vendor: VendorId;
  /** Where a client finds it on the gateway. */
  prefix: string;
  route: 'mock' | 'pass-through' | 'translation';
  /** The dialect spoken upstream (translation), or the dialect itself (pass-through); null when mocked. */
  as: DialectId | null;
  /** The upstream's URL (the config refuses one with a password in it); null when mocked. Never its credential. */
  upstream: string | null;
  operations: Array<{ operation: string; method: string; path: string; inferred: boolean }>;
  /** The upstream the last time an exchange reached it; null when mocked or not seen yet. */
  upstreamHealth: UpstreamSighting | null;
}

/** `GET /__admin/routes`. */
export interface RoutesReport {
  contract: ProxyConfig['contract'];
  upstreamTimeoutMs: ProxyConfig['upstreamTimeoutMs'];
  dialects: DialectRoute[];
}
