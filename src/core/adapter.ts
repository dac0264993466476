import type { LabelBackend, TeamDirectory } from './backend';
import type { DialectId } from './dialects';
import type { GatewayError } from './errors';
import type { Randomness } from './random';
import type { Tenant } from './tenant';

/** How a dialect carries its credential in the `Authorization` header. */
export type CredentialRule =
  /** The whole header is the key, with no scheme (Attention). */
  | { scheme: 'raw' }
  /** `Bearer <token>`; `prefix`, when set, is a prefix every valid token has (Jasni's `jsk_`). */
  | { scheme: 'bearer'; prefix?: string };

/** A request that has passed the spec: parameters coerced, body checked (and trimmed where marked). */
export interface OperationCall {
  params: Record<string, string>;
  query: Record<string, unknown>;
  /** Validated against the operation's request schema, so adapters may read it as their body type. */
  body: unknown;
  tenant: Tenant;
  backend: LabelBackend;
  teams: TeamDirectory;
  /** This response's request id, in the dialect's form, for dialects that have one. */
  requestId?: string;
  /** The gateway's source of randomness (seeded with `--random-seed`), for whatever a handler picks at random. */
  random: Randomness;
}

export interface DialectResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type OperationHandler = (call: OperationCall) => Promise<DialectResponse>;

/**
 * Everything the gateway knows about one dialect. The spec file gives routes and validation; the
 * adapter turns validated requests into backend calls and results and errors into the dialect's
 * envelopes. Handlers are keyed by operationId; start-up fails if they and the spec disagree.
 */
export interface DialectAdapter {
  readonly id: DialectId;
  readonly credentials: CredentialRule;
  readonly operations: Readonly<Record<string, OperationHandler>>;
  /**
   * The operations whose answer rests on what they insert (creates). On a store several gateways
   * share, these may decide on the state as this gateway holds it and have the database confirm it
   * at their insert, instead of catching up with the others' writes first: one round trip, not two.
   */
  readonly confirmedAtInsert?: ReadonlySet<string>;
  /** A request id in the dialect's form, for dialects whose envelopes carry one. */
  newRequestId?(random: Randomness): string;
  renderError(error: GatewayError, requestId?: string): DialectResponse;
}
