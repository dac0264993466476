import type { DialectId } from '../../src/core/dialects';

/**
 * How to drive each dialect through the same scenario, for suites that hold for every dialect
 * (tenancy, bad input, concurrency, persistence). Field names and envelopes are each dialect's own.
 */
export interface DialectProfile {
  dialect: DialectId;
  /** The collection path on the gateway. */
  collection: string;
  /** Query a list needs (SuperSend v2's team_id). */
  listQuery: Record<string, string>;
  /** Headers that authenticate as the tenant owning `key`. */
  auth(key: string): Record<string, string>;
  createBody(name: string): Record<string, unknown>;
  updateMethod: 'patch' | 'put';
  updateBody(name: string): Record<string, unknown>;
  /** A create body whose `name` has the wrong type. */
  wrongTypeBody(): Record<string, unknown>;
  idOf(createResponse: unknown): string;
  /** The label in a create, get or update answer. */
  labelOf(response: unknown): Record<string, unknown>;
  /** The documented form of the dialect's label ids. */
  idPattern: RegExp;
  namesIn(listResponse: unknown): string[];
  /** SuperSend v1 has no operation to get one label (its answer there is a 405). */
  hasGetOne: boolean;
  /** Status of a duplicate name in its uniqueness scope (Kirim answers 400 invalid_field_value). */
  duplicateStatus: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const TEAM_ID = '7c1d3f4e-2b6a-4c8d-9e0f-1a2b3c4d5e6f';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies are checked by the contract client

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

export const PROFILES: DialectProfile[] = [
  {
    dialect: 'attention-v2',
    collection: '/attention/v2/labels',
    listQuery: {},
    auth: (key) => ({ Authorization: key }),
    createBody: (name) => ({ name, description: 'made by a test' }),
    updateMethod: 'patch',
    updateBody: (name) => ({ name }),
    wrongTypeBody: () => ({ name: 42 }),
    idOf: (body) => (body as Body).data.uuid,
    labelOf: (body) => (body as Body).data,
    idPattern: UUID,
    namesIn: (body) => (body as Body).data.map((label: Body) => label.name),
    duplicateStatus: 409,
    hasGetOne: true,
  },
  {
    dialect: 'kirim',
    collection: '/kirim/v1/labels',
    listQuery: {},
    auth: bearer,
    createBody: (name) => ({ name, color: 'blue' }),
    updateMethod: 'patch',
    updateBody: (name) => ({ name }),
    wrongTypeBody: () => ({ name: 42 }),
    idOf: (body) => (body as Body).data.id,
    labelOf: (body) => (body as Body).data,
    idPattern: /^lbl_[0-9A-HJKMNP-TV-Z]{26}$/,
    namesIn: (body) => (body as Body).data.map((label: Body) => label.name),
    duplicateStatus: 400,
    hasGetOne: true,
  },
  {
    dialect: 'supersend-v1',
    collection: '/supersend/v1/labels',
    listQuery: {},
    auth: bearer,
    createBody: (name) => ({ name, color: '#4CAF50' }),
    updateMethod: 'put',
    updateBody: (name) => ({ name }),
    wrongTypeBody: () => ({ name: 42, color: '#4CAF50' }),
    idOf: (body) => (body as Body).data.id,
    labelOf: (body) => (body as Body).data,
    idPattern: UUID,
    namesIn: (body) => (body as Body).data.map((label: Body) => label.name),
    duplicateStatus: 409,
    hasGetOne: false,
  },
  {
    dialect: 'supersend-v2',
    collection: '/supersend/v2/labels',
    listQuery: { team_id: TEAM_ID },
    auth: bearer,
    createBody: (name) => ({ name, color: '#4CAF50', team_id: TEAM_ID }),
    updateMethod: 'patch',
    updateBody: (name) => ({ name }),
    wrongTypeBody: () => ({ name: 42, color: '#4CAF50', team_id: TEAM_ID }),
    idOf: (body) => (body as Body).data.id,
    labelOf: (body) => (body as Body).data,
    idPattern: UUID,
    namesIn: (body) => (body as Body).data.map((label: Body) => label.name),
    duplicateStatus: 409,
    hasGetOne: true,
  },
  {
    dialect: 'jasni',
    collection: '/jasni/api/v1/labels',
    listQuery: {},
    auth: (key) => bearer(`jsk_${key}`),
    createBody: (name) => ({ name, color: '#ef4444' }),
    updateMethod: 'patch',
    updateBody: (name) => ({ name }),
    wrongTypeBody: () => ({ name: 42 }),
    idOf: (body) => (body as Body).data.label.id,
    labelOf: (body) => (body as Body).data.label,
    idPattern: UUID,
    namesIn: (body) => (body as Body).data.labels.map((label: Body) => label.name),
    duplicateStatus: 409,
    hasGetOne: true,
  },
];

export const profileOf = (dialect: DialectId): DialectProfile => PROFILES.find((profile) => profile.dialect === dialect)!;

/** Names every dialect stores unchanged: lower case (SuperSend lowercases), at most 50 characters. */
export const uniqueName = (() => {
  let counter = 0;
  return (stem = 'label') => `${stem} ${process.pid} ${++counter}`;
})();
