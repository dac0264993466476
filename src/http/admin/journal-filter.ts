import { DIALECT_IDS, isDialectId } from '../../core/dialects';
import type { JournalEntry, RouteKind } from '../journal';
import { AdminInputError } from './admin-errors';

/** The query parameters that select journal entries; each but `since` takes a comma-separated list (any of). */
export const JOURNAL_FILTERS = ['dialect', 'operation', 'method', 'status', 'route', 'fingerprint', 'since'] as const;

export const DEFAULT_JOURNAL_LIMIT = 50;

const ROUTE_KINDS: readonly RouteKind[] = ['mock', 'pass-through', 'translation', 'none'];
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export interface JournalQuery {
  matches(entry: JournalEntry): boolean;
  /** Only where the route takes a limit. */
  limit: number;
  /** Epoch milliseconds, when `since` was given. */
  since?: number;
}

type Predicate = (entry: JournalEntry) => boolean;

/**
 * Reads journal filters from a query string; anything it does not know is a 400 naming it, never
 * ignored (a typo must not silently widen what a test verifies or forgets).
 */
export function parseJournalQuery(query: Record<string, unknown>, options: { operations: ReadonlySet<string>; takesLimit: boolean }): JournalQuery {
  const predicates: Predicate[] = [];
  let limit = DEFAULT_JOURNAL_LIMIT;
  let since: number | undefined;
  for (const [name, raw] of Object.entries(query)) {
    if (name === 'limit' && options.takesLimit) {
      limit = wholeNumber(name, single(name, raw));
    } else if (name === 'since') {
      since = isoTime(name, single(name, raw));
      const from = since;
      predicates.push((entry) => entry.at >= from);
    } else if ((JOURNAL_FILTERS as readonly string[]).includes(name)) {
      predicates.push(listFilter(name as Exclude<(typeof JOURNAL_FILTERS)[number], 'since'>, values(name, raw), options.operations));
    } else {
      const known = [...JOURNAL_FILTERS, ...(options.takesLimit ? ['limit'] : [])].join(', ');
      throw new AdminInputError(name, `Unknown parameter ${shown(name)}: the journal can be selected by ${known}.`);
    }
  }
  return { matches: (entry) => predicates.every((predicate) => predicate(entry)), limit, since };
}

function listFilter(name: Exclude<(typeof JOURNAL_FILTERS)[number], 'since'>, list: string[], operations: ReadonlySet<string>): Predicate {
  switch (name) {
    case 'dialect': {
      const unknown = list.find((value) => !isDialectId(value));
      if (unknown) throw new AdminInputError(name, `Unknown dialect ${shown(unknown)} (known: ${DIALECT_IDS.join(', ')}).`);
      const wanted = new Set(list);
      return (entry) => entry.dialect !== null && wanted.has(entry.dialect);
    }
    case 'operation': {
      const unknown = list.find((value) => !operations.has(value));
      if (unknown) throw new AdminInputError(name, `No dialect has an operation ${shown(unknown)} (operation ids are the specs' operationId, e.g. createLabel).`);
      const wanted = new Set(list);
      return (entry) => entry.operation !== null && wanted.has(entry.operation);
    }
    case 'method': {
      const wanted = new Set(list.map((value) => value.toUpperCase()));
      const unknown = [...wanted].find((value) => !METHODS.has(value));
      if (unknown) throw new AdminInputError(name, `${shown(unknown)} is not an HTTP method the gateway serves.`);
      return (entry) => wanted.has(entry.method);
    }
    case 'status':
      return statusFilter(list);
    case 'route': {
      const unknown = list.find((value) => !(ROUTE_KINDS as readonly string[]).includes(value));
      if (unknown) throw new AdminInputError(name, `Unknown route kind ${shown(unknown)} (known: ${ROUTE_KINDS.join(', ')}).`);
      const wanted = new Set(list);
      return (entry) => wanted.has(entry.route);
    }
    case 'fingerprint': {
      const unknown = list.find((value) => !/^fp_[0-9a-f]{16}$/.test(value));
      if (unknown) throw new AdminInputError(name, `${shown(unknown)} is not a credential fingerprint (fp_ and 16 hex digits).`);
      const wanted = new Set(list);
      return (entry) => entry.credentialFingerprint !== null && wanted.has(entry.credentialFingerprint);
    }
  }
}

/** `201`, or a class such as `4xx`. */
function statusFilter(list: string[]): Predicate {
  const exact = new Set<number>();
  const classes = new Set<number>();
  for (const value of list) {
    if (/^[1-5]\d\d$/.test(value)) exact.add(Number(value));
    else if (/^[1-5]xx$/i.test(value)) classes.add(Number(value[0]));
    else throw new AdminInputError('status', `${shown(value)} is not a status: give one such as 404, or a class such as 4xx.`);
  }
  // An exchange without a status (a connection a fault broke, a client that left) matches no status filter.
  return (entry) => entry.status !== null && (exact.has(entry.status) || classes.has(Math.floor(entry.status / 100)));
}

function values(name: string, raw: unknown): string[] {
  const list = (Array.isArray(raw) ? raw : [raw]).flatMap((value) => String(value).split(',')).map((value) => value.trim());
  if (list.some((value) => value === '')) throw new AdminInputError(name, `${name} must not be empty.`);
  return list;
}

function single(name: string, raw: unknown): string {
  if (Array.isArray(raw)) throw new AdminInputError(name, `${name} may be given once.`);
  return String(raw);
}

function wholeNumber(name: string, text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1) throw new AdminInputError(name, `${name} must be a whole number of at least 1.`);
  return value;
}

/** An ISO 8601 time such as 2026-12-01T10:00:00Z (a date alone means its midnight UTC). */
function isoTime(name: string, text: string): number {
  const time = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(text) || Number.isNaN(time)) {
    throw new AdminInputError(name, `${name} must be an ISO 8601 time such as 2026-12-01T10:00:00Z, not ${shown(text)}.`);
  }
  return time;
}

/** A caller's value in a message, quoted and cut short. */
function shown(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}
