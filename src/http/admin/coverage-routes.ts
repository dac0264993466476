import { DIALECT_IDS, isDialectId, type DialectId } from '../../core/dialects';
import { AdminInputError, sendInputError } from './admin-errors';
import type { ContractCatalogue } from './coverage-catalogue';
import { coverageReport } from './coverage-report';
import type { CoverageTally } from './coverage-tally';
import { adminRouter, type AdminRouteList } from './route-list';

export const COVERAGE_ROUTES = {
  'GET /coverage': "per dialect, which operations and listed response statuses the traffic exercised and which it never touched (?dialect=); resets with the journal",
} as const satisfies AdminRouteList;

export interface CoverageRouteDependencies {
  /** What the traffic exercised (CoveredJournal keeps it). */
  coverage: Pick<CoverageTally, 'exercised'>;
  /** What there is to exercise: the served operations and their listed statuses. */
  catalogue: ContractCatalogue;
}

export function coverageRoutes(deps: CoverageRouteDependencies) {
  return adminRouter(COVERAGE_ROUTES, {
    'GET /coverage': (req, res) => {
      let dialects: readonly DialectId[];
      try {
        dialects = selectedDialects(req.query as Record<string, unknown>);
      } catch (error) {
        if (error instanceof AdminInputError) return sendInputError(res, error);
        throw error;
      }
      res.json(coverageReport(deps.catalogue, deps.coverage.exercised(), dialects));
    },
  });
}

/** `?dialect=kirim,jasni` (any of), every dialect without it; anything else is a 400 naming it. */
function selectedDialects(query: Record<string, unknown>): readonly DialectId[] {
  const [unknown] = Object.keys(query).filter((name) => name !== 'dialect');
  if (unknown !== undefined) throw new AdminInputError(unknown, `Unknown parameter '${unknown}': coverage can be narrowed by dialect.`);
  if (query.dialect === undefined) return DIALECT_IDS;
  const wanted = (Array.isArray(query.dialect) ? query.dialect : [query.dialect]).flatMap((value) => String(value).split(',')).map((value) => value.trim());
  const wrong = wanted.find((value) => !isDialectId(value));
  if (wrong !== undefined) throw new AdminInputError('dialect', `Unknown dialect '${wrong}' (known: ${DIALECT_IDS.join(', ')}).`);
  return DIALECT_IDS.filter((dialect) => wanted.includes(dialect));
}
