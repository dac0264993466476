/**
 * The dashboard's copies of the admin API's types (dashboard/admin-types.d.ts: the page's check
 * cannot import src/, which needs Node's types) held against the server's own. Nothing here runs:
 * `npm run typecheck` (the first step of `npm test`) fails as soon as a copy and its source differ in
 * either direction, a field added, dropped, renamed or retyped on one side only.
 */
import type * as Dashboard from '../../dashboard/admin-types';
import type { DialectId, VendorId } from '../../src/core/dialects';
import type { FaultView, NetworkFault } from '../../src/faults/fault-definition';
import type { BodyView } from '../../src/http/captured-body';
import type { ContractViolation } from '../../src/http/response-contract';
import type { Exchange, NearMiss } from '../../src/http/journal';
import type { coverageReport, DialectCoverage, OperationCoverage, StatusCoverage } from '../../src/http/admin/coverage-report';
import type { DialectRoute, RoutesReport } from '../../src/http/admin/routes-report';
import type { UpstreamSighting } from '../../src/http/admin/routes-upstream-health';
import type { LabelEntry, StateDocument, TenantState, VendorState } from '../../src/state/state-document';

/** What the server sends, as JSON: dates and other objects reach the page as their JSON. */
type AsJson<T> = T extends (...args: never[]) => unknown
  ? never
  : T extends readonly (infer E)[]
    ? AsJson<E>[]
    : T extends object
      ? { -readonly [K in keyof T]: AsJson<T[K]> }
      : T;

/** True only when each type is assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function same<A, B>(verdict: Same<A, B>): void {
  void verdict;
}

same<Dashboard.DialectId, DialectId>(true);
same<Dashboard.VendorId, VendorId>(true);
same<Dashboard.BodyView, AsJson<BodyView>>(true);
same<Dashboard.ContractViolation, AsJson<ContractViolation>>(true);
same<Dashboard.NearMiss, AsJson<NearMiss>>(true);
same<Dashboard.NetworkFault, NetworkFault>(true);
same<Dashboard.Exchange, AsJson<Exchange>>(true);
same<Dashboard.Fault, AsJson<FaultView>>(true);
same<Dashboard.UpstreamSighting, AsJson<UpstreamSighting>>(true);
same<Dashboard.DialectRoute, AsJson<DialectRoute>>(true);
same<Dashboard.RoutesReport, AsJson<RoutesReport>>(true);
same<Dashboard.StatusCoverage, AsJson<StatusCoverage>>(true);
same<Dashboard.OperationCoverage, AsJson<OperationCoverage>>(true);
same<Dashboard.DialectCoverage, AsJson<DialectCoverage>>(true);
same<Dashboard.CoverageReport, AsJson<ReturnType<typeof coverageReport>>>(true);
same<Dashboard.LabelEntry, AsJson<LabelEntry>>(true);
same<Dashboard.TenantState, AsJson<TenantState>>(true);
same<Dashboard.VendorState, AsJson<VendorState>>(true);
same<Dashboard.StateDocument, AsJson<StateDocument>>(true);
