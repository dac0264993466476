import { VENDOR_OF } from '../../core/dialects';
import { GatewayError } from '../../core/errors';
import type { Tenant } from '../../core/tenant';
import type { TenantResolver } from '../../tenancy/tenant-resolver';
import { cachedFingerprint, credentialFrom } from '../authenticate';
import type { VendorExchange } from './exchange';

/**
 * Stage 2, credential: who the request acts for. The credential is noted only as its fingerprint
 * (the journal and fault matching use that), never as itself.
 */
export function authenticate(exchange: VendorExchange, tenants: TenantResolver): Tenant {
  const credential = credentialFrom(exchange.req.headers.authorization, exchange.adapter.credentials);
  noteCredential(exchange, credential);
  const tenant = tenants.resolve(VENDOR_OF[exchange.dialect], credential);
  if (!tenant) throw new GatewayError('unauthenticated', 'Invalid API key.');
  return tenant;
}

/**
 * The pass-through's credential stage: the upstream vendor decides who may call it, so a missing or
 * odd credential is not refused here; one that reads as the dialect's is noted (for faults, limits
 * and the journal).
 */
export function observeCredential(exchange: VendorExchange): void {
  const header = exchange.req.headers.authorization;
  if (header === undefined) return;
  try {
    noteCredential(exchange, credentialFrom(header, exchange.adapter.credentials));
  } catch {
    // Not a credential of the dialect's form: the vendor will say so itself.
  }
}

function noteCredential(exchange: VendorExchange, credential: string): void {
  exchange.credential = credential;
  exchange.notes.credentialFingerprint = cachedFingerprint(credential);
}
