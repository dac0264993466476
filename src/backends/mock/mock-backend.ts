import type { LabelBackend } from '../../core/backend';
import type { VendorId } from '../../core/dialects';
import { GatewayError, notFound, validationError } from '../../core/errors';
import type { Label, LabelChanges, LabelPage, ListQuery, NewLabel } from '../../core/label';
import type { Randomness } from '../../core/random';
import { nowTimestamp } from '../../core/time';
import type { Tenant } from '../../tenancy/tenant';
import { LabelIndex } from '../../store/label-index';
import { DuplicateNameError, type LabelRepository, type NewLabelRecord } from '../../store/label-repository';
import type { Store } from '../../store/store';
import { toLabel, type StoredLabel } from '../../store/stored-label';
import { pageByCursor, pageByOffset } from './paging';
import { SCOPE_WORDS, uniqueKeyOf, VENDOR_POLICIES, type VendorPolicy } from './vendor-policies';

/** The stateful imitation of one vendor, applying that vendor's storage rules to the shared store. */
export class MockBackend implements LabelBackend {
  private readonly policy: VendorPolicy;
  private readonly labels: LabelRepository;

  constructor(
    private readonly vendor: VendorId,
    private readonly store: Store,
    private readonly random: Randomness,
  ) {
    this.policy = VENDOR_POLICIES[vendor];
    this.labels = store.labels;
  }

  async create(tenant: Tenant, input: NewLabel): Promise<Label> {
    const uniqueKey = this.uniqueKeyOf(tenant, input.teamId, input.name);
    const now = nowTimestamp();
    await this.noteTenant(tenant);
    if (this.policy.deletion === 'soft-restorable') {
      const restored = await this.restoreDeleted(uniqueKey, input, now);
      if (restored) return restored;
    }
    const id = this.policy.newId(this.random);
    const record: NewLabelRecord = {
      _id: id,
      id,
      vendor: this.vendor,
      orgId: tenant.orgId,
      teamId: input.teamId,
      userId: tenant.userId,
      name: input.name,
      color: input.color,
      description: input.description ?? null,
      aiFlow: input.aiFlow ?? false,
      allTeams: input.allTeams ?? false,
      isDefaultTemplate: false,
      options: input.options ?? [],
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      uniqueKey,
    };
    try {
      return toLabel(await this.labels.insert(record));
    } catch (error) {
      throw this.conflictOr(error, input.name, input.teamId);
    }
  }

  async list(tenant: Tenant, query: ListQuery): Promise<LabelPage> {
    const { index } = this.labels;
    const { vendor } = this;
    const sources = query.userId
      ? [index.list(LabelIndex.userList(vendor, tenant.orgId, query.userId))]
      : query.teamId !== undefined
        ? [
            index.list(LabelIndex.teamList(vendor, tenant.orgId, query.teamId)),
            ...(query.includeOrgWide ? [index.list(LabelIndex.teamList(vendor, tenant.orgId, null))] : []),
          ]
        : [index.list(LabelIndex.orgList(vendor, tenant.orgId))];
    const needle = query.search?.toLowerCase();
    const matching = needle ? sources.map((list) => list.filter((label) => label.name.toLowerCase().includes(needle))) : sources;
    if (query.startingAfter !== undefined) {
      const cursor = index.get(query.startingAfter);
      if (!cursor || !this.isVisibleTo(cursor, tenant)) {
        throw validationError('starting_after', `No label with id '${query.startingAfter}' to start after.`);
      }
      return pageByCursor(matching, cursor.seq, query.limit);
    }
    return pageByOffset(matching, query.offset ?? 0, query.limit);
  }

  async get(tenant: Tenant, id: string): Promise<Label> {
    return toLabel(this.activeRecord(tenant, id));
  }

  async update(tenant: Tenant, id: string, changes: LabelChanges): Promise<Label> {
    const current = this.activeRecord(tenant, id);
    await this.noteTenant(tenant);
    const set: Partial<StoredLabel> = { ...changes, updatedAt: nowTimestamp() };
    if (changes.name !== undefined) set.uniqueKey = this.uniqueKeyOf(tenant, current.teamId, changes.name, current.userId);
    try {
      const updated = await this.labels.update(id, { deleted: false }, set);
      if (!updated) throw notFound();
      return toLabel(updated);
    } catch (error) {
      throw this.conflictOr(error, changes.name ?? current.name, current.teamId);
    }
  }

  async remove(tenant: Tenant, id: string): Promise<void> {
    const current = this.activeRecord(tenant, id);
    await this.noteTenant(tenant);
    if (this.policy.deletion === 'hard') {
      if (!(await this.labels.remove(id))) throw notFound();
      return;
    }
    const now = nowTimestamp();
    const removed = await this.labels.update(
      id,
      { deleted: false },
      { deletedAt: now, updatedAt: now, restoreKey: current.uniqueKey },
      ['uniqueKey'],
    );
    if (!removed) throw notFound();
  }

  async assignToConversation(tenant: Tenant, labelId: string, conversationId: string): Promise<void> {
    this.activeRecord(tenant, labelId);
    await this.noteTenant(tenant);
    await this.store.assignments.assign(this.vendor, tenant.orgId, conversationId, labelId);
  }

  async unassignFromConversation(tenant: Tenant, labelId: string, conversationId: string): Promise<void> {
    this.activeRecord(tenant, labelId);
    await this.noteTenant(tenant);
    await this.store.assignments.unassign(this.vendor, tenant.orgId, conversationId, labelId);
  }

  async labelsOfConversation(tenant: Tenant, conversationId: string): Promise<Label[]> {
    const labelIds = this.store.assignments.labelIdsOf(this.vendor, tenant.orgId, conversationId);
    // A deleted label disappears from its conversations (and comes back if it is restored).
    return labelIds
      .map((labelId) => this.labels.index.get(labelId))
      .filter((record): record is Readonly<StoredLabel> => record !== undefined && record.deletedAt === null)
      .map(toLabel);
  }

  /** The label if it exists, is not deleted and belongs to the tenant; otherwise a plain 404. */
  private activeRecord(tenant: Tenant, id: string): Readonly<StoredLabel> {
    const record = this.labels.index.get(id);
    if (!record || record.deletedAt !== null || !this.isVisibleTo(record, tenant)) throw notFound();
    return record;
  }

  private isVisibleTo(record: Readonly<StoredLabel>, tenant: Tenant): boolean {
    if (record.vendor !== this.vendor || record.orgId !== tenant.orgId) return false;
    return this.policy.uniqueness !== 'user' || record.userId === tenant.userId;
  }

  private uniqueKeyOf(tenant: Tenant, teamId: string | null, name: string, userId = tenant.userId): string {
    return uniqueKeyOf(this.vendor, tenant.orgId, teamId, userId, name);
  }

  /** Before a tenant's first write: which credential fingerprint its organisation belongs to (open mode). */
  private noteTenant(tenant: Tenant): Promise<void> {
    return this.store.tenants.record(this.vendor, tenant.orgId, tenant.fingerprint);
  }

  private async restoreDeleted(uniqueKey: string, input: NewLabel, now: string): Promise<Label | undefined> {
    const deleted = this.labels.index.findDeleted(uniqueKey);
    if (!deleted) return undefined;
    try {
      const restored = await this.labels.update(
        deleted.id,
        { deleted: true },
        { deletedAt: null, updatedAt: now, uniqueKey, color: input.color },
        ['restoreKey'],
      );
      return restored ? toLabel(restored) : undefined;
    } catch (error) {
      throw this.conflictOr(error, input.name, input.teamId);
    }
  }

  private conflictOr(error: unknown, name: string, teamId: string | null): unknown {
    if (!(error instanceof DuplicateNameError)) return error;
    // In a team scope, team null is the organisation-wide (SuperSend legacy) labels.
    const scope = this.policy.uniqueness === 'team' && teamId === null ? 'organization' : SCOPE_WORDS[this.policy.uniqueness];
    return new GatewayError('conflict', `A label named '${name}' already exists in this ${scope}.`, { field: 'name' });
  }
}
