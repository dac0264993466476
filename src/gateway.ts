import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import { ADAPTERS } from '../adapters';
import { DIALECT_IDS } from './core/dialects';
import { Journal } from './http/journal';
import { createApp } from './http/app';
import {
  DEFAULT_BODY_LIMIT_BYTES,
  DEFAULT_DATA_DIR,
  DEFAULT_HOST,
  DEFAULT_PORT,
  defaultSpecsDir,
  type GatewayOptions,
} from './options';
import { corsOf, createLogger, proxyConfigOf } from './gateway-config';
import { buildServing } from './serving';
import { RouteTable } from './specs/route-table';
import { loadSpecs } from './specs/spec-loader';
import { verifyAdaptersMatchSpecs } from './specs/verify-adapters';
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
  const logger = options.logger ?? createLogger(options);
  const tenants: TenantResolver = options.tenants
    ? new ConfiguredTenantResolver(readTenantsFile(options.tenants))
    : new OpenTenantResolver();
  const specs = await loadSpecs(DIALECT_IDS, options.specsDir ?? defaultSpecsDir());
  verifyAdaptersMatchSpecs(specs, ADAPTERS);

  const location: StoreLocation = options.memory
    ? { kind: 'memory' }
    : { kind: 'folder', dir: path.resolve(options.data ?? DEFAULT_DATA_DIR) };
  const proxyConfig = proxyConfigOf(options);
  const cors = corsOf(options, proxyConfig);
  const bodyLimitBytes = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const store = await openStore(location);
  const journal = new Journal();

  const routes = new RouteTable(specs.values(), { documentedOnly: options.documentedOnly ?? false });
  const app = createApp(
    {
      routes,
      adapters: ADAPTERS,
      serving: buildServing(proxyConfig, { store, routes, bodyLimitBytes, logger }),
      teams: new StoreTeamDirectory(store.teams),
      tenants,
      bodyLimitBytes,
      checkResponses: options.checkResponses ?? true,
      logger,
    },
    { dialects: DIALECT_IDS, storeKind: location.kind, journal, reset: () => store.reset() },
    { cors },
  );

  let server: Server;
  try {
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
