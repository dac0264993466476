import { COLLECTION_NAMES, UniqueViolation, type ChangeListener, type CollectionName, type DocumentCollection, type NewDocument, type StoreEngine, type StoredDocument, type UpdateCondition } from '../engine';

/**
 * The memory engine (`--memory`, and the tests): the state lives as long as the process. Each
 * operation runs to completion synchronously, so nothing interleaves with it: the unique checks
 * below are the whole of the engine's concurrency control.
 */
export function openMemoryEngine(): StoreEngine {
  const collections = new Map(COLLECTION_NAMES.map((name) => [name, new MemoryCollection()] as const));
  return {
    kind: 'memory',
    where: 'memory',
    collection: <D extends StoredDocument>(name: CollectionName) => collections.get(name) as unknown as DocumentCollection<D>,
    flush: async () => {},
    close: async () => {},
  };
}

class MemoryCollection<D extends StoredDocument> implements DocumentCollection<D> {
  /** In insertion order, which is seq order: a Map keeps it, and an update keeps a document's place. */
  private readonly byId = new Map<string, D>();
  private readonly idOfUniqueKey = new Map<string, string>();
  private nextSeq = 1;
  private listener: ChangeListener<D> | undefined;

  async load(): Promise<D[]> {
    return [...this.byId.values()].sort((a, b) => a.seq - b.seq);
  }

  listen(listener: ChangeListener<D>): void {
    this.listener = listener;
  }

  async insert(document: NewDocument<D>): Promise<D> {
    const stored = this.store({ ...document, seq: this.nextSeq++ } as D);
    this.listener?.put(stored);
    return stored;
  }

  async update(id: string, condition: UpdateCondition, changes: Partial<D>, unset: readonly string[]): Promise<D | undefined> {
    const current = this.byId.get(id);
    if (!current || isDeleted(current) !== condition.deleted) return undefined;
    const updated = { ...current } as D;
    // As in NeDB's $set, a change to undefined is no change.
    for (const [field, value] of Object.entries(changes)) if (value !== undefined) (updated as Record<string, unknown>)[field] = value;
    for (const field of unset) delete (updated as Record<string, unknown>)[field];
    const holder = updated.uniqueKey === undefined ? undefined : this.idOfUniqueKey.get(updated.uniqueKey);
    if (holder !== undefined && holder !== id) throw new UniqueViolation('uniqueKey');
    this.forgetKey(current);
    this.byId.set(id, updated);
    if (updated.uniqueKey !== undefined) this.idOfUniqueKey.set(updated.uniqueKey, id);
    this.listener?.put(updated);
    return updated;
  }

  async remove(id: string): Promise<boolean> {
    const removed = this.take(id);
    if (removed) this.listener?.removed(removed);
    return removed !== undefined;
  }

  async clear(): Promise<void> {
    this.byId.clear();
    this.idOfUniqueKey.clear();
    this.listener?.reload([]);
  }

  async replace(removedIds: readonly string[], added: ReadonlyArray<NewDocument<D>>): Promise<D[]> {
    // Checked in full before anything changes: all or nothing.
    const removing = new Set(removedIds.filter((id) => this.byId.has(id)));
    const ids = new Set<string>();
    const keys = new Set<string>();
    for (const document of added) {
      if (ids.has(document._id) || (this.byId.has(document._id) && !removing.has(document._id))) throw new UniqueViolation('_id');
      ids.add(document._id);
      const key = document.uniqueKey;
      if (key === undefined) continue;
      const holder = this.idOfUniqueKey.get(key);
      if (keys.has(key) || (holder !== undefined && !removing.has(holder))) throw new UniqueViolation('uniqueKey');
      keys.add(key);
    }
    for (const id of removing) {
      const removed = this.take(id)!;
      this.listener?.removed(removed);
    }
    return added.map((document) => {
      const stored = this.store({ ...document, seq: this.nextSeq++ } as D);
      this.listener?.put(stored);
      return stored;
    });
  }

  private store(document: D): D {
    if (this.byId.has(document._id)) throw new UniqueViolation('_id');
    if (document.uniqueKey !== undefined && this.idOfUniqueKey.has(document.uniqueKey)) throw new UniqueViolation('uniqueKey');
    this.byId.set(document._id, document);
    if (document.uniqueKey !== undefined) this.idOfUniqueKey.set(document.uniqueKey, document._id);
    return document;
  }

  private take(id: string): D | undefined {
    const current = this.byId.get(id);
    if (!current) return undefined;
    this.forgetKey(current);
    this.byId.delete(id);
    return current;
  }

  private forgetKey(document: D): void {
    if (document.uniqueKey !== undefined && this.idOfUniqueKey.get(document.uniqueKey) === document._id) this.idOfUniqueKey.delete(document.uniqueKey);
  }
}

const isDeleted = (document: StoredDocument): boolean => {
  const deletedAt = (document as { deletedAt?: unknown }).deletedAt;
  return deletedAt !== null && deletedAt !== undefined;
};
