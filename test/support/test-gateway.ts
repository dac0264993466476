import request from 'supertest';
import { startGateway, type RunningGateway } from '../../src/gateway';
import type { GatewayOptions } from '../../src/options';
import { silentLogger } from '../../src/http/logger';
import { assertMatchesContract, loadContract } from './contract';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A supertest client whose every response is checked against the dialect's spec. */
export type ContractClient = { [M in Method]: (path: string) => request.Test };

export interface TestGateway extends RunningGateway {
  api: ContractClient;
}

/** A private in-memory gateway on a free loopback port, silent, with a contract-checking client. */
export async function startTestGateway(options: GatewayOptions = {}): Promise<TestGateway> {
  await loadContract();
  const gateway = await startGateway({ port: 0, host: '127.0.0.1', memory: true, logger: silentLogger, ...options });
  return { ...gateway, api: contractClient(gateway.url) };
}

export function contractClient(url: string): ContractClient {
  const agent = request(url);
  const wrap = (method: Method) => (path: string) => agent[method](path).expect(assertMatchesContract);
  return { get: wrap('get'), post: wrap('post'), put: wrap('put'), patch: wrap('patch'), delete: wrap('delete') };
}
