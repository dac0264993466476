import request from 'supertest';
import type { DialectId } from '../../src/core/dialects';
import type { FaultDefinition, FaultView } from '../../src/faults/fault-definition';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- error envelopes differ per dialect; the contract client checks their shape

/** Arms a fault through the admin API, as a test suite would. */
export async function armFault(gatewayUrl: string, fault: FaultDefinition): Promise<FaultView> {
  const res = await request(gatewayUrl).post('/__admin/faults').send(fault).expect(201);
  return res.body as FaultView;
}

export async function clearFaults(gatewayUrl: string): Promise<void> {
  await request(gatewayUrl).delete('/__admin/faults').expect(200);
}

/** The sentence of an error answer, wherever its dialect's envelope keeps it. */
export function errorMessageOf(dialect: DialectId, body: unknown): string {
  const envelope = body as Body;
  switch (dialect) {
    case 'jasni':
      return envelope.error;
    case 'supersend-v1':
      return envelope.message;
    default:
      return envelope.error.message;
  }
}

export const VIOLATIONS_HEADER = 'x-label-gateway-violations';
