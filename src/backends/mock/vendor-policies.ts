import type { VendorId } from '../../core/dialects';
import type { Randomness } from '../../core/random';

/** The storage rules each vendor documents (or that we inferred: marked `x-source: inferred` in its spec). */
export interface VendorPolicy {
  /** Where a name must be unique. SuperSend's team scope treats team null as one org-wide scope. */
  uniqueness: 'organization' | 'team' | 'user';
  /** SuperSend soft-deletes, and a create of the same name restores the deleted label. */
  deletion: 'hard' | 'soft-restorable';
  newId(random: Randomness): string;
  /** The documented form of the vendor's label ids, for ids that come from outside (a seed). */
  idPattern: RegExp;
  /** That form in words, for error messages. */
  idForm: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID_FORM = 'a lower-case UUID (e.g. "7c1d3f4e-2b6a-4c8d-9e0f-1a2b3c4d5e6f")';

export const VENDOR_POLICIES: { readonly [V in VendorId]: VendorPolicy } = {
  attention: { uniqueness: 'organization', deletion: 'hard', newId: (random) => random.uuid(), idPattern: UUID, idForm: UUID_FORM },
  kirim: {
    uniqueness: 'team',
    deletion: 'hard',
    newId: (random) => `lbl_${random.ulid()}`,
    idPattern: /^lbl_[0-9A-HJKMNP-TV-Z]{26}$/,
    idForm: '"lbl_" and 26 Crockford base32 characters (e.g. "lbl_01HXYZABCDEFGHJKMNPQRSTVWX")',
  },
  supersend: { uniqueness: 'team', deletion: 'soft-restorable', newId: (random) => random.uuid(), idPattern: UUID, idForm: UUID_FORM },
  jasni: { uniqueness: 'user', deletion: 'hard', newId: (random) => random.uuid(), idPattern: UUID, idForm: UUID_FORM },
};

/** The phrase used in conflict messages: "already exists in this team". */
export const SCOPE_WORDS: { readonly [U in VendorPolicy['uniqueness']]: string } = {
  organization: 'organization',
  team: 'team',
  user: 'account',
};

/**
 * A label's name within its vendor's uniqueness scope: the store's unique index holds it while the
 * label is active (and keeps it as the restore key while a SuperSend label is soft-deleted).
 */
export function uniqueKeyOf(vendor: VendorId, orgId: string, teamId: string | null, userId: string, name: string): string {
  const { uniqueness } = VENDOR_POLICIES[vendor];
  const scope = uniqueness === 'organization' ? '' : uniqueness === 'team' ? `t:${teamId ?? ''}` : `u:${userId}`;
  return JSON.stringify([vendor, orgId, scope, name]);
}
