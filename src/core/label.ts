import type { VendorId } from './dialects';

/** One selectable value of an Attention multi-value label. */
export interface LabelOption {
  value: string;
  description?: string;
}

/**
 * The canonical label: the union of what every vendor can hold. Each dialect adapter maps its
 * own wire shape to and from this one; fields a vendor does not have keep their defaults.
 */
export interface Label {
  /** The id in the owning vendor's documented form (UUID, or `lbl_…` for Kirim). */
  id: string;
  vendor: VendorId;
  orgId: string;
  /** null for SuperSend's legacy organisation-wide labels and for vendors without teams. */
  teamId: string | null;
  /** The user that created the label (Jasni scopes names per user). */
  userId: string;
  name: string;
  /** `#rrggbb` as the client sent it (case kept), or a Kirim colour stored as its hex value. */
  color: string | null;
  description: string | null;
  aiFlow: boolean;
  allTeams: boolean;
  isDefaultTemplate: boolean;
  options: LabelOption[];
  /** RFC 3339, UTC, second precision. */
  createdAt: string;
  updatedAt: string;
}

/** What a create asks for; the backend fills in ids, owner and timestamps. */
export interface NewLabel {
  teamId: string | null;
  name: string;
  color: string | null;
  description?: string | null;
  aiFlow?: boolean;
  allTeams?: boolean;
  options?: LabelOption[];
}

/** A partial update: only the fields present are applied (pointer-nil merge). */
export type LabelChanges = Partial<Pick<Label, 'name' | 'color' | 'description' | 'aiFlow' | 'allTeams' | 'options'>>;

export interface ListQuery {
  /** Only labels of this team… */
  teamId?: string;
  /** …plus the organisation-wide labels (team null): SuperSend v2 lists both. */
  includeOrgWide?: boolean;
  /** Only labels of this user (Jasni). */
  userId?: string;
  /** Case-insensitive substring of the name. */
  search?: string;
  limit?: number;
  offset?: number;
  /** Cursor paging: labels after this id (Kirim's `starting_after`). */
  startingAfter?: string;
}

export interface LabelPage {
  labels: Label[];
  /** How many labels match the query in all. */
  total: number;
  hasMore: boolean;
}
