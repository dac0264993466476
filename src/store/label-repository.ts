import type { VendorId } from '../core/dialects';
import { nedbOf, type Collection } from './datastores';
import { LabelIndex } from './label-index';
import { replaceDocuments } from './replace-documents';
import type { LabelRecord } from './store-records';
import type { StoredLabel } from './stored-label';

/** A write lost to the unique index: another active label already holds the name in its scope. */
export class DuplicateNameError extends Error {
  override name = 'DuplicateNameError';
}

/**
 * Durable label storage: every write goes to NeDB first (whose unique index on `uniqueKey` decides
 * races between concurrent creates), and only a write NeDB accepted reaches the read index.
 */
export class LabelRepository {
  readonly index = new LabelIndex();
  private nextSeq = 1;

  private constructor(private readonly collection: Collection) {}

  static async open(collection: Collection): Promise<LabelRepository> {
    await collection.ensureIndex({ fieldName: 'uniqueKey', unique: true, sparse: true });
    const repository = new LabelRepository(collection);
    repository.reindex();
    let lastSeq = 0;
    for (const record of repository.index.all()) lastSeq = Math.max(lastSeq, record.seq);
    repository.nextSeq = lastSeq + 1;
    return repository;
  }

  /** Claims the next creation-order number synchronously, so concurrent creates never share one. */
  claimSeq(): number {
    return this.nextSeq++;
  }

  async insert(record: StoredLabel): Promise<StoredLabel> {
    try {
      await this.collection.insert(record);
    } catch (error) {
      throw translateUniqueViolation(error);
    }
    this.index.put(record);
    return record;
  }

  /**
   * Applies `changes` to the label `id` if it is still in the state `expected` describes (active or
   * soft-deleted), and returns the stored result; undefined when it no longer is (deleted meanwhile).
   */
  async update(
    id: string,
    expected: { deleted: boolean },
    changes: Partial<StoredLabel>,
    unset: ReadonlyArray<keyof StoredLabel> = [],
  ): Promise<StoredLabel | undefined> {
    const modifier: Record<string, unknown> = { $set: changes };
    if (unset.length > 0) modifier.$unset = Object.fromEntries(unset.map((field) => [field, true]));
    const query = { _id: id, deletedAt: expected.deleted ? { $ne: null } : null };
    let updated: StoredLabel | undefined;
    try {
      const result = await this.collection.update(query, modifier, { returnUpdatedDocs: true });
      updated = (result ?? undefined) as unknown as StoredLabel | undefined;
    } catch (error) {
      throw translateUniqueViolation(error);
    }
    if (updated) this.index.put(updated);
    return updated;
  }

  async remove(id: string): Promise<boolean> {
    const removed = await this.collection.remove({ _id: id }, {});
    this.index.remove(id);
    return removed > 0;
  }

  async clear(): Promise<void> {
    await this.collection.remove({}, { multi: true });
    this.index.clear();
  }

  /** Every label with its bookkeeping, in creation order. */
  records(): LabelRecord[] {
    return [...this.index.all()].sort((a, b) => a.seq - b.seq).map(({ _id, seq, ...record }) => record);
  }

  /**
   * Takes away the labels of the selected organisations and adds `records` after every label there
   * is, in their order. The caller has checked them (ids and names unique): the insert is all or
   * nothing, but should it still fail, the read index is rebuilt from what NeDB holds.
   */
  async replace(isSelected: (vendor: VendorId, orgId: string) => boolean, records: readonly LabelRecord[]): Promise<void> {
    const removed = [...this.index.all()].filter((record) => isSelected(record.vendor, record.orgId)).map((record) => record._id);
    const added = records.map((record): StoredLabel => ({ ...record, _id: record.id, seq: this.claimSeq() }));
    try {
      await replaceDocuments(this.collection, removed, added);
    } catch (error) {
      this.reindex();
      throw error;
    }
    for (const id of removed) this.index.remove(id);
    for (const record of added) this.index.put(record);
  }

  /**
   * NeDB's own documents, not find()'s deep copies: the index shares them instead of holding a
   * second copy of every label. Safe because neither side mutates a stored document: NeDB
   * replaces a document on update, and so does the index (put).
   */
  private reindex(): void {
    this.index.clear();
    const records = nedbOf(this.collection).getAllData() as StoredLabel[];
    records.sort((a, b) => a.seq - b.seq);
    for (const record of records) this.index.put(record);
  }
}

function translateUniqueViolation(error: unknown): unknown {
  const errorType = (error as { errorType?: string } | null)?.errorType;
  return errorType === 'uniqueViolated' ? new DuplicateNameError('name already used in its scope') : error;
}
