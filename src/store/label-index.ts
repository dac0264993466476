import type { VendorId } from '../core/dialects';
import type { StoredLabel } from './stored-label';

/**
 * The in-memory read side of the label store. NeDB keeps the durable copy and enforces uniqueness;
 * this index answers reads without scanning: by id in O(1), and every list (an organisation, a team,
 * a user) as an array already sorted by creation order, so a page is a slice, not a sort.
 *
 * It holds references, never copies: the records loaded at start-up are NeDB's own documents, so
 * nobody may modify a record it returns (a change goes through the repository, which puts a new one).
 */
export class LabelIndex {
  private readonly byId = new Map<string, StoredLabel>();
  private readonly lists = new Map<string, StoredLabel[]>();
  private readonly deleted = new Map<string, StoredLabel[]>();

  static orgList(vendor: VendorId, orgId: string): string {
    return `o|${vendor}|${orgId}`;
  }

  static teamList(vendor: VendorId, orgId: string, teamId: string | null): string {
    return `t|${vendor}|${orgId}|${teamId ?? ''}`;
  }

  static userList(vendor: VendorId, orgId: string, userId: string): string {
    return `u|${vendor}|${orgId}|${userId}`;
  }

  get(id: string): Readonly<StoredLabel> | undefined {
    return this.byId.get(id);
  }

  /** A sorted list; the caller must not modify it. */
  list(key: string): readonly Readonly<StoredLabel>[] {
    return this.lists.get(key) ?? EMPTY;
  }

  /** The most recently deleted label with this restore key, if any. */
  findDeleted(restoreKey: string): Readonly<StoredLabel> | undefined {
    const candidates = this.deleted.get(restoreKey);
    return candidates?.[candidates.length - 1];
  }

  /** Adds a record, or replaces the record with the same id (after an update, delete or restore). */
  put(record: StoredLabel): void {
    const previous = this.byId.get(record._id);
    if (previous) this.unlink(previous);
    this.byId.set(record._id, record);
    if (record.deletedAt === null) {
      for (const key of listKeysOf(record)) insertSorted(this.listFor(key), record);
    } else if (record.restoreKey) {
      const candidates = this.deleted.get(record.restoreKey) ?? [];
      candidates.push(record);
      this.deleted.set(record.restoreKey, candidates);
    }
  }

  remove(id: string): void {
    const previous = this.byId.get(id);
    if (!previous) return;
    this.unlink(previous);
    this.byId.delete(id);
  }

  clear(): void {
    this.byId.clear();
    this.lists.clear();
    this.deleted.clear();
  }

  get size(): number {
    return this.byId.size;
  }

  /** Every record, active and soft-deleted; the caller must not modify them. */
  all(): IterableIterator<Readonly<StoredLabel>> {
    return this.byId.values();
  }

  private unlink(record: StoredLabel): void {
    if (record.deletedAt === null) {
      for (const key of listKeysOf(record)) {
        const list = this.lists.get(key);
        if (!list) continue;
        const position = positionOf(list, record.seq);
        if (list[position]?.seq === record.seq) list.splice(position, 1);
        if (list.length === 0) this.lists.delete(key);
      }
    } else if (record.restoreKey) {
      const candidates = this.deleted.get(record.restoreKey) ?? [];
      const remaining = candidates.filter((candidate) => candidate._id !== record._id);
      if (remaining.length > 0) this.deleted.set(record.restoreKey, remaining);
      else this.deleted.delete(record.restoreKey);
    }
  }

  private listFor(key: string): StoredLabel[] {
    let list = this.lists.get(key);
    if (!list) {
      list = [];
      this.lists.set(key, list);
    }
    return list;
  }
}

const EMPTY: readonly StoredLabel[] = Object.freeze([]);

function listKeysOf(record: StoredLabel): string[] {
  return [
    LabelIndex.orgList(record.vendor, record.orgId),
    LabelIndex.teamList(record.vendor, record.orgId, record.teamId),
    LabelIndex.userList(record.vendor, record.orgId, record.userId),
  ];
}

/** The first position whose seq is not below `seq` (binary search). */
export function positionOf(list: readonly Readonly<StoredLabel>[], seq: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle].seq < seq) low = middle + 1;
    else high = middle;
  }
  return low;
}

function insertSorted(list: StoredLabel[], record: StoredLabel): void {
  // New labels have the highest seq and are appended; only a restore lands in the middle.
  if (list.length === 0 || list[list.length - 1].seq < record.seq) list.push(record);
  else list.splice(positionOf(list, record.seq), 0, record);
}
