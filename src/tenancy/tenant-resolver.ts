import { credentialFingerprint } from '../core/credential-fingerprint';
import type { VendorId } from '../core/dialects';
import { derivedUuid } from '../core/ids';
import type { Tenant } from './tenant';
import type { TenantEntry } from './tenants-file';

/** Finds the tenant a credential acts for; undefined means the credential is not accepted (401). */
export interface TenantResolver {
  resolve(vendor: VendorId, credential: string): Tenant | undefined;
}

/**
 * Open mode, for CI: every credential is accepted and is its own organisation with one user, so
 * parallel suites never see each other's data. Ids are derived from the credential (hashed, never
 * stored), so the same credential finds its labels again after a restart.
 */
export class OpenTenantResolver implements TenantResolver {
  private readonly cache = new Map<string, Tenant>();

  resolve(vendor: VendorId, credential: string): Tenant {
    const key = `${vendor}\u0000${credential}`;
    let tenant = this.cache.get(key);
    if (!tenant) {
      tenant = {
        vendor,
        orgId: derivedUuid('org', vendor, credential),
        userId: derivedUuid('user', vendor, credential),
        fingerprint: credentialFingerprint(credential),
      };
      // Bounded so that a client cycling through credentials cannot grow the process without limit.
      if (this.cache.size >= 10_000) this.cache.clear();
      this.cache.set(key, tenant);
    }
    return tenant;
  }
}

/** Configured mode: only the credentials of the tenants file, with their organisations and teams. */
export class ConfiguredTenantResolver implements TenantResolver {
  private readonly byCredential = new Map<string, TenantEntry>();

  constructor(entries: readonly TenantEntry[]) {
    for (const entry of entries) this.byCredential.set(entry.credential, entry);
  }

  resolve(vendor: VendorId, credential: string): Tenant | undefined {
    const entry = this.byCredential.get(credential);
    if (!entry || (entry.vendors && !entry.vendors.includes(vendor))) return undefined;
    return {
      vendor,
      orgId: entry.organization,
      userId: entry.user ?? derivedUuid('user', vendor, credential),
      configuredTeams: entry.teams ?? [],
    };
  }
}
