import { ADAPTERS } from '../adapters';
import { DIALECT_CLIENTS, isTargetDialect } from '../adapters/clients';
import { MockBackend } from './backends/mock/mock-backend';
import { DIALECT_IDS, VENDOR_OF, type DialectId } from './core/dialects';
import type { Randomness } from './core/random';
import type { DialectServing } from './http/gateway-handler';
import type { Logger } from './http/logger';
import { PassThrough } from './proxy/pass-through';
import { ProxyConfigError, upstreamCredential, type ProxyConfig } from './proxy/proxy-config';
import { UpstreamBackend } from './proxy/translation/upstream-backend';
import type { RouteTable } from './specs/route-table';
import type { Store } from './store/store';

/**
 * Decides what stands behind each dialect. This is the whole difference between mock and proxy
 * modes: the route, the spec checks and the adapters are the same, only the backend differs.
 */
export function buildServing(
  config: ProxyConfig,
  deps: { store: Store; routes: RouteTable; bodyLimitBytes: number; logger: Logger; random: Randomness },
): { [D in DialectId]: DialectServing } {
  const mocks = new Map(DIALECT_IDS.map((dialect) => [VENDOR_OF[dialect], new MockBackend(VENDOR_OF[dialect], deps.store, deps.random)]));
  const serving = {} as { [D in DialectId]: DialectServing };
  for (const dialect of DIALECT_IDS) {
    const route = config.routes[dialect];
    if (!route) {
      serving[dialect] = { kind: 'mock', backend: mocks.get(VENDOR_OF[dialect])! };
    } else if (!route.as || route.as === dialect) {
      const forward = new PassThrough({
        adapter: ADAPTERS[dialect],
        upstream: route.upstream,
        contract: config.contract,
        timeoutMs: config.upstreamTimeoutMs,
        bodyLimitBytes: deps.bodyLimitBytes,
        logger: deps.logger,
      });
      serving[dialect] = { kind: 'pass-through', forward };
    } else {
      const target = route.as;
      if (!isTargetDialect(target)) {
        throw new ProxyConfigError(`routes.${dialect}: ${target} cannot be a translation target (it has no operation to get one label)`);
      }
      const backend = new UpstreamBackend({
        client: dialect,
        clientIdForm: dialect === 'kirim' ? 'kirim' : 'uuid',
        target: DIALECT_CLIENTS[target],
        upstream: route.upstream,
        credential: upstreamCredential(route),
        params: route.params ?? {},
        timeoutMs: config.upstreamTimeoutMs,
        contract: config.contract,
        routes: deps.routes,
        idMap: deps.store.idMap,
      });
      serving[dialect] = { kind: 'translation', backend };
    }
  }
  return serving;
}
