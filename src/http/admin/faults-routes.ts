import { FaultDefinitionError } from '../../faults/fault-schema';
import type { FaultRegistry } from '../../faults/fault-registry';
import { sendAdminError } from './admin-errors';
import { adminRouter, type AdminRouteList } from './route-list';

export const FAULT_ROUTES = {
  'POST /faults': 'arms one fault (JSON body: dialect, operation, credential, respond | fault, delayMs, times, probability, seed); answers it with its id',
  'GET /faults': 'the armed faults, each with its id and how often it fired',
  'GET /faults/:id': 'one armed fault',
  'DELETE /faults': 'disarms every fault',
  'DELETE /faults/:id': 'disarms one fault',
} as const satisfies AdminRouteList;

export interface FaultRouteDependencies {
  faults: FaultRegistry;
}

/** Arm, list and disarm faults. A bad fault is a 400 naming its field, and nothing is armed. */
export function faultsRoutes({ faults }: FaultRouteDependencies) {
  return adminRouter(FAULT_ROUTES, {
    'POST /faults': (req, res) => {
      try {
        res.status(201).json(faults.add(req.body));
      } catch (error) {
        if (!(error instanceof FaultDefinitionError)) throw error;
        sendAdminError(res, 400, 'validation_error', error.message, { field: error.field || 'body' });
      }
    },
    'GET /faults': (_req, res) => {
      res.json({ faults: faults.list() });
    },
    'GET /faults/:id': (req, res) => {
      const fault = faults.get(String(req.params.id));
      if (fault) res.json(fault);
      else sendAdminError(res, 404, 'not_found', `No fault ${req.params.id} is armed.`);
    },
    'DELETE /faults': (_req, res) => {
      res.json({ status: 'cleared', removed: faults.clear() });
    },
    'DELETE /faults/:id': (req, res) => {
      if (faults.remove(String(req.params.id))) res.json({ status: 'removed', id: req.params.id });
      else sendAdminError(res, 404, 'not_found', `No fault ${req.params.id} is armed.`);
    },
  });
}
