import { Router } from 'express';
import type { DialectId } from '../core/dialects';
import { parseParameterText } from '../specs/parameter-coercion';
import type { Journal } from './journal';

export interface AdminDependencies {
  dialects: readonly DialectId[];
  storeKind: 'memory' | 'folder';
  journal: Journal;
  reset(): Promise<void>;
}

const DEFAULT_JOURNAL_LIMIT = 50;

export const ADMIN_PREFIX = '/__admin';

/** The gateway's own surface, apart from the mocked APIs (as WireMock keeps `/__admin`); mounted at ADMIN_PREFIX. */
export function adminRoutes(deps: AdminDependencies): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', dialects: deps.dialects, store: deps.storeKind });
  });
  router.post('/reset', async (_req, res) => {
    await deps.reset();
    res.json({ status: 'reset' });
  });
  router.get('/requests', (req, res) => {
    // Read as the dialects read theirs: decimal digits only (Number() would take 1e2, 0x10, " 5").
    const text = req.query.limit;
    const limit = text === undefined ? DEFAULT_JOURNAL_LIMIT : typeof text === 'string' ? parseParameterText('integer', text) : undefined;
    if (typeof limit !== 'number' || limit < 1) {
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
