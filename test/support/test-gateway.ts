import request from 'supertest';
import { startGateway, type RunningGateway } from '../../src/gateway';
import type { GatewayOptions } from '../../src/options';
import { silentLogger } from '../../src/http/logger';
import { assertMatchesContract, loadContract } from './contract';
import { freshDatabase } from './postgres';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A supertest client whose every response is checked against the dialect's spec. */
export type ContractClient = { [M in Method]: (path: string) => request.Test };

export interface TestGateway extends RunningGateway {
  api: ContractClient;
}

/**
 * A private in-memory gateway on a free loopback port, silent, with a contract-checking client. In
 * jest's `postgres` project (LABEL_GATEWAY_TEST_STORE=postgres) a gateway that names no store of its
 * own gets a fresh PostgreSQL database instead, dropped when it stops.
 */
export async function startTestGateway(options: GatewayOptions = {}): Promise<TestGateway> {
  await loadContract();
  const ownStore = options.memory !== undefined || options.data !== undefined || options.store !== undefined;
  const database = process.env.LABEL_GATEWAY_TEST_STORE === 'postgres' && !ownStore ? await freshDatabase() : undefined;
  const store: GatewayOptions = database ? { store: database.url } : ownStore ? {} : { memory: true };
  const gateway = await startGateway({ port: 0, host: '127.0.0.1', ...store, logger: silentLogger, ...options });
  const stop = async () => {
    await gateway.stop();
    await database?.drop();
  };
  return { ...gateway, stop, api: contractClient(gateway.url) };
}

export function contractClient(url: string): ContractClient {
  const agent = request(url);
  const wrap = (method: Method) => (path: string) => agent[method](path).expect(assertMatchesContract);
  return { get: wrap('get'), post: wrap('post'), put: wrap('put'), patch: wrap('patch'), delete: wrap('delete') };
}
