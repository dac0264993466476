/**
 * The admin routes as `--help` and the README list them. `test/unit/admin-catalogue.test.ts` checks
 * this list against the router itself, so a route added without a line here fails the suite.
 */
export interface AdminRouteSummary {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Under the admin prefix; a query a route takes is shown after `?`. */
  path: string;
  summary: string;
}

export const ADMIN_ROUTES: readonly AdminRouteSummary[] = [
  { method: 'GET', path: '/health', summary: '200 once ready: the dialects served and the store kind' },
  { method: 'POST', path: '/reset', summary: 'empty the store (every vendor)' },
  { method: 'GET', path: '/requests?limit=N', summary: 'the latest exchanges, newest first (never a credential)' },
  { method: 'DELETE', path: '/requests', summary: 'clear the journal' },
];
