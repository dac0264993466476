import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import { ADAPTERS } from '../adapters';
import { DIALECT_IDS } from './core/dialects';
import { cryptoRandomness, isRandomSeed, seededRandomness, type Randomness } from './core/random';
import { resetCovers } from './core/reset-scope';
import { Journal } from './http/journal';
import { createApp } from './http/app';
import { createConsoleLogger } from './http/logger';
import {
  DEFAULT_BODY_LIMIT_BYTES,
  DEFAULT_DATA_DIR,
  DEFAULT_HOST,
  DEFAULT_PORT,
  defaultSpecsDir,
  type GatewayOptions,
} from './options';
import { checkProxyConfig, DEFAULT_PROXY_CONFIG, parseUpstreamFlag, readProxyConfig, type ProxyConfig } from './proxy/proxy-config';
import { buildServing } from './serving';
import { RouteTable } from './specs/route-table';
import { loadSpecs } from './specs/spec-loader';
import { verifyAdaptersMatchSpecs } from './specs/verify-adapters';
import { loadSeedFile } from './state/seed-file';
import { mockedCreateOperations } from './state/seed-form';
import { StateService } from './state/state-service';
import { openStore } from './store/store';
import type { StoreLocation } from './store/datastores';
import { StoreTeamDirectory } from './tenancy/team-directory';
import { ConfiguredTenantResolver, OpenTenantResolver, type TenantResolver } from './tenancy/tenant-resolver';
import { readTenantsFile } from './tenancy/tenants-file';

export interface RunningGateway {
  /** `http://host:port`, ready for requests. */
  url: string;
  port: number;
  /** Stops accepting, lets requests in flight finish, writes the store out. Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts the gateway: specs loaded and compiled, store opened, server listening. */
export async function startGateway(options: GatewayOptions = {}): Promise<RunningGateway> {
  const logger = options.logger ?? createConsoleLogger({ quiet: options.quiet ?? false });
  const tenants: TenantResolver = options.tenants
    ? new ConfiguredTenantResolver(readTenantsFile(options.tenants))
    : new OpenTenantResolver();
  const specs = await loadSpecs(DIALECT_IDS, options.specsDir ?? defaultSpecsDir());
  verifyAdaptersMatchSpecs(specs, ADAPTERS);

  const location: StoreLocation = options.memory
    ? { kind: 'memory' }
    : { kind: 'folder', dir: path.resolve(options.data ?? DEFAULT_DATA_DIR) };
  const proxyConfig = proxyConfigOf(options);
  const bodyLimitBytes = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const random = randomnessOf(options.randomSeed ?? proxyConfig.randomSeed);
  const store = await openStore(location, random);
  const journal = new Journal();

  let server: Server;
  try {
    const routes = new RouteTable(specs.values(), { documentedOnly: options.documentedOnly ?? false });
    const serving = buildServing(proxyConfig, { store, routes, bodyLimitBytes, logger, random });
    const state = new StateService({
      store,
      seed: { adapters: ADAPTERS, createOperations: mockedCreateOperations(routes, serving), tenants, random },
      // Journal entries carry no credential fingerprint yet, so a one-tenant reset cannot pick its own out.
      forgetExchanges: (scope) => journal.forget((exchange) => resetCovers(scope, exchange.dialect, undefined)),
    });
    const seedFile = options.seed ?? proxyConfig.seed;
    if (seedFile !== undefined) await loadSeedFile(state, path.resolve(seedFile));
    const app = createApp(
      {
        routes,
        adapters: ADAPTERS,
        serving,
        teams: new StoreTeamDirectory(store.teams, store.tenants),
        tenants,
        bodyLimitBytes,
        checkResponses: options.checkResponses ?? true,
        logger,
        random,
      },
      { dialects: DIALECT_IDS, storeKind: location.kind, journal, state },
    );
    server = await listen(app, options.port ?? DEFAULT_PORT, options.host ?? DEFAULT_HOST);
  } catch (error) {
    await store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? DEFAULT_HOST;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    stop: () => (stopping ??= closeServer(server).then(() => store.close())),
  };
}

/** Seeded when asked (repeatable runs), cryptographic otherwise. */
function randomnessOf(seed: number | undefined): Randomness {
  if (seed === undefined) return cryptoRandomness;
  if (!isRandomSeed(seed)) throw new TypeError(`randomSeed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, not ${String(seed)}`);
  return seededRandomness(seed);
}

/** The proxy routes: the config file's, with `--upstream` shorthands on top. */
function proxyConfigOf(options: GatewayOptions): ProxyConfig {
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
  return { ...base, routes };
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

/** Stops accepting connections, lets requests in flight finish, and closes idle keep-alive sockets. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
