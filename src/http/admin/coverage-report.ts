import type { DialectId } from '../../core/dialects';
import { listedStatusOf, type CatalogueOperation, type ContractCatalogue } from './coverage-catalogue';
import type { Exercised } from './coverage-tally';

export interface StatusCoverage {
  status: string;
  inferred: boolean;
  exercised: boolean;
}

export interface OperationCoverage {
  operation: string;
  method: string;
  path: string;
  inferred: boolean;
  exercised: boolean;
  statuses: StatusCoverage[];
  /** Statuses answered that the spec does not list: documented by its `default` response, or not at all. */
  otherStatuses: Array<{ status: number; documentedBy: 'default' | null }>;
}

export interface DialectCoverage {
  dialect: DialectId;
  summary: { operations: number; operationsExercised: number; statuses: number; statusesExercised: number };
  operations: OperationCoverage[];
  /** What a CI job fails on: operations never called, and listed statuses never answered (`createLabel 409`). */
  untouched: { operations: string[]; statuses: string[] };
}

/** `GET /__admin/coverage`: per dialect, the catalogue's operations and statuses, marked exercised or not. */
export function coverageReport(catalogue: ContractCatalogue, exercised: readonly Exercised[], dialects: readonly DialectId[]): { dialects: DialectCoverage[] } {
  return { dialects: dialects.map((dialect) => dialectCoverage(dialect, catalogue[dialect], exercised)) };
}

function dialectCoverage(dialect: DialectId, operations: readonly CatalogueOperation[], exercised: readonly Exercised[]): DialectCoverage {
  const covered = operations.map((operation) => {
    const seen = exercised.filter((kind) => kind.dialect === dialect && kind.operation === operation.operation);
    return operationCoverage(operation, seen);
  });
  const statuses = covered.flatMap((operation) => operation.statuses.map((status) => ({ operation: operation.operation, ...status })));
  return {
    dialect,
    summary: {
      operations: covered.length,
      operationsExercised: covered.filter((operation) => operation.exercised).length,
      statuses: statuses.length,
      statusesExercised: statuses.filter((status) => status.exercised).length,
    },
    operations: covered,
    untouched: {
      operations: covered.filter((operation) => !operation.exercised).map((operation) => operation.operation),
      statuses: statuses.filter((status) => !status.exercised).map((status) => `${status.operation} ${status.status}`),
    },
  };
}

function operationCoverage(operation: CatalogueOperation, seen: readonly Exercised[]): OperationCoverage {
  const answered = [...new Set(seen.flatMap((kind) => (kind.status === null ? [] : [kind.status])))].sort((a, b) => a - b);
  const listedAnswered = new Set(answered.map((status) => listedStatusOf(operation, status)?.status).filter((status) => status !== undefined));
  return {
    operation: operation.operation,
    method: operation.method,
    path: operation.path,
    inferred: operation.inferred,
    // A request whose connection a fault broke (no status) still called the operation.
    exercised: seen.length > 0,
    statuses: operation.statuses.map(({ status, inferred }) => ({ status, inferred, exercised: listedAnswered.has(status) })),
    otherStatuses: answered
      .filter((status) => listedStatusOf(operation, status) === undefined)
      .map((status) => ({ status, documentedBy: operation.hasDefault ? ('default' as const) : null })),
  };
}
