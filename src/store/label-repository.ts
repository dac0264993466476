import type { VendorId } from '../core/dialects';
import { UniqueViolation, type DocumentCollection, type NewDocument, type StoreEngine } from './engine';
import { LabelIndex } from './label-index';
import type { LabelRecord } from './store-records';
import type { StoredLabel } from './stored-label';

/** A write lost to the unique index: another active label already holds the name in its scope. */
export class DuplicateNameError extends Error {
  override name = 'DuplicateNameError';
}

export type NewLabelRecord = NewDocument<StoredLabel>;

/**
 * Durable label storage: every write goes to the engine (whose unique constraint on `uniqueKey`
 * decides races between concurrent creates, in this process or another), and the read index
 * hears of it from the engine, as it hears of other processes' writes on a shared engine: only a
 * write the engine accepted reaches it.
 */
export class LabelRepository {
  readonly index = new LabelIndex();

  private constructor(private readonly collection: DocumentCollection<StoredLabel>) {}

  static async open(engine: StoreEngine): Promise<LabelRepository> {
    const repository = new LabelRepository(engine.collection<StoredLabel>('labels'));
    repository.rebuild(await repository.collection.load());
    repository.collection.listen({
      put: (record) => repository.index.put(record),
      removed: (record) => repository.index.remove(record._id),
      reload: (records) => repository.rebuild(records),
    });
    return repository;
  }

  /** Stores a new label; the engine numbers it after every label before it. */
  async insert(record: NewLabelRecord): Promise<StoredLabel> {
    try {
      return await this.collection.insert(record);
    } catch (error) {
      throw translateUniqueViolation(error);
    }
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
    try {
      return await this.collection.update(id, expected, changes, unset);
    } catch (error) {
      throw translateUniqueViolation(error);
    }
  }

  remove(id: string): Promise<boolean> {
    return this.collection.remove(id);
  }

  clear(): Promise<void> {
    return this.collection.clear();
  }

  /** Every label with its bookkeeping, in creation order. */
  records(): LabelRecord[] {
    return [...this.index.all()].sort((a, b) => a.seq - b.seq).map(({ _id, seq, ...record }) => record);
  }

  /**
   * Takes away the labels of the selected organisations and adds `records` after every label there
   * is, in their order. The caller has checked them (ids and names unique): the write is all or
   * nothing, but should it still fail, the read index is rebuilt from what the engine holds.
   */
  async replace(isSelected: (vendor: VendorId, orgId: string, userId: string) => boolean, records: readonly LabelRecord[]): Promise<void> {
    const removed = [...this.index.all()].filter((record) => isSelected(record.vendor, record.orgId, record.userId)).map((record) => record._id);
    try {
      await this.collection.replace(removed, records.map((record) => ({ ...record, _id: record.id })));
    } catch (error) {
      this.rebuild(await this.collection.load());
      throw translateUniqueViolation(error);
    }
  }

  private rebuild(records: readonly StoredLabel[]): void {
    this.index.clear();
    for (const record of records) this.index.put(record);
  }
}

function translateUniqueViolation(error: unknown): unknown {
  return error instanceof UniqueViolation && error.field === 'uniqueKey' ? new DuplicateNameError('name already used in its scope') : error;
}
