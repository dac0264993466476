// What the admin API answers, as the dashboard reads it: types only, so that `npm run typecheck`
// checks the views against the real shapes. Copies of the server's types (each names its source
// under src/), not imports of them: those files need Node's types, which the page's check leaves out.
// test/types/dashboard-admin-types.ts holds each copy against its source: `npm run typecheck` fails
// when one drifts.

/** src/core/dialects.ts */
export type DialectId = 'attention-v2' | 'kirim' | 'supersend-v1' | 'supersend-v2' | 'jasni';
export type VendorId = 'attention' | 'kirim' | 'supersend' | 'jasni';

/** Every admin refusal (src/http/admin/admin-errors.ts): `field` names a bad input, `path` and `reason` a bad state document. */
export interface AdminErrorBody {
  error: string;
  message: string;
  field?: string;
  path?: string;
  reason?: string;
}

// --- The journal: GET /__admin/requests, and each message of the GET /__admin/events stream ---

/** A recorded body (src/http/captured-body.ts): its JSON when whole and parseable, else its text. */
export type BodyView = { json: unknown; bytes: number; truncated: false } | { text: string; bytes: number; truncated: boolean };

/** src/http/response-contract.ts; `path` is a JSON Pointer into the body. */
export interface ContractViolation {
  where: 'request' | 'response';
  path: string;
  message: string;
}

/** For a request that matched no operation, the one it most likely meant (src/http/journal.ts). */
export interface NearMiss {
  dialect: string;
  operation: string;
  method: string;
  path: string;
}

export type NetworkFault = 'reset' | 'empty' | 'malformed';

/** One request and its answer (src/http/journal.ts `Exchange`). */
export interface Exchange {
  /** Increases by one per exchange; the event stream's `id`. */
  id: number;
  time: string;
  dialect: string | null;
  route: 'mock' | 'pass-through' | 'translation' | 'admin' | 'none';
  operation: string | null;
  credentialFingerprint: string | null;
  method: string;
  path: string;
  /** Null when no answer was sent. */
  status: number | null;
  upstreamStatus: number | null;
  durationMs: number;
  faultId: string | null;
  networkFault: NetworkFault | null;
  requestBody: BodyView | null;
  responseBody: BodyView | null;
  nearMiss: NearMiss | null;
  violations: ContractViolation[];
  lostFields: string[];
}

/** GET /__admin/requests (src/http/admin/journal-routes.ts): newest first. */
export interface JournalPage {
  requests: Exchange[];
}

/** The event stream's `dropped` event (src/http/admin/event-stream.ts). */
export interface DroppedEvent {
  dropped: number;
  message: string;
}

/** DELETE /__admin/requests. */
export interface JournalForgotten {
  status: 'cleared';
  forgotten: number;
}

// --- Faults and rate limits (src/faults/fault-definition.ts, src/http/admin/faults-routes.ts, rate-limit-routes.ts) ---

/** An armed fault as GET /__admin/faults lists it and POST /__admin/faults answers it (`FaultView`). */
export interface Fault {
  id: string;
  dialect?: DialectId;
  operation?: string;
  /** Of the credential it matches, never the credential. */
  credentialFingerprint?: string;
  respond?: { status: number; retryAfter?: number; message?: string };
  fault?: NetworkFault;
  delayMs?: number;
  times?: number;
  probability?: number;
  seed?: number;
  /** How often it has fired. */
  fired: number;
  armedAt: string;
}

/** GET /__admin/faults: in arming order. */
export interface FaultList {
  faults: Fault[];
}

/** DELETE /__admin/faults. */
export interface FaultsCleared {
  status: 'cleared';
  removed: number;
}

export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

/** GET /__admin/rate-limits: keyed by dialect id, only the dialects that have one. */
export interface RateLimitList {
  rateLimits: { [dialect: string]: RateLimit };
}

/** PUT /__admin/rate-limits/{dialect}: the limit now in force. */
export interface RateLimitSet extends RateLimit {
  dialect: DialectId;
}

// --- GET /__admin/routes (src/http/admin/routes-report.ts, routes-upstream-health.ts) ---

/** How an upstream behaved the last time an exchange reached it. */
export interface UpstreamSighting {
  state: 'answering' | 'failing' | 'unreachable' | 'timed out';
  upstreamStatus: number | null;
  at: string;
  /** The journal id of that exchange. */
  exchange: number;
}

export interface DialectRoute {
  dialect: DialectId;
  vendor: VendorId;
  /** Where a client finds it on the gateway. */
  prefix: string;
  route: 'mock' | 'pass-through' | 'translation';
  /** The dialect spoken upstream; null when mocked. */
  as: DialectId | null;
  /** Null when mocked. */
  upstream: string | null;
  operations: Array<{ operation: string; method: string; path: string; inferred: boolean }>;
  /** Null when mocked or not seen yet. */
  upstreamHealth: UpstreamSighting | null;
}

export interface RoutesReport {
  contract: 'report' | 'enforce';
  upstreamTimeoutMs: number;
  dialects: DialectRoute[];
}

// --- GET /__admin/coverage (src/http/admin/coverage-report.ts) ---

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
  /** Answered, but not listed: documented by the `default` response, or not at all. */
  otherStatuses: Array<{ status: number; documentedBy: 'default' | null }>;
}

export interface DialectCoverage {
  dialect: DialectId;
  summary: { operations: number; operationsExercised: number; statuses: number; statusesExercised: number };
  operations: OperationCoverage[];
  untouched: { operations: string[]; statuses: string[] };
}

export interface CoverageReport {
  dialects: DialectCoverage[];
}

// --- State (src/state/state-document.ts, src/http/admin/state-routes.ts) ---

/** GET /__admin/state: the vendors asked for, keyed by vendor id. */
export interface StateDocument {
  format: 'label-gateway-state';
  version: 1;
  vendors: { [vendor: string]: VendorState };
}

export interface VendorState {
  /** Keyed by tenant: a credential's fingerprint (`fp_…`), or a configured tenant's organisation. */
  tenants: { [tenant: string]: TenantState };
  /** Translation id pairs. */
  idMap: Array<{ scope: string; clientId: string; upstreamId: string }>;
}

export interface TenantState {
  orgId: string;
  teams: string[];
  labels: LabelEntry[];
  /** SuperSend v1's conversation assignments. */
  assignments: Array<{ conversationId: string; labelId: string }>;
}

/** A label as exported (src/core/label.ts `Label`, less vendor and organisation). */
export interface LabelEntry {
  id: string;
  teamId: string | null;
  userId: string;
  name: string;
  color: string | null;
  description: string | null;
  aiFlow: boolean;
  allTeams: boolean;
  isDefaultTemplate: boolean;
  options: Array<{ value: string; description?: string }>;
  createdAt: string;
  updatedAt: string;
  /** When a SuperSend label was soft-deleted; null while active. */
  deletedAt: string | null;
}

/** PUT /__admin/state. */
export interface StateReplaced {
  status: 'replaced';
  form: 'export' | 'seed';
  vendors: VendorId[];
  tenants: number;
  labels: number;
}

/** POST /__admin/reset: the vendors emptied, and for one tenant its fingerprint in each. */
export interface StateReset {
  status: 'reset';
  vendors: VendorId[];
  tenant?: { [vendor: string]: string };
}
