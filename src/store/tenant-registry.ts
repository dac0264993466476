import type { VendorId } from '../core/dialects';
import { InFlight } from './in-flight';
import { UniqueViolation, type DocumentCollection, type StoreEngine } from './engine';
import type { TenantRecord } from './store-records';

interface StoredTenant extends TenantRecord {
  _id: string;
  seq: number;
}

/**
 * The open-mode organisations the store holds data for, each with the fingerprint of the credential
 * it belongs to (never the credential): an organisation id is a one-way hash of the credential, so
 * without this the admin state could not say whose labels it shows, nor find them from a credential
 * the way a scoped reset does. Recorded before a tenant's first write; every later write costs one
 * Set lookup.
 */
export class TenantRegistry {
  private readonly fingerprints = new Map<string, string>();
  private readonly known = new Map<VendorId, Set<string>>();
  private readonly recording = new InFlight();

  private constructor(private readonly collection: DocumentCollection<StoredTenant>) {}

  static async open(engine: StoreEngine): Promise<TenantRegistry> {
    const registry = new TenantRegistry(engine.collection<StoredTenant>('tenants'));
    registry.rebuild(await registry.collection.load());
    registry.collection.listen({
      put: (record) => registry.remember(record),
      removed: (record) => registry.forget(record),
      reload: (records) => registry.rebuild(records),
    });
    return registry;
  }

  knows(vendor: VendorId, orgId: string): boolean {
    return this.known.get(vendor)?.has(orgId) ?? false;
  }

  fingerprintOf(vendor: VendorId, orgId: string): string | undefined {
    return this.fingerprints.get(keyOf(vendor, orgId));
  }

  /**
   * Before each write of a tenant: records its organisation the first time (a configured tenant,
   * without a fingerprint, is named by its organisation and needs no record). Concurrent first
   * writes are settled by the record's deterministic _id.
   */
  record(vendor: VendorId, orgId: string, fingerprint: string | undefined): Promise<void> {
    if (fingerprint === undefined || this.knows(vendor, orgId)) return Promise.resolve();
    return this.recording.run(keyOf(vendor, orgId), () => this.insert({ vendor, orgId, fingerprint }));
  }

  private async insert(record: TenantRecord): Promise<void> {
    try {
      await this.collection.insert({ _id: keyOf(record.vendor, record.orgId), ...record });
    } catch (error) {
      // Recorded meanwhile (on a shared engine perhaps by another process, not yet heard of here).
      if (!(error instanceof UniqueViolation)) throw error;
      this.remember(record);
    }
  }

  clear(): Promise<void> {
    return this.collection.clear();
  }

  records(): TenantRecord[] {
    const records: TenantRecord[] = [];
    for (const [vendor, orgIds] of this.known) {
      for (const orgId of orgIds) records.push({ vendor, orgId, fingerprint: this.fingerprints.get(keyOf(vendor, orgId))! });
    }
    return records;
  }

  /** Drops the selected organisations' records and adds `records` (an admin state import or reset). */
  async replace(isSelected: (vendor: VendorId, orgId: string) => boolean, records: readonly TenantRecord[]): Promise<void> {
    const removed = this.records().filter((record) => isSelected(record.vendor, record.orgId)).map((record) => keyOf(record.vendor, record.orgId));
    await this.collection.replace(removed, records.map((record) => ({ _id: keyOf(record.vendor, record.orgId), ...record })));
  }

  private rebuild(records: readonly TenantRecord[]): void {
    this.fingerprints.clear();
    this.known.clear();
    for (const record of records) this.remember(record);
  }

  private forget(record: TenantRecord): void {
    this.fingerprints.delete(keyOf(record.vendor, record.orgId));
    this.known.get(record.vendor)?.delete(record.orgId);
  }

  private remember(record: TenantRecord): void {
    this.fingerprints.set(keyOf(record.vendor, record.orgId), record.fingerprint);
    let orgIds = this.known.get(record.vendor);
    if (!orgIds) {
      orgIds = new Set();
      this.known.set(record.vendor, orgIds);
    }
    orgIds.add(record.orgId);
  }
}

const keyOf = (vendor: VendorId, orgId: string): string => `${vendor}|${orgId}`;
