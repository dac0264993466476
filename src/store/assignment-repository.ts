import type { VendorId } from '../core/dialects';
import type { Collection } from './datastores';

interface StoredAssignment {
  _id: string;
  vendor: VendorId;
  orgId: string;
  conversationId: string;
  labelId: string;
  seq: number;
}

/**
 * Which labels are assigned to which conversation (SuperSend v1). Conversations themselves are not
 * modelled: an assignment is a pair, and assigning the same pair twice changes nothing.
 */
export class AssignmentRepository {
  /** conversation key → label ids in assignment order */
  private readonly byConversation = new Map<string, string[]>();
  private nextSeq = 1;

  private constructor(private readonly collection: Collection) {}

  static async open(collection: Collection): Promise<AssignmentRepository> {
    const repository = new AssignmentRepository(collection);
    const records = (await collection.find({})) as unknown as StoredAssignment[];
    records.sort((a, b) => a.seq - b.seq);
    for (const record of records) repository.link(record);
    repository.nextSeq = (records[records.length - 1]?.seq ?? 0) + 1;
    return repository;
  }

  labelIdsOf(vendor: VendorId, orgId: string, conversationId: string): readonly string[] {
    return this.byConversation.get(conversationKey(vendor, orgId, conversationId)) ?? [];
  }

  async assign(vendor: VendorId, orgId: string, conversationId: string, labelId: string): Promise<void> {
    const record: StoredAssignment = {
      _id: `${conversationKey(vendor, orgId, conversationId)}|${labelId}`,
      vendor,
      orgId,
      conversationId,
      labelId,
      seq: this.nextSeq++,
    };
    try {
      await this.collection.insert(record);
    } catch (error) {
      if ((error as { errorType?: string }).errorType === 'uniqueViolated') return; // already assigned
      throw error;
    }
    this.link(record);
  }

  async unassign(vendor: VendorId, orgId: string, conversationId: string, labelId: string): Promise<void> {
    const key = conversationKey(vendor, orgId, conversationId);
    await this.collection.remove({ _id: `${key}|${labelId}` }, {});
    const remaining = (this.byConversation.get(key) ?? []).filter((id) => id !== labelId);
    if (remaining.length > 0) this.byConversation.set(key, remaining);
    else this.byConversation.delete(key);
  }

  async clear(): Promise<void> {
    await this.collection.remove({}, { multi: true });
    this.byConversation.clear();
  }

  private link(record: StoredAssignment): void {
    const key = conversationKey(record.vendor, record.orgId, record.conversationId);
    const labelIds = this.byConversation.get(key) ?? [];
    if (!labelIds.includes(record.labelId)) labelIds.push(record.labelId);
    this.byConversation.set(key, labelIds);
  }
}

const conversationKey = (vendor: VendorId, orgId: string, conversationId: string): string =>
  `${vendor}|${orgId}|${conversationId}`;
