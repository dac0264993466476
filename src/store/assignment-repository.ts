import type { VendorId } from '../core/dialects';
import type { Collection } from './datastores';
import { replaceDocuments } from './replace-documents';
import type { AssignmentRecord } from './store-records';

interface StoredAssignment extends AssignmentRecord {
  _id: string;
  seq: number;
}

interface ConversationLabels {
  vendor: VendorId;
  orgId: string;
  conversationId: string;
  /** In assignment order. */
  labelIds: string[];
}

/**
 * Which labels are assigned to which conversation (SuperSend v1). Conversations themselves are not
 * modelled: an assignment is a pair, and assigning the same pair twice changes nothing.
 */
export class AssignmentRepository {
  private readonly byConversation = new Map<string, ConversationLabels>();
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
    return this.byConversation.get(conversationKey(vendor, orgId, conversationId))?.labelIds ?? [];
  }

  async assign(vendor: VendorId, orgId: string, conversationId: string, labelId: string): Promise<void> {
    const pair: AssignmentRecord = { vendor, orgId, conversationId, labelId };
    const record: StoredAssignment = { _id: assignmentKey(pair), ...pair, seq: this.nextSeq++ };
    try {
      await this.collection.insert(record);
    } catch (error) {
      if ((error as { errorType?: string }).errorType === 'uniqueViolated') return; // already assigned
      throw error;
    }
    this.link(record);
  }

  async unassign(vendor: VendorId, orgId: string, conversationId: string, labelId: string): Promise<void> {
    await this.collection.remove({ _id: assignmentKey({ vendor, orgId, conversationId, labelId }) }, {});
    const key = conversationKey(vendor, orgId, conversationId);
    const conversation = this.byConversation.get(key);
    if (!conversation) return;
    conversation.labelIds = conversation.labelIds.filter((id) => id !== labelId);
    if (conversation.labelIds.length === 0) this.byConversation.delete(key);
  }

  async clear(): Promise<void> {
    await this.collection.remove({}, { multi: true });
    this.byConversation.clear();
  }

  /** Every assignment, each conversation's in assignment order. */
  records(): AssignmentRecord[] {
    return [...this.byConversation.values()].flatMap(({ vendor, orgId, conversationId, labelIds }) =>
      labelIds.map((labelId) => ({ vendor, orgId, conversationId, labelId })),
    );
  }

  /** Takes away the assignments of the selected organisations and adds `records`. */
  async replace(isSelected: (vendor: VendorId, orgId: string) => boolean, records: readonly AssignmentRecord[]): Promise<void> {
    const selected = (record: AssignmentRecord) => isSelected(record.vendor, record.orgId);
    const removed = this.records().filter(selected).map(assignmentKey);
    const added = records.map((record): StoredAssignment => ({ _id: assignmentKey(record), ...record, seq: this.nextSeq++ }));
    await replaceDocuments(this.collection, removed, added);
    const kept = this.records().filter((record) => !selected(record));
    this.byConversation.clear();
    for (const record of [...kept, ...added]) this.link(record);
  }

  private link(record: AssignmentRecord): void {
    const key = conversationKey(record.vendor, record.orgId, record.conversationId);
    let conversation = this.byConversation.get(key);
    if (!conversation) {
      conversation = { vendor: record.vendor, orgId: record.orgId, conversationId: record.conversationId, labelIds: [] };
      this.byConversation.set(key, conversation);
    }
    if (!conversation.labelIds.includes(record.labelId)) conversation.labelIds.push(record.labelId);
  }
}

const conversationKey = (vendor: VendorId, orgId: string, conversationId: string): string => `${vendor}|${orgId}|${conversationId}`;

const assignmentKey = (record: AssignmentRecord): string => `${conversationKey(record.vendor, record.orgId, record.conversationId)}|${record.labelId}`;
