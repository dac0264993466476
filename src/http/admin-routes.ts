import { Router } from 'express';
import type { DialectId } from '../core/dialects';
import { stateRoutes, type StateControl } from './admin/state-routes';
import type { Journal } from './journal';

export interface AdminDependencies {
  dialects: readonly DialectId[];
  storeKind: 'memory' | 'folder';
  journal: Journal;
  /** Export, import, seed and reset (`/state`, `/reset`). */
  state: StateControl;
}

const DEFAULT_JOURNAL_LIMIT = 50;

export const ADMIN_PREFIX = '/__admin';

/** The gateway's own surface, apart from the mocked APIs (as WireMock keeps `/__admin`); mounted at ADMIN_PREFIX. */
export function adminRoutes(deps: AdminDependencies): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', dialects: deps.dialects, store: deps.storeKind });
  });
  router.use(stateRoutes(deps.state));
  router.get('/requests', (req, res) => {
    const limit = req.query.limit === undefined ? DEFAULT_JOURNAL_LIMIT : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1) {
      res.status(400).json({ error: 'validation_error', message: 'limit must be a whole number of at least 1.' });
      return;
    }
    res.json({ requests: deps.journal.recent(limit) });
  });
  router.delete('/requests', (_req, res) => {
    deps.journal.clear();
    res.json({ status: 'cleared' });
  });
  return router;
}
