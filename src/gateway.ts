import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import { ADAPTERS } from '../adapters';
import { createAdminClient, type AdminClient } from './admin-client';
import { DIALECT_IDS } from './core/dialects';
import { decideAdminAccess } from './http/admin/exposure';
import { ExchangeEvents } from './http/admin/event-stream';
import type { FaultRegistry } from './faults/fault-registry';
import { flexibleCounter, type DialectRateLimits } from './faults/rate-limits';
import { cryptoRandomness, isRandomSeed, seededRandomness, type Randomness } from './core/random';
import { resetCovers } from './core/reset-scope';
import { CoveredJournal } from './http/admin/coverage-journal';
import { contractCatalogue } from './http/admin/coverage-catalogue';
import { createGatewayServer } from './http/app';
import {
  DEFAULT_BODY_LIMIT_BYTES,
  DEFAULT_DATA_DIR,
  DEFAULT_HOST,
  DEFAULT_PORT,
  defaultSpecsDir,
  type GatewayOptions,
} from './options';
import type { ProxyConfig } from './proxy/proxy-config';
import { corsOf, createLogger, proxyConfigOf, routesSource, tenantsFileOf, testControlsOf } from './gateway-config';
import { buildServing, checkTranslationRoutes } from './serving';
import { RouteTable } from './specs/route-table';
import { loadSpecs } from './specs/spec-loader';
import { verifyAdaptersMatchSpecs } from './specs/verify-adapters';
import { loadSeedFile } from './state/seed-file';
import { createStateService } from './seeding';
import { openStore } from './store/store';
import { isPostgresUrl } from './store/postgres/connection-url';
import type { StoreLocation } from './store/store-location';
import { StoreTeamDirectory } from './tenancy/team-directory';
import { ConfiguredTenantResolver, OpenTenantResolver, type TenantResolver } from './tenancy/tenant-resolver';

/** A started gateway: where it listens, how to stop it, and its admin API as a typed client. */
export interface RunningGateway extends AdminClient {
  /** `http://host:port`, ready for requests. */
  url: string;
  port: number;
  /** Where the state is kept, for people: `memory`, a folder, or the database URL without its password. */
  store: string;
  /** Stops accepting, lets requests in flight finish, writes the store out. Safe to call twice. */
  stop(): Promise<void>;
}

/** What the gateway's own tooling reaches beneath `RunningGateway` (not public API yet). */
export interface GatewayInternals {
  faults: FaultRegistry;
  rateLimits: DialectRateLimits;
}

/** A symbol, so the internals survive `{ ...gateway }` (test helpers extend the object) yet stay out of the documented shape. */
export const GATEWAY_INTERNALS = Symbol('label-gateway internals');

/** The fault registry and rate limits of a gateway `startGateway` started, for the typed admin client to come. */
export function gatewayInternals(gateway: RunningGateway): GatewayInternals {
  const found = (gateway as RunningGateway & { [GATEWAY_INTERNALS]?: GatewayInternals })[GATEWAY_INTERNALS];
  if (!found) throw new Error('gatewayInternals: not a gateway started by startGateway()');
  return found;
}

/** Starts the gateway: specs loaded and compiled, store opened, server listening. */
export async function startGateway(options: GatewayOptions = {}): Promise<RunningGateway> {
  const logger = options.logger ?? createLogger(options);
  const host = options.host ?? DEFAULT_HOST;
  // Decided before anything opens: a refused start leaves no store locked and no port bound.
  const adminAccess = decideAdminAccess({ host, token: options.adminToken, open: options.adminOpen });
  if (options.adminOpen && !adminAccess.token && !adminAccess.loopbackHostsOnly) {
    logger.warn(`the admin API on ${host} is open to anyone who can reach it (--admin-open)`);
  }
  const tenants: TenantResolver = options.tenants
    ? new ConfiguredTenantResolver(tenantsFileOf(options.tenants))
    : new OpenTenantResolver();
  const specs = await loadSpecs(DIALECT_IDS, options.specsDir ?? defaultSpecsDir());
  verifyAdaptersMatchSpecs(specs, ADAPTERS);

  const routes = new RouteTable(specs.values(), { documentedOnly: options.documentedOnly ?? false });
  const proxyConfig = proxyConfigOf(options);
  const location = storeLocationOf(options, proxyConfig);
  checkTranslationRoutes(proxyConfig, routes, routesSource(options));
  // Also before the store opens: a bad fault or limit refuses the start with nothing to undo.
  const controls = testControlsOf(options, proxyConfig, routes);
  const cors = corsOf(options, proxyConfig);
  const bodyLimitBytes = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const random = randomnessOf(options.randomSeed ?? proxyConfig.randomSeed);
  const store = await openStore(location, random, { warn: (message) => logger.warn(message) });
  const { sharedLimiter } = store.engine;
  // On a shared store a vendor's limit holds across every gateway on it.
  if (sharedLimiter) {
    controls.limits.countWith(({ limit, windowSeconds }, dialect) =>
      // The limit is in the key: one changed at run time counts afresh, as it does in memory.
      flexibleCounter(sharedLimiter({ points: limit, duration: windowSeconds, keyPrefix: `label-gateway:${dialect}:${limit}/${windowSeconds}` }), limit),
    );
  }
  const journal = new CoveredJournal();
  const events = new ExchangeEvents(journal);

  let server: Server;
  try {
    const serving = buildServing(proxyConfig, { store, routes, bodyLimitBytes, logger, random });
    const state = createStateService({
      store,
      routes,
      serving,
      tenants,
      random,
      forgetExchanges: (scope) => journal.forget((exchange) => resetCovers(scope, exchange.dialect, exchange.credentialFingerprint ?? undefined)),
    });
    const seedFile = options.seed ?? proxyConfig.seed;
    if (seedFile !== undefined) await loadSeedFile(state, path.resolve(seedFile));
    const app = createGatewayServer(
      {
        routes,
        adapters: ADAPTERS,
        serving,
        teams: new StoreTeamDirectory(store.teams, store.tenants),
        tenants,
        controls,
        onCurrentView: store.onCurrentView,
        bodyLimitBytes,
        checkResponses: options.checkResponses ?? true,
        logger,
        random,
      },
      {
        dialects: DIALECT_IDS,
        store,
        journal,
        faults: controls.faults,
        rateLimits: controls.limits,
        state,
        events,
        operations: new Set(routes.operations().map((operation) => operation.operationId)),
        access: adminAccess,
        logger,
        coverage: journal.coverage,
        catalogue: contractCatalogue(specs.values(), routes.operations()),
        routing: { config: proxyConfig, kindOf: (dialect) => serving[dialect].kind },
      },
      { cors },
    );
    server = await listen(app, options.port ?? DEFAULT_PORT, host);
  } catch (error) {
    await store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const running: RunningGateway & { [GATEWAY_INTERNALS]: GatewayInternals } = {
    url,
    port,
    store: store.engine.where,
    ...createAdminClient(url, { token: adminAccess.token }),
    stop: () => {
      // Event streams never end by themselves: they are closed first, or the server would wait for them.
      events.closeAll();
      return (stopping ??= closeServer(server).then(() => store.close()));
    },
    [GATEWAY_INTERNALS]: { faults: controls.faults, rateLimits: controls.limits },
  };
  return running;
}

/** `store` (a PostgreSQL URL, the option's or the config file's), `memory`, or else a data folder. */
function storeLocationOf(options: GatewayOptions, config: ProxyConfig): StoreLocation {
  const url = options.store ?? (options.memory || options.data !== undefined ? undefined : config.store);
  if (url !== undefined) {
    if (options.memory || options.data !== undefined) throw new TypeError('store cannot be combined with memory or data');
    if (!isPostgresUrl(url)) throw new TypeError('store must be a PostgreSQL URL: postgres://user:password@host:5432/database');
    return { kind: 'postgres', url };
  }
  return options.memory ? { kind: 'memory' } : { kind: 'folder', dir: path.resolve(options.data ?? DEFAULT_DATA_DIR) };
}

/** Seeded when asked (repeatable runs), cryptographic otherwise. */
function randomnessOf(seed: number | undefined): Randomness {
  if (seed === undefined) return cryptoRandomness;
  if (!isRandomSeed(seed)) throw new TypeError(`randomSeed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, not ${String(seed)}`);
  return seededRandomness(seed);
}

function listen(app: Server, port: number, host: string): Promise<Server> {
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
