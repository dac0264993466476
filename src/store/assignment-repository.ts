import type { VendorId } from '../core/dialects';
import { UniqueViolation, type DocumentCollection, type StoreEngine } from './engine';
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

  private constructor(private readonly collection: DocumentCollection<StoredAssignment>) {}

  static async open(engine: StoreEngine): Promise<AssignmentRepository> {
    const repository = new AssignmentRepository(engine.collection<StoredAssignment>('assignments'));
    repository.rebuild(await repository.collection.load());
    repository.collection.listen({
      put: (record) => repository.link(record),
      removed: (record) => repository.unlink(record),
      reload: (records) => repository.rebuild(records),
    });
    return repository;
  }

  labelIdsOf(vendor: VendorId, orgId: string, conversationId: string): readonly string[] {
    return this.byConversation.get(conversationKey(vendor, orgId, conversationId))?.labelIds ?? [];
  }

  async assign(vendor: VendorId, orgId: string, conversationId: string, labelId: string): Promise<void> {
    const pair: AssignmentRecord = { vendor, orgId, conversationId, labelId };
    try {
      await this.collection.insert({ _id: assignmentKey(pair), ...pair });
    } catch (error) {
      if (!(error instanceof UniqueViolation)) throw error;
      this.link(pair); // already assigned (on a shared engine perhaps by another process)
    }
  }

  async unassign(vendor: VendorId, orgId: string, conversationId: string, labelId: string): Promise<void> {
    const pair: AssignmentRecord = { vendor, orgId, conversationId, labelId };
    if (!(await this.collection.remove(assignmentKey(pair)))) this.unlink(pair);
  }

  clear(): Promise<void> {
    return this.collection.clear();
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
    await this.collection.replace(removed, records.map((record) => ({ _id: assignmentKey(record), ...record })));
  }

  private rebuild(records: readonly AssignmentRecord[]): void {
    this.byConversation.clear();
    for (const record of records) this.link(record);
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

  private unlink(record: AssignmentRecord): void {
    const key = conversationKey(record.vendor, record.orgId, record.conversationId);
    const conversation = this.byConversation.get(key);
    if (!conversation) return;
    conversation.labelIds = conversation.labelIds.filter((id) => id !== record.labelId);
    if (conversation.labelIds.length === 0) this.byConversation.delete(key);
  }
}

const conversationKey = (vendor: VendorId, orgId: string, conversationId: string): string => `${vendor}|${orgId}|${conversationId}`;

const assignmentKey = (record: AssignmentRecord): string => `${conversationKey(record.vendor, record.orgId, record.conversationId)}|${record.labelId}`;
