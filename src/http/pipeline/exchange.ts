import type { Request, Response } from 'express';
import type { DialectAdapter } from '../../core/adapter';
import type { DialectId } from '../../core/dialects';
import type { Randomness } from '../../core/random';
import type { CompiledOperation } from '../../specs/compiled-operation';
import type { RouteMatch } from '../../specs/route-table';
import type { DialectServing } from '../dialect-serving';
import type { ExchangeNotes } from '../exchange-notes';

/** A route match under a served vendor's prefix (an unknown vendor never becomes an exchange). */
export type VendorMatch = Exclude<RouteMatch, { kind: 'unknown_vendor' }>;

/** One vendor request on its way through the pipeline; each stage reads it and adds what it learns. */
export interface VendorExchange {
  readonly req: Request;
  readonly res: Response;
  readonly notes: ExchangeNotes;
  readonly dialect: DialectId;
  readonly adapter: DialectAdapter;
  readonly serving: DialectServing;
  readonly match: VendorMatch;
  /** The operation the route matched, if any (a pass-through forwards unknown paths too). */
  readonly operation?: CompiledOperation;
  /** The gateway's source of randomness (seeded with --random-seed). */
  readonly random: Randomness;
  /** This answer's request id, in the dialect's form, for dialects that have one. */
  readonly requestId?: string;
  /** The credential as the dialect reads it (Bearer scheme removed), once the credential stage found one. */
  credential?: string;
}
