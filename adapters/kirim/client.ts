import { DEFAULT_HEX_COLOR, KIRIM_COLOR_HEX, nearestKirimColor, type KirimColorName } from '../../src/core/colors';
import type { Label } from '../../src/core/label';
import { expectStatus, isJson, unexpectedAnswer, upstreamLabel, type DialectClient, type Json } from '../../src/proxy/translation/dialect-client';

const KIRIM_HEXES: ReadonlySet<string> = new Set(Object.values(KIRIM_COLOR_HEX));

/** Kirim spoken as a client: colours become the nearest Kirim colour name, exact only for its twelve. */
export const kirimClient: DialectClient = {
  dialect: 'kirim',
  keeps: (field, value) => field === 'name' || field === 'teamId' || (field === 'color' && typeof value === 'string' && KIRIM_HEXES.has(value.toLowerCase())),
  idForm: 'kirim',

  async create(send, input, target) {
    const body: Json = { name: input.name };
    if (input.color) body.color = nearestKirimColor(input.color);
    const team = target.params.team_id ?? input.teamId;
    if (team) body.team_id = team;
    return labelIn(expectStatus('kirim', await send({ method: 'POST', path: '/v1/labels', body }), [200, 201], reasonOf));
  },

  async list(send, target) {
    const labels: Label[] = [];
    let startingAfter: string | undefined;
    for (;;) {
      const query: Record<string, string | number> = { limit: 100 };
      if (target.params.team_id) query.team_id = target.params.team_id;
      if (startingAfter) query.starting_after = startingAfter;
      const body = expectStatus('kirim', await send({ method: 'GET', path: '/v1/labels', query }), [200], reasonOf);
      if (!isJson(body) || !Array.isArray(body.data)) throw unexpectedAnswer('kirim', 'a list without data');
      const page = body.data.map(fromKirimLabel);
      labels.push(...page);
      if (body.has_more !== true || page.length === 0) return labels;
      startingAfter = page[page.length - 1].id;
    }
  },

  async get(send, id) {
    return labelIn(expectStatus('kirim', await send({ method: 'GET', path: `/v1/labels/${encodeURIComponent(id)}` }), [200], reasonOf));
  },

  async update(send, id, changes, target) {
    const body: Json = {};
    if (changes.name !== undefined) body.name = changes.name;
    if (changes.color) body.color = nearestKirimColor(changes.color);
    // Nothing this dialect can hold changed: the label as it is (an empty update would be refused).
    if (Object.keys(body).length === 0) return this.get(send, id, target);
    return labelIn(expectStatus('kirim', await send({ method: 'PATCH', path: `/v1/labels/${encodeURIComponent(id)}`, body }), [200], reasonOf));
  },

  async remove(send, id) {
    expectStatus('kirim', await send({ method: 'DELETE', path: `/v1/labels/${encodeURIComponent(id)}` }), [200, 204], reasonOf);
  },
};

/** Kirim reports a duplicate name as a 400 invalid_field_value on `name`: that is a conflict to other dialects. */
function reasonOf(body: unknown) {
  const error = isJson(body) && isJson(body.error) ? body.error : undefined;
  const reason = typeof error?.message === 'string' ? error.message : undefined;
  const field = typeof error?.param === 'string' ? error.param : undefined;
  const duplicate = error?.code === 'invalid_field_value' && field === 'name' && /already/i.test(reason ?? '');
  return { reason, field, kind: duplicate ? ('conflict' as const) : undefined };
}

function labelIn(body: unknown): Label {
  if (!isJson(body) || !isJson(body.data)) throw unexpectedAnswer('kirim', 'no label');
  return fromKirimLabel(body.data);
}

function fromKirimLabel(wire: unknown): Label {
  if (!isJson(wire) || typeof wire.id !== 'string' || typeof wire.name !== 'string') throw unexpectedAnswer('kirim', 'a malformed label');
  const colorName = String(wire.color) as KirimColorName;
  return upstreamLabel({
    id: wire.id,
    vendor: 'kirim',
    teamId: typeof wire.team_id === 'string' ? wire.team_id : null,
    name: wire.name,
    color: KIRIM_COLOR_HEX[colorName] ?? DEFAULT_HEX_COLOR,
    createdAt: String(wire.created_at ?? ''),
    updatedAt: String(wire.updated_at ?? wire.created_at ?? ''),
  });
}
