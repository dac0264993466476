import { AssignmentRepository } from './assignment-repository';
import { openDatastores, type StoreLocation } from './datastores';
import { LabelRepository } from './label-repository';
import { TeamRepository } from './team-repository';

/** The mock's whole state: labels, open-mode teams and conversation assignments. */
export interface Store {
  labels: LabelRepository;
  teams: TeamRepository;
  assignments: AssignmentRepository;
  /** Empties every collection (`POST /__admin/reset`). */
  reset(): Promise<void>;
  /** Writes out everything pending and releases the data folder. */
  close(): Promise<void>;
}

export async function openStore(location: StoreLocation): Promise<Store> {
  const datastores = await openDatastores(location);
  try {
    const [labels, teams, assignments] = await Promise.all([
      LabelRepository.open(datastores.labels),
      TeamRepository.open(datastores.teams),
      AssignmentRepository.open(datastores.assignments),
    ]);
    return {
      labels,
      teams,
      assignments,
      reset: async () => {
        await Promise.all([labels.clear(), teams.clear(), assignments.clear()]);
        await datastores.flush();
      },
      close: () => datastores.close(),
    };
  } catch (error) {
    await datastores.close();
    throw error;
  }
}
