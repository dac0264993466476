import type { DialectId } from '../src/core/dialects';

/**
 * How the bench drives each dialect (the same facts as test/support/dialect-profiles.ts, which the
 * build does not compile): where its collection is, how it authenticates, a valid create body, and
 * where a create answer carries the new id.
 */
export interface BenchDialect {
  dialect: DialectId;
  collection: string;
  /** Headers authenticating as the tenant of `key`. */
  auth(key: string): Record<string, string>;
  createBody(name: string): Record<string, unknown>;
  /** Path to the new label's id in a create answer. */
  idPath: readonly string[];
}

/** SuperSend v2 needs a team (a UUID); open mode creates it on first use. */
export const TEAM_ID = '7c1d3f4e-2b6a-4c8d-9e0f-1a2b3c4d5e6f';

const bearer = (key: string): Record<string, string> => ({ Authorization: `Bearer ${key}` });

export const BENCH_DIALECTS: readonly BenchDialect[] = [
  {
    dialect: 'attention-v2',
    collection: '/attention/v2/labels',
    auth: (key) => ({ Authorization: key }),
    createBody: (name) => ({ name, description: 'made by the bench' }),
    idPath: ['data', 'uuid'],
  },
  {
    dialect: 'kirim',
    collection: '/kirim/v1/labels',
    auth: bearer,
    createBody: (name) => ({ name, color: 'blue' }),
    idPath: ['data', 'id'],
  },
  {
    dialect: 'supersend-v1',
    collection: '/supersend/v1/labels',
    auth: bearer,
    createBody: (name) => ({ name, color: '#4CAF50' }),
    idPath: ['data', 'id'],
  },
  {
    dialect: 'supersend-v2',
    collection: '/supersend/v2/labels',
    auth: bearer,
    createBody: (name) => ({ name, color: '#4CAF50', team_id: TEAM_ID }),
    idPath: ['data', 'id'],
  },
  {
    dialect: 'jasni',
    collection: '/jasni/api/v1/labels',
    auth: (key) => bearer(`jsk_${key}`),
    createBody: (name) => ({ name, color: '#ef4444' }),
    idPath: ['data', 'label', 'id'],
  },
];

export function benchDialect(dialect: DialectId): BenchDialect {
  const found = BENCH_DIALECTS.find((candidate) => candidate.dialect === dialect);
  if (!found) throw new Error(`no bench profile for ${dialect}`);
  return found;
}

/** The value at `path` inside a parsed JSON body, if it is a string. */
export function stringAt(body: unknown, path: readonly string[]): string | undefined {
  let value = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'string' ? value : undefined;
}

/**
 * Names every dialect stores unchanged and accepts (lower case, short), new on each call, so that
 * creates never collide, not even across the warm-up and the measured phase.
 */
export const uniqueName = (() => {
  const run = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
  let counter = 0;
  return (): string => `bench ${run} ${++counter}`;
})();
