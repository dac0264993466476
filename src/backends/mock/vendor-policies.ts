import type { VendorId } from '../../core/dialects';
import { newUlid, newUuid } from '../../core/ids';

/** The storage rules each vendor documents (or that we inferred; see DIALECTS.md). */
export interface VendorPolicy {
  /** Where a name must be unique. SuperSend's team scope treats team null as one org-wide scope. */
  uniqueness: 'organization' | 'team' | 'user';
  /** SuperSend soft-deletes, and a create of the same name restores the deleted label. */
  deletion: 'hard' | 'soft-restorable';
  newId(): string;
}

export const VENDOR_POLICIES: { readonly [V in VendorId]: VendorPolicy } = {
  attention: { uniqueness: 'organization', deletion: 'hard', newId: newUuid },
  kirim: { uniqueness: 'team', deletion: 'hard', newId: () => `lbl_${newUlid()}` },
  supersend: { uniqueness: 'team', deletion: 'soft-restorable', newId: newUuid },
  jasni: { uniqueness: 'user', deletion: 'hard', newId: newUuid },
};

/** The phrase used in conflict messages: "already exists in this team". */
export const SCOPE_WORDS: { readonly [U in VendorPolicy['uniqueness']]: string } = {
  organization: 'organization',
  team: 'team',
  user: 'account',
};
