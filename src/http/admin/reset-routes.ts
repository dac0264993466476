import { adminRouter, type AdminRouteList } from './route-list';

// The state work (seed, export, scoped reset) takes this route over in its own router.
export const RESET_ROUTES = {
  'POST /reset': 'empties the store (every vendor)',
} as const satisfies AdminRouteList;

export function resetRoutes(deps: { reset(): Promise<void> }) {
  return adminRouter(RESET_ROUTES, {
    'POST /reset': async (_req, res) => {
      await deps.reset();
      res.json({ status: 'reset' });
    },
  });
}
