import type { Randomness } from '../core/random';
import { AssignmentRepository } from './assignment-repository';
import type { StoreEngine } from './engine';
import { IdMapRepository } from './id-map-repository';
import { LabelRepository } from './label-repository';
import { emptyRecords, selectorsOf, type StoreRecords, type StoreSelection } from './store-records';
import { TeamRepository } from './team-repository';
import { onCurrentView } from './speculation';
import { TenantRegistry } from './tenant-registry';
import { openEngine, type StoreLocation, type StoreOptions } from './store-location';

/** The mock's whole state: labels, open-mode teams and conversation assignments. */
export interface Store {
  /** Which engine keeps it, and where (never a password): for `/__admin/health`. */
  engine: Pick<StoreEngine, 'kind' | 'where' | 'sharedLimiter'>;
  /**
   * Before a request reads the state: applies every write other gateways sharing the engine
   * acknowledged (PostgreSQL). undefined when there are none to wait for, so that the common case
   * costs no promise.
   */
  catchUp(): Promise<void> | undefined;
  /**
   * Runs a request's work on a view that holds every write acknowledged anywhere before the call
   * (speculation.ts): at once on engines one process writes to; on a shared engine after a catch-up,
   * or, with `speculate` (creates), at once with the database confirming the view at its inserts.
   */
  onCurrentView<T>(work: () => Promise<T>, speculate: boolean): Promise<T>;
  labels: LabelRepository;
  teams: TeamRepository;
  assignments: AssignmentRepository;
  /** Translation: client ids paired with upstream ids that have no one-to-one mapping. */
  idMap: IdMapRepository;
  /** Which credential fingerprint each open-mode organisation belongs to. */
  tenants: TenantRegistry;
  /** Every record of every collection, as plain data (the admin state export). */
  records(): StoreRecords;
  /**
   * Takes away the selected records and adds `records` (checked by the caller: ids and names
   * unique). Records outside the selection, and writes to them meanwhile, are left alone.
   */
  replace(selection: StoreSelection, records: StoreRecords): Promise<void>;
  /** Empties every collection (`POST /__admin/reset`), or only the selected records. */
  reset(selection?: StoreSelection): Promise<void>;
  /** Writes out everything pending and releases the data folder or the database connections. */
  close(): Promise<void>;
}

/** `random` mints the store's own random ids (the id map's client ids). */
export async function openStore(location: StoreLocation, random: Randomness, options: StoreOptions = {}): Promise<Store> {
  const engine = await openEngine(location, options);
  try {
    const [labels, teams, assignments, idMap, tenants] = await Promise.all([
      LabelRepository.open(engine),
      TeamRepository.open(engine),
      AssignmentRepository.open(engine),
      IdMapRepository.open(engine, () => random.uuid()),
      TenantRegistry.open(engine),
    ]);
    const replace = async (selection: StoreSelection, records: StoreRecords) => {
      const { organization, label, idScope } = selectorsOf(selection);
      await Promise.all([
        labels.replace(label, records.labels),
        teams.replace(organization, records.teams),
        assignments.replace(organization, records.assignments),
        idMap.replace(idScope, records.idPairs),
        tenants.replace(organization, records.tenants),
      ]);
    };
    return {
      engine: { kind: engine.kind, where: engine.where, sharedLimiter: engine.sharedLimiter },
      catchUp: engine.catchUp ? engine.catchUp : () => undefined,
      onCurrentView: engine.catchUp ? (work, speculate) => onCurrentView(engine, work, speculate) : (work) => work(),
      labels,
      teams,
      assignments,
      idMap,
      tenants,
      records: () => ({
        labels: labels.records(),
        teams: teams.records(),
        assignments: assignments.records(),
        idPairs: idMap.records(),
        tenants: tenants.records(),
      }),
      replace,
      reset: async (selection) => {
        if (selection) return replace(selection, emptyRecords());
        await Promise.all([labels.clear(), teams.clear(), assignments.clear(), idMap.clear(), tenants.clear()]);
        await engine.flush();
      },
      close: () => engine.close(),
    };
  } catch (error) {
    await engine.close();
    throw error;
  }
}
