import { AssignmentRepository } from './assignment-repository';
import { openDatastores, type StoreLocation, type StoreOptions } from './datastores';
import { IdMapRepository } from './id-map-repository';
import { LabelRepository } from './label-repository';
import { TeamRepository } from './team-repository';

/** The mock's whole state: labels, open-mode teams and conversation assignments. */
export interface Store {
  labels: LabelRepository;
  teams: TeamRepository;
  assignments: AssignmentRepository;
  /** Translation: client ids paired with upstream ids that have no one-to-one mapping. */
  idMap: IdMapRepository;
  /** Empties every collection (`POST /__admin/reset`). */
  reset(): Promise<void>;
  /** Writes out everything pending and releases the data folder. */
  close(): Promise<void>;
}

export async function openStore(location: StoreLocation, options: StoreOptions = {}): Promise<Store> {
  const datastores = await openDatastores(location, options);
  try {
    const [labels, teams, assignments, idMap] = await Promise.all([
      LabelRepository.open(datastores.labels),
      TeamRepository.open(datastores.teams),
      AssignmentRepository.open(datastores.assignments),
      IdMapRepository.open(datastores.idMap),
    ]);
    return {
      labels,
      teams,
      assignments,
      idMap,
      reset: async () => {
        await Promise.all([labels.clear(), teams.clear(), assignments.clear(), idMap.clear()]);
        await datastores.flush();
      },
      close: () => datastores.close(),
    };
  } catch (error) {
    await datastores.close();
    throw error;
  }
}
