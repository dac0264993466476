import { ADAPTERS } from '../adapters';
import { MockBackend } from './backends/mock/mock-backend';
import { DIALECT_IDS, VENDOR_OF, type DialectId } from './core/dialects';
import type { DialectServing } from './http/gateway-handler';
import type { Logger } from './http/logger';
import { PassThrough } from './proxy/pass-through';
import { ProxyConfigError, type ProxyConfig } from './proxy/proxy-config';
import type { Store } from './store/store';

/**
 * Decides what stands behind each dialect. This is the whole difference between mock and proxy
 * modes: the route, the spec checks and the adapters are the same, only the backend differs.
 */
export function buildServing(
  config: ProxyConfig,
  deps: { store: Store; bodyLimitBytes: number; logger: Logger },
): { [D in DialectId]: DialectServing } {
  const mocks = new Map(DIALECT_IDS.map((dialect) => [VENDOR_OF[dialect], new MockBackend(VENDOR_OF[dialect], deps.store)]));
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
      throw new ProxyConfigError(`routes.${dialect}: translation to ${route.as} is not available yet`);
    }
  }
  return serving;
}
