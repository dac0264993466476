import { Router } from 'express';
import type { DialectId } from '../core/dialects';

export interface AdminDependencies {
  dialects: readonly DialectId[];
  storeKind: 'memory' | 'folder';
  reset(): Promise<void>;
}

/** The gateway's own surface, apart from the mocked APIs (as WireMock keeps `/__admin`). */
export function adminRoutes(deps: AdminDependencies): Router {
  const router = Router();
  router.get('/__admin/health', (_req, res) => {
    res.json({ status: 'ok', dialects: deps.dialects, store: deps.storeKind });
  });
  router.post('/__admin/reset', async (_req, res) => {
    await deps.reset();
    res.json({ status: 'reset' });
  });
  return router;
}
