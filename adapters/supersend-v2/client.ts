import { DEFAULT_HEX_COLOR } from '../../src/core/colors';
import { validationError } from '../../src/core/errors';
import type { Label } from '../../src/core/label';
import {
  expectStatus,
  isJson,
  unexpectedAnswer,
  upstreamLabel,
  type DialectClient,
  type Json,
  type TargetContext,
} from '../../src/proxy/translation/dialect-client';

/** SuperSend v2 spoken as a client, for clients of other dialects translated onto SuperSend. */
export const superSendV2Client: DialectClient = {
  dialect: 'supersend-v2',
  // SuperSend stores names lower-cased (documented): a name with capitals would come back altered.
  keeps: (field, value) => field === 'color' || field === 'teamId' || (field === 'name' && typeof value === 'string' && value === value.toLowerCase()),
  idForm: 'uuid',

  async create(send, input, target) {
    const body = { name: input.name, color: input.color ?? DEFAULT_HEX_COLOR, team_id: teamOf(target, input.teamId) };
    return labelIn(expectStatus('supersend-v2', await send({ method: 'POST', path: '/v2/labels', body }), [200, 201], reasonOf));
  },

  async list(send, target) {
    const labels: Label[] = [];
    for (let offset = 0; ; offset += 100) {
      const query = { team_id: teamOf(target, null), limit: 100, offset };
      const body = expectStatus('supersend-v2', await send({ method: 'GET', path: '/v2/labels', query }), [200], reasonOf);
      if (!isJson(body) || !Array.isArray(body.data)) throw unexpectedAnswer('supersend-v2', 'a list without data');
      labels.push(...body.data.map(fromSuperSendLabel));
      if (!isJson(body.pagination) || body.pagination.hasMore !== true) return labels;
    }
  },

  async get(send, id) {
    return labelIn(expectStatus('supersend-v2', await send({ method: 'GET', path: `/v2/labels/${encodeURIComponent(id)}` }), [200], reasonOf));
  },

  async update(send, id, changes, target) {
    const body: Json = {};
    if (changes.name !== undefined) body.name = changes.name;
    if (changes.color !== undefined && changes.color !== null) body.color = changes.color;
    // Nothing this dialect can hold changed: the label as it is (an empty update would be refused).
    if (Object.keys(body).length === 0) return this.get(send, id, target);
    return labelIn(expectStatus('supersend-v2', await send({ method: 'PATCH', path: `/v2/labels/${encodeURIComponent(id)}`, body }), [200], reasonOf));
  },

  async remove(send, id) {
    expectStatus('supersend-v2', await send({ method: 'DELETE', path: `/v2/labels/${encodeURIComponent(id)}` }), [200, 204], reasonOf);
  },
};

function teamOf(target: TargetContext, teamId: string | null): string {
  const team = target.params.team_id ?? teamId;
  if (!team) throw validationError('team_id', 'SuperSend needs a team: set params.team_id on this route of the gateway config.');
  return team;
}

function reasonOf(body: unknown) {
  const error = isJson(body) && isJson(body.error) ? body.error : undefined;
  return { reason: typeof error?.message === 'string' ? error.message : undefined };
}

function labelIn(body: unknown): Label {
  if (!isJson(body) || !isJson(body.data)) throw unexpectedAnswer('supersend-v2', 'no label');
  return fromSuperSendLabel(body.data);
}

export function fromSuperSendLabel(wire: unknown): Label {
  if (!isJson(wire) || typeof wire.id !== 'string' || typeof wire.name !== 'string') throw unexpectedAnswer('supersend-v2', 'a malformed label');
  return upstreamLabel({
    id: wire.id,
    vendor: 'supersend',
    orgId: String(wire.org_id ?? ''),
    teamId: typeof wire.team_id === 'string' ? wire.team_id : null,
    name: wire.name,
    color: typeof wire.color === 'string' ? wire.color : null,
    createdAt: String(wire.created_at ?? ''),
    updatedAt: String(wire.updated_at ?? wire.created_at ?? ''),
  });
}
