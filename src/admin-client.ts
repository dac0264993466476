import type { DialectId, VendorId } from './core/dialects';
import type { FaultDefinition, FaultView } from './faults/fault-definition';
import type { RateLimit, RateLimits } from './faults/rate-limits';
import type { DialectCoverage } from './http/admin/coverage-report';
import type { RoutesReport } from './http/admin/routes-report';
import type { Exchange, RouteKind } from './http/journal';

/**
 * A typed client of a gateway's admin API (`/__admin`), for test suites: the same routes a script or
 * the dashboard uses, over HTTP, so it drives a gateway in another process as well as one started
 * by `startGateway()` (which returns one). Every refusal of the API becomes an `AdminApiError` with
 * its status and the API's own message.
 */
export interface AdminClient {
  faults: {
    /** Arms a fault; answers it as armed (with its `id` and `fired: 0`). */
    add(fault: FaultDefinition): Promise<FaultView>;
    list(): Promise<FaultView[]>;
    /** Disarms one fault by id, or every fault without one. */
    clear(id?: string): Promise<void>;
  };
  rateLimits: {
    /** The limits in force, per dialect. */
    list(): Promise<RateLimits>;
    /** Puts a limit in force for the dialect, replacing its old one (every window starts afresh). */
    set(dialect: DialectId, limit: RateLimit): Promise<RateLimit>;
    /** Lifts one dialect's limit, or every limit without one. */
    clear(dialect?: DialectId): Promise<void>;
  };
  /** Which operations and listed statuses the traffic exercised, per dialect (`GET /__admin/coverage`). */
  coverage(scope?: { dialect?: DialectId | DialectId[] }): Promise<DialectCoverage[]>;
  /** How each dialect is served, and each upstream as last seen (`GET /__admin/routes`). */
  routes(): Promise<RoutesReport>;
  state: {
    /** The whole state as one document (`GET /__admin/state`), or one vendor's. */
    export(scope?: { dialect?: DialectId; vendor?: VendorId }): Promise<StateDocument>;
    /** Replaces the state with an exported document or a seed (`PUT /__admin/state`). */
    import(document: object): Promise<void>;
    /** Everything; one vendor (`dialect`/`vendor`); or one tenant (`credential`, its Authorization value). */
    reset(scope?: { dialect?: DialectId; vendor?: VendorId; credential?: string }): Promise<void>;
  };
  requests: {
    /** Recorded exchanges, newest first. */
    find(filter?: RequestFilter): Promise<Exchange[]>;
    count(filter?: RequestFilter): Promise<number>;
    /** Forgets the exchanges the filter selects (all without one). */
    clear(filter?: RequestFilter): Promise<void>;
  };
}

/** An exported state document; its shape is documented in the README ("State documents and seeds"). */
export type StateDocument = Record<string, unknown>;

/** The journal filters of `GET /__admin/requests`; a list selects any of its values. */
export interface RequestFilter {
  dialect?: DialectId | DialectId[];
  operation?: string | string[];
  method?: string | string[];
  /** A status (`429`) or a class (`'4xx'`). */
  status?: number | string | Array<number | string>;
  route?: RouteKind | RouteKind[];
  fingerprint?: string | string[];
  since?: Date | string;
  /** `find` only: at most this many (default 50). */
  limit?: number;
}

export class AdminApiError extends Error {
  override name = 'AdminApiError';
  constructor(
    readonly status: number,
    readonly body: unknown,
    message: string,
  ) {
    super(message);
  }
}

export function createAdminClient(baseUrl: string, options: { token?: string } = {}): AdminClient {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = {};
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${baseUrl}/__admin${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    if (!response.ok) {
      const message = (parsed as { message?: string } | undefined)?.message ?? `HTTP ${response.status}`;
      throw new AdminApiError(response.status, parsed, `${method} /__admin${path}: ${response.status} ${message}`);
    }
    return parsed as T;
  };
  return {
    faults: {
      add: (fault) => call<FaultView>('POST', '/faults', fault),
      list: async () => (await call<{ faults: FaultView[] }>('GET', '/faults')).faults,
      clear: async (id) => {
        await call('DELETE', id === undefined ? '/faults' : `/faults/${encodeURIComponent(id)}`);
      },
    },
    rateLimits: {
      list: async () => (await call<{ rateLimits: RateLimits }>('GET', '/rate-limits')).rateLimits,
      set: async (dialect, limit) => {
        const { limit: requests, windowSeconds } = await call<RateLimit & { dialect: DialectId }>('PUT', `/rate-limits/${encodeURIComponent(dialect)}`, limit);
        return { limit: requests, windowSeconds };
      },
      clear: async (dialect) => {
        await call('DELETE', dialect === undefined ? '/rate-limits' : `/rate-limits/${encodeURIComponent(dialect)}`);
      },
    },
    coverage: async (scope = {}) => (await call<{ dialects: DialectCoverage[] }>('GET', `/coverage${queryOf(scope)}`)).dialects,
    routes: () => call<RoutesReport>('GET', '/routes'),
    state: {
      export: (scope = {}) => call<StateDocument>('GET', `/state${queryOf(scope)}`),
      import: async (document) => {
        await call('PUT', '/state', document);
      },
      reset: async ({ credential, ...scope } = {}) => {
        await call('POST', `/reset${queryOf(scope)}`, credential === undefined ? undefined : { credential });
      },
    },
    requests: {
      find: async (filter = {}) => (await call<{ requests: Exchange[] }>('GET', `/requests${queryOf(filter)}`)).requests,
      count: async ({ limit: _limit, ...filter } = {}) => (await call<{ count: number }>('GET', `/requests/count${queryOf(filter)}`)).count,
      clear: async ({ limit: _limit, ...filter } = {}) => {
        await call('DELETE', `/requests${queryOf(filter)}`);
      },
    },
  };
}

function queryOf(values: object): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(',') : value instanceof Date ? value.toISOString() : String(value);
    query.set(name, text);
  }
  const encoded = query.toString();
  return encoded === '' ? '' : `?${encoded}`;
}
