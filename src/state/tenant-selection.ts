import type { Tenant } from '../core/tenant';
import { VENDOR_POLICIES } from '../backends/mock/vendor-policies';
import type { SelectedOrganization } from '../store/store-records';

/**
 * What a tenant's reset or seed replaces: its organisation, or, where the vendor's labels belong to
 * a user (Jasni), only that user's labels, since a tenants file may give one organisation several
 * users, each a tenant of their own whose labels the others never see.
 */
export function selectionOf(tenant: Pick<Tenant, 'vendor' | 'orgId' | 'userId'>): SelectedOrganization {
  const { vendor, orgId, userId } = tenant;
  return VENDOR_POLICIES[vendor].uniqueness === 'user' ? { vendor, orgId, userId } : { vendor, orgId };
}
