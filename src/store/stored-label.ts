import type { Label } from '../core/label';

/** A label as the store keeps it: the canonical fields plus bookkeeping the API never shows. */
export interface StoredLabel extends Label {
  _id: string;
  /** Creation order; lists are kept sorted by it, so paging never sorts. */
  seq: number;
  /** Set while soft-deleted (SuperSend); such a label is invisible until restored. */
  deletedAt: string | null;
  /** Present while active: the name within its uniqueness scope, guarded by a unique index. */
  uniqueKey?: string;
  /** Present while soft-deleted: the same key, so a create of that name can find it and restore it. */
  restoreKey?: string;
}

export function toLabel(record: Readonly<StoredLabel>): Label {
  return {
    id: record.id,
    vendor: record.vendor,
    orgId: record.orgId,
    teamId: record.teamId,
    userId: record.userId,
    name: record.name,
    color: record.color,
    description: record.description,
    aiFlow: record.aiFlow,
    allTeams: record.allTeams,
    isDefaultTemplate: record.isDefaultTemplate,
    options: record.options.map((option) => ({ ...option })),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
