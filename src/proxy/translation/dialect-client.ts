import type { DialectId } from '../../core/dialects';
import { GatewayError, type ErrorKind } from '../../core/errors';
import type { Label, LabelChanges, NewLabel } from '../../core/label';

/** One HTTP request to an upstream, in the target dialect's own terms (path relative to the vendor). */
export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number>;
  body?: unknown;
}

export interface UpstreamAnswer {
  status: number;
  body: unknown;
  /** The upstream's `Retry-After`, when it sent one (seconds or an HTTP date). */
  retryAfter?: string;
}

/** Sends a request upstream; network failures and timeouts are thrown as 502/504 GatewayErrors. */
export type SendUpstream = (request: UpstreamRequest) => Promise<UpstreamAnswer>;

/** What a translating route supplies that the client's dialect cannot say (`params` in the config). */
export interface TargetContext {
  params: Readonly<Record<string, string>>;
}

/** Canonical fields a write can carry; a target that cannot hold one reports it as lost. */
export type WritableField = 'name' | 'color' | 'description' | 'aiFlow' | 'allTeams' | 'options' | 'teamId';

/**
 * The other direction of an adapter: speaking a dialect to its vendor as a client. Used when a
 * client of one dialect is served by an upstream of another (client → canonical → this dialect).
 */
export interface DialectClient {
  readonly dialect: DialectId;
  /**
   * Whether the dialect stores this value of the field exactly as given. A value it would drop or
   * alter (Kirim's twelve colours, SuperSend's lower-case names) is lost: reported, and never sent
   * in an update, where it would overwrite what the target holds with an approximation.
   */
  keeps(field: WritableField, value: unknown): boolean;
  /** How the dialect's ids look, for mapping them to the client's form. */
  readonly idForm: 'uuid' | 'kirim';
  create(send: SendUpstream, input: NewLabel, target: TargetContext): Promise<Label>;
  /** Every label the credential can see, following the dialect's paging to the end. */
  list(send: SendUpstream, target: TargetContext): Promise<Label[]>;
  get(send: SendUpstream, id: string, target: TargetContext): Promise<Label>;
  update(send: SendUpstream, id: string, changes: LabelChanges, target: TargetContext): Promise<Label>;
  remove(send: SendUpstream, id: string, target: TargetContext): Promise<void>;
}

/**
 * What `label-gateway migrate` needs of a dialect at either end: list (the source's labels, and the
 * target's to adopt what is there), create, and update (`--overwrite`). Every translation client is
 * one; SuperSend v1, which cannot get one label, is only this.
 */
export type MigrationClient = Pick<DialectClient, 'dialect' | 'keeps' | 'idForm' | 'list' | 'create' | 'update'>;

/**
 * Throws the upstream's refusal as the GatewayError of the same kind, keeping its reason (and its
 * `Retry-After`, so a client told to slow down is told when to come back); else returns the body.
 */
export function expectStatus(
  dialect: DialectId,
  answer: UpstreamAnswer,
  expected: readonly number[],
  describe: (body: unknown) => { reason?: string; field?: string; kind?: ErrorKind },
): unknown {
  if (expected.includes(answer.status)) return answer.body;
  const { reason, field, kind } = describe(answer.body);
  const because = reason ? `: ${reason}` : '';
  throw new GatewayError(kind ?? kindOfStatus(answer.status), `The upstream (${dialect}) rejected the request${because}`, {
    field,
    source: 'upstream',
    ...(answer.retryAfter !== undefined && { headers: { 'Retry-After': answer.retryAfter } }),
  });
}

/** An upstream answer that does not have the shape its dialect documents. */
export function unexpectedAnswer(dialect: DialectId, what: string): GatewayError {
  return new GatewayError('upstream_invalid', `The upstream (${dialect}) answered with ${what}.`, { source: 'upstream' });
}

function kindOfStatus(status: number): ErrorKind {
  switch (status) {
    case 400:
    case 422:
      return 'validation';
    case 401:
    case 403:
      return 'unauthenticated';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'rate_limited';
    case 503:
      return 'service_unavailable';
    default:
      return 'upstream_unavailable';
  }
}

/**
 * A canonical label read from an upstream: what the target dialect carries, and for the rest what
 * the mock would hold for a label made without it (no owner, no description, no Attention options).
 */
export function upstreamLabel(carried: Pick<Label, 'id' | 'vendor' | 'name' | 'createdAt' | 'updatedAt'> & Partial<Label>): Label {
  return {
    orgId: '',
    teamId: null,
    userId: '',
    color: null,
    description: null,
    aiFlow: false,
    allTeams: false,
    isDefaultTemplate: false,
    options: [],
    ...carried,
  };
}

export type Json = Record<string, unknown>;
export const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
