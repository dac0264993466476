import type { Label } from '../../src/core/label';
import { expectStatus, isJson, unexpectedAnswer, upstreamLabel, type DialectClient, type Json, type WritableField } from '../../src/proxy/translation/dialect-client';

const JASNI_FIELDS: ReadonlySet<WritableField> = new Set(['name', 'color', 'description']);

/** Jasni spoken as a client: any hex colour is kept as sent; no teams. */
export const jasniClient: DialectClient = {
  dialect: 'jasni',
  keeps: (field) => JASNI_FIELDS.has(field),
  idForm: 'uuid',

  async create(send, input) {
    const body: Json = { name: input.name };
    if (input.color) body.color = input.color;
    if (input.description) body.description = input.description;
    return labelIn(expectStatus('jasni', await send({ method: 'POST', path: '/api/v1/labels', body }), [200, 201], reasonOf));
  },

  async list(send) {
    const body = expectStatus('jasni', await send({ method: 'GET', path: '/api/v1/labels' }), [200], reasonOf);
    if (!isJson(body) || !isJson(body.data) || !Array.isArray(body.data.labels)) throw unexpectedAnswer('jasni', 'a list without data.labels');
    return body.data.labels.map(fromJasniLabel);
  },

  async get(send, id) {
    return labelIn(expectStatus('jasni', await send({ method: 'GET', path: `/api/v1/labels/${encodeURIComponent(id)}` }), [200], reasonOf));
  },

  async update(send, id, changes, target) {
    const body: Json = {};
    if (changes.name !== undefined) body.name = changes.name;
    if (changes.color) body.color = changes.color;
    if (changes.description !== undefined) body.description = changes.description === '' ? null : changes.description;
    // Nothing this dialect can hold changed: the label as it is (an empty update would be refused).
    if (Object.keys(body).length === 0) return this.get(send, id, target);
    return labelIn(expectStatus('jasni', await send({ method: 'PATCH', path: `/api/v1/labels/${encodeURIComponent(id)}`, body }), [200], reasonOf));
  },

  async remove(send, id) {
    expectStatus('jasni', await send({ method: 'DELETE', path: `/api/v1/labels/${encodeURIComponent(id)}` }), [200, 204], reasonOf);
  },
};

function reasonOf(body: unknown) {
  return { reason: isJson(body) && typeof body.error === 'string' ? body.error : undefined };
}

function labelIn(body: unknown): Label {
  if (!isJson(body) || !isJson(body.data)) throw unexpectedAnswer('jasni', 'no label');
  return fromJasniLabel(body.data.label);
}

function fromJasniLabel(wire: unknown): Label {
  if (!isJson(wire) || typeof wire.id !== 'string' || typeof wire.name !== 'string') throw unexpectedAnswer('jasni', 'a malformed label');
  const createdAt = String(wire.created_at ?? '');
  return upstreamLabel({
    id: wire.id,
    vendor: 'jasni',
    name: wire.name,
    color: typeof wire.color === 'string' ? wire.color : null,
    description: typeof wire.description === 'string' ? wire.description : null,
    createdAt,
    updatedAt: createdAt,
  });
}
