import path from 'node:path';
import { COLLECTION_NAMES, UNIQUE_KEY_COLLECTIONS, UniqueViolation, type ChangeListener, type CollectionName, type DocumentCollection, type NewDocument, type StoreEngine, type StoredDocument, type UpdateCondition } from '../engine';
import type { StoreOptions } from '../store-location';
import { nedbOf, openDatastores, type Collection } from './datastores';
import { replaceDocuments } from './replace-documents';

/**
 * The NeDB engine: one append-only file per collection in a data folder (`--data`), held by one
 * process at a time. NeDB runs a datastore's operations one after another, and its unique indexes
 * (`_id`, and a sparse one on `uniqueKey`) settle concurrent writes.
 */
export async function openNedbEngine(dir: string, options: StoreOptions = {}): Promise<StoreEngine> {
  const folder = path.resolve(dir);
  const datastores = await openDatastores(folder, options);
  try {
    const collections = new Map<CollectionName, NedbCollection<StoredDocument>>();
    for (const name of COLLECTION_NAMES) collections.set(name, await NedbCollection.open(datastores[name], UNIQUE_KEY_COLLECTIONS.has(name)));
    return {
      kind: 'nedb',
      where: folder,
      collection: <D extends StoredDocument>(name: CollectionName) => collections.get(name) as unknown as DocumentCollection<D>,
      flush: () => datastores.flush(),
      close: () => datastores.close(),
    };
  } catch (error) {
    await datastores.close();
    throw error;
  }
}

class NedbCollection<D extends StoredDocument> implements DocumentCollection<D> {
  private nextSeq = 1;
  private listener: ChangeListener<D> | undefined;

  private constructor(private readonly collection: Collection) {}

  static async open<D extends StoredDocument>(collection: Collection, uniqueKeys: boolean): Promise<NedbCollection<D>> {
    if (uniqueKeys) await collection.ensureIndex({ fieldName: 'uniqueKey', unique: true, sparse: true });
    const opened = new NedbCollection<D>(collection);
    // Files written before every collection was numbered have documents without seq: they sort first.
    for (const document of nedbOf(collection).getAllData() as Partial<StoredDocument>[]) {
      opened.nextSeq = Math.max(opened.nextSeq, (document.seq ?? 0) + 1);
    }
    return opened;
  }

  /**
   * NeDB's own documents, not find()'s deep copies: the repositories keep them instead of a second
   * copy of every label. Safe because nobody mutates a stored document: NeDB replaces a document on
   * update, and so do the repositories.
   */
  async load(): Promise<D[]> {
    const documents = [...(nedbOf(this.collection).getAllData() as D[])];
    return documents.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  }

  listen(listener: ChangeListener<D>): void {
    this.listener = listener;
  }

  async insert(document: NewDocument<D>): Promise<D> {
    // The seq is claimed before the write is queued, so concurrent inserts are numbered in call order.
    const stored = { ...document, seq: this.nextSeq++ } as D;
    try {
      await this.collection.insert(stored);
    } catch (error) {
      throw uniqueViolationOr(error, (key) => key === stored._id);
    }
    this.listener?.put(stored);
    return stored;
  }

  async update(id: string, condition: UpdateCondition, changes: Partial<D>, unset: readonly string[]): Promise<D | undefined> {
    const modifier: Record<string, unknown> = { $set: changes };
    if (unset.length > 0) modifier.$unset = Object.fromEntries(unset.map((field) => [field, true]));
    const query = { _id: id, deletedAt: condition.deleted ? { $ne: null } : null };
    try {
      const updated = (await this.collection.update(query, modifier, { returnUpdatedDocs: true })) as unknown as D | null;
      if (updated) this.listener?.put(updated);
      return updated ?? undefined;
    } catch (error) {
      throw uniqueViolationOr(error, () => false);
    }
  }

  async remove(id: string): Promise<boolean> {
    const [current] = (await this.collection.find({ _id: id })) as unknown as D[];
    const removed = (await this.collection.remove({ _id: id }, {})) > 0;
    if (removed && current) this.listener?.removed(current);
    return removed;
  }

  async clear(): Promise<void> {
    await this.collection.remove({}, { multi: true });
    this.listener?.reload([]);
  }

  async replace(removedIds: readonly string[], added: ReadonlyArray<NewDocument<D>>): Promise<D[]> {
    const stored = added.map((document) => ({ ...document, seq: this.nextSeq++ }) as D);
    const removed = removedIds.length > 0 ? ((await this.collection.find({ _id: { $in: [...removedIds] } })) as unknown as D[]) : [];
    await this.refuseConflicts(stored, new Set(removed.map((document) => document._id)));
    try {
      await replaceDocuments(this.collection, removedIds, stored);
    } catch (error) {
      // Only a write that slipped in since the check gets here: put back what was removed.
      await nedbOf(this.collection).insertAsync(removed).catch(() => undefined);
      const ids = new Set(stored.map((document) => document._id));
      throw uniqueViolationOr(error, (key) => ids.has(key as string));
    }
    for (const document of removed) this.listener?.removed(document);
    for (const document of stored) this.listener?.put(document);
    return stored;
  }

  /** A replace must change nothing if it cannot do everything: its conflicts are found before the removal. */
  private async refuseConflicts(added: readonly D[], removing: ReadonlySet<string>): Promise<void> {
    const ids = new Set<string>();
    const keys = new Set<string>();
    for (const document of added) {
      if (ids.has(document._id)) throw new UniqueViolation('_id');
      ids.add(document._id);
      if (document.uniqueKey === undefined) continue;
      if (keys.has(document.uniqueKey)) throw new UniqueViolation('uniqueKey');
      keys.add(document.uniqueKey);
    }
    const holders = (await this.collection.find({ $or: [{ _id: { $in: [...ids] } }, { uniqueKey: { $in: [...keys] } }] })) as unknown as D[];
    for (const holder of holders) {
      if (removing.has(holder._id)) continue;
      throw new UniqueViolation(ids.has(holder._id) ? '_id' : 'uniqueKey');
    }
  }
}

/** NeDB's unique-index error names the value it refused: one of the `_id`s being written, or else a `uniqueKey`. */
function uniqueViolationOr(error: unknown, isWrittenId: (key: unknown) => boolean): unknown {
  const { errorType, key } = (error ?? {}) as { errorType?: string; key?: unknown };
  if (errorType !== 'uniqueViolated') return error;
  return new UniqueViolation(isWrittenId(key) ? '_id' : 'uniqueKey');
}
