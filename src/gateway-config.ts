import { ADAPTERS } from '../adapters';
import { isTargetDialect } from '../adapters/clients';
import type { CredentialRule } from './core/adapter';
import { FaultRegistry } from './faults/fault-registry';
import { FaultDefinitionError } from './faults/fault-schema';
import { OperationCatalogue } from './faults/operation-catalogue';
import { DialectRateLimits } from './faults/rate-limits';
import { TestControls } from './faults/test-controls';
import { corsSettingsOf, type CorsSettings } from './http/cors-settings';
import { createJsonLogger } from './http/json-logger';
import { createConsoleLogger, type LogFormat, type ProcessLogger } from './http/logger';
import type { GatewayOptions } from './options';
import { checkProxyConfig, DEFAULT_PROXY_CONFIG, parseUpstreamFlag, ProxyConfigError, readProxyConfig, type ProxyConfig } from './proxy/proxy-config';
import { DIALECT_IDS, dialectsOf, type DialectId } from './core/dialects';
import { canBeSent } from './http/authenticate';
import { readTenantsFile, type TenantEntry } from './tenancy/tenants-file';
import type { RouteTable } from './specs/route-table';

/*
 * What start-up reads from its options and files before it opens anything. `startGateway` and
 * `label-gateway lint` both call these, so a config that lints clean is one the gateway starts with.
 */

/** A `--tenants` file, with every credential checked against the Authorization rule of its vendors' dialects. */
export function tenantsFileOf(file: string): TenantEntry[] {
  return readTenantsFile(file, (vendor, credential) => dialectsOf(vendor).some((dialect) => canBeSent(credential, ADAPTERS[dialect].credentials)));
}

/** The proxy routes: the config file's (or the `proxy` object's), with `--upstream` shorthands on top. */
export function proxyConfigOf(options: GatewayOptions): ProxyConfig {
  const base = options.proxy
    ? checkProxyConfig(options.proxy, 'the proxy option')
    : options.config
      ? readProxyConfig(options.config)
      : DEFAULT_PROXY_CONFIG;
  const routes = { ...base.routes };
  for (const flag of options.upstream ?? []) {
    const [dialect, route] = parseUpstreamFlag(flag);
    routes[dialect] = route;
  }
  for (const [dialect, route] of Object.entries(routes) as Array<[DialectId, { as?: DialectId }]>) {
    if (route.as && route.as !== dialect && !isTargetDialect(route.as)) {
      throw new ProxyConfigError(`routes.${dialect}: ${route.as} cannot be a translation target (it has no operation to get one label)`);
    }
  }
  return { ...base, routes };
}

/** How an error names where the routes came from: the `proxy` object, the config file, or the `--upstream` flags. */
export function routesSource(options: GatewayOptions): string {
  return options.proxy ? 'the proxy option' : (options.config ?? '--upstream');
}

/** CORS as asked: the option (the `--cors…` flags) wins over the config's `cors`; undefined when off. */
export function corsOf(options: GatewayOptions, config: ProxyConfig): Required<CorsSettings> | undefined {
  if (options.cors !== undefined) return corsSettingsOf(options.cors, 'the cors option (--cors-origin)');
  return corsSettingsOf(config.cors, options.config ?? 'the proxy option');
}

export function createLogger(options: { quiet?: boolean; logFormat?: LogFormat }): ProcessLogger {
  const quiet = options.quiet ?? false;
  return options.logFormat === 'json' ? createJsonLogger({ quiet }) : createConsoleLogger({ quiet });
}

/** Rate limits (config file, then options) and the faults armed at start (config file's first). */
export function testControlsOf(options: GatewayOptions, config: ProxyConfig, routes: RouteTable): TestControls {
  const schemes = Object.fromEntries(DIALECT_IDS.map((dialect) => [dialect, ADAPTERS[dialect].credentials.scheme])) as Record<DialectId, CredentialRule['scheme']>;
  const faults = new FaultRegistry(new OperationCatalogue(routes.operations()), schemes);
  const armAll = (definitions: readonly unknown[], where: string) =>
    definitions.forEach((definition, index) => {
      try {
        faults.add(definition);
      } catch (error) {
        if (!(error instanceof FaultDefinitionError)) throw error;
        throw new ProxyConfigError(`${where}: faults[${index}]${error.field ? `.${error.field}` : ''}: ${error.message}`);
      }
    });
  armAll(config.faults ?? [], options.proxy ? 'the proxy option' : (options.config ?? 'the config'));
  armAll(options.faults ?? [], 'the faults option');
  return new TestControls(faults, new DialectRateLimits({ ...config.rateLimits, ...options.rateLimits }));
}
