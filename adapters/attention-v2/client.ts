import type { Label, LabelOption } from '../../src/core/label';
import { expectStatus, isJson, unexpectedAnswer, upstreamLabel, type DialectClient, type Json, type WritableField } from '../../src/proxy/translation/dialect-client';

const ATTENTION_FIELDS: ReadonlySet<WritableField> = new Set(['name', 'description', 'aiFlow', 'allTeams', 'options']);

/** Attention v2 spoken as a client: it has no colours and no teams. */
export const attentionV2Client: DialectClient = {
  dialect: 'attention-v2',
  keeps: (field) => ATTENTION_FIELDS.has(field),
  idForm: 'uuid',

  async create(send, input) {
    const body: Json = { name: input.name };
    if (input.description) body.description = input.description;
    if (input.aiFlow !== undefined) body.aiFlow = input.aiFlow;
    if (input.allTeams !== undefined) body.allTeams = input.allTeams;
    if (input.options && input.options.length > 0) body.options = input.options;
    return labelIn(expectStatus('attention-v2', await send({ method: 'POST', path: '/v2/labels', body }), [200, 201], reasonOf));
  },

  async list(send) {
    const body = expectStatus('attention-v2', await send({ method: 'GET', path: '/v2/labels' }), [200], reasonOf);
    if (!isJson(body) || !Array.isArray(body.data)) throw unexpectedAnswer('attention-v2', 'a list without data');
    return body.data.map(fromAttentionLabel);
  },

  async get(send, id) {
    return labelIn(expectStatus('attention-v2', await send({ method: 'GET', path: `/v2/labels/${encodeURIComponent(id)}` }), [200], reasonOf));
  },

  async update(send, id, changes, target) {
    const body: Json = {};
    if (changes.name !== undefined) body.name = changes.name;
    if (changes.description !== undefined) body.description = changes.description ?? '';
    if (changes.aiFlow !== undefined) body.aiFlow = changes.aiFlow;
    if (changes.allTeams !== undefined) body.allTeams = changes.allTeams;
    if (changes.options !== undefined) body.options = changes.options;
    // Nothing this dialect can hold changed: the label as it is (an empty update would be refused).
    if (Object.keys(body).length === 0) return this.get(send, id, target);
    return labelIn(expectStatus('attention-v2', await send({ method: 'PATCH', path: `/v2/labels/${encodeURIComponent(id)}`, body }), [200], reasonOf));
  },

  async remove(send, id) {
    expectStatus('attention-v2', await send({ method: 'DELETE', path: `/v2/labels/${encodeURIComponent(id)}` }), [200, 204], reasonOf);
  },
};

function reasonOf(body: unknown) {
  const error = isJson(body) && isJson(body.error) ? body.error : undefined;
  return {
    reason: typeof error?.message === 'string' ? error.message : undefined,
    field: typeof error?.field === 'string' ? error.field : undefined,
  };
}

function labelIn(body: unknown): Label {
  if (!isJson(body)) throw unexpectedAnswer('attention-v2', 'no label');
  return fromAttentionLabel(body.data);
}

function fromAttentionLabel(wire: unknown): Label {
  if (!isJson(wire) || typeof wire.uuid !== 'string' || typeof wire.name !== 'string') throw unexpectedAnswer('attention-v2', 'a malformed label');
  const createdAt = String(wire.createdAt ?? '');
  return upstreamLabel({
    id: wire.uuid,
    vendor: 'attention',
    orgId: String(wire.organizationUUID ?? ''),
    name: wire.name,
    description: typeof wire.description === 'string' && wire.description !== '' ? wire.description : null,
    aiFlow: wire.aiFlow === true,
    allTeams: wire.allTeams === true,
    isDefaultTemplate: wire.isDefaultTemplate === true,
    options: Array.isArray(wire.options) ? (wire.options as LabelOption[]) : [],
    createdAt,
    updatedAt: createdAt,
  });
}
