import type { Tenant } from '../core/tenant';
import { VENDOR_POLICIES } from '../backends/mock/vendor-policies';
import type { StoreSelection } from '../store/store-records';

type SelectedOrganization = NonNullable<StoreSelection['organizations']>[number];

/**
 * What a tenant's reset or seed replaces: its organisation, or, where the vendor's labels belong to
 * a user (Jasni), only that user's labels, since a tenants file may give one organisation several
 * users, each a tenant of their own whose labels the others never see.
 */
export function selectionOf(tenant: Pick<Tenant, 'vendor' | 'orgId' | 'userId'>): SelectedOrganization {
  const { vendor, orgId, userId } = tenant;
  return VENDOR_POLICIES[vendor].uniqueness === 'user' ? { vendor, orgId, userId } : { vendor, orgId };
}

/** The key under which a selection is gathered once. */
export const selectionKey = (selected: SelectedOrganization): string => JSON.stringify([selected.vendor, selected.orgId, selected.userId ?? null]);
