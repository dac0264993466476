import { DEFAULT_HEX_COLOR } from '../../src/core/colors';
import { expectStatus, isJson, unexpectedAnswer, type MigrationClient } from '../../src/proxy/translation/dialect-client';
import { fromSuperSendLabel } from '../supersend-v2/client';
import type { SuperSendUpdateBody, SuperSendV1CreateBody } from './mappers';

/**
 * SuperSend v1 spoken as a client, as far as v1 goes: it lists, creates and updates, but cannot get
 * one label, so it can be a migration's source or target and never a translation target. Its labels
 * are v2's wire shape, read by v2's client mapper.
 */
export const superSendV1Client: MigrationClient = {
  dialect: 'supersend-v1',
  // As v2 (names stored lower-cased), but v1 creates organisation-wide labels only: no teams.
  keeps: (field, value) => field === 'color' || (field === 'name' && typeof value === 'string' && value === value.toLowerCase()),
  idForm: 'uuid',

  async create(send, input) {
    const body: SuperSendV1CreateBody = { name: input.name, color: input.color ?? DEFAULT_HEX_COLOR };
    return labelIn(expectStatus('supersend-v1', await send({ method: 'POST', path: '/v1/labels', body }), [200, 201], reasonOf));
  },

  /** Every label of the organisation, org-wide and team labels alike, in one answer (v1 has no paging). */
  async list(send) {
    const body = expectStatus('supersend-v1', await send({ method: 'GET', path: '/v1/labels' }), [200], reasonOf);
    if (!isJson(body) || !Array.isArray(body.data)) throw unexpectedAnswer('supersend-v1', 'a list without data');
    return body.data.map(fromSuperSendLabel);
  },

  async update(send, id, changes) {
    const body: SuperSendUpdateBody = {};
    if (changes.name !== undefined) body.name = changes.name;
    if (changes.color !== undefined && changes.color !== null) body.color = changes.color;
    return labelIn(expectStatus('supersend-v1', await send({ method: 'PUT', path: `/v1/labels/${encodeURIComponent(id)}`, body }), [200], reasonOf));
  },
};

/** v1's error envelope is `{success: false, message}`. */
function reasonOf(body: unknown) {
  return { reason: isJson(body) && typeof body.message === 'string' ? body.message : undefined };
}

function labelIn(body: unknown) {
  if (!isJson(body) || !isJson(body.data)) throw unexpectedAnswer('supersend-v1', 'no label');
  return fromSuperSendLabel(body.data);
}
