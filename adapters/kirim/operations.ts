import type { DialectResponse, OperationCall } from '../../src/core/adapter';
import {
  fromKirimCreateBody,
  fromKirimUpdateBody,
  newKirimRequestId,
  toKirimLabel,
  type KirimCreateBody,
  type KirimLabel,
  type KirimUpdateBody,
} from './mappers';

interface KirimListQuery {
  team_id?: string;
  limit: number;
  starting_after?: string;
}

/** Every Kirim answer carries a request id beside its data (the gateway always provides one). */
const withRequestId = (requestId: string | undefined) => requestId ?? newKirimRequestId();

const labelAnswer = (status: number, label: KirimLabel, requestId: string | undefined): DialectResponse => ({
  status,
  body: { data: label, request_id: withRequestId(requestId) },
});

export async function listLabels({ query, tenant, backend, teams, requestId }: OperationCall): Promise<DialectResponse> {
  const { team_id: teamId, limit, starting_after: startingAfter } = query as unknown as KirimListQuery;
  if (teamId !== undefined) teams.verify(tenant, teamId);
  const page = await backend.list(tenant, { teamId, limit, startingAfter });
  return {
    status: 200,
    body: {
      object: 'list',
      data: page.labels.map((label) => toKirimLabel(label)),
      has_more: page.hasMore,
      request_id: withRequestId(requestId),
    },
  };
}

export async function getLabel({ params, tenant, backend, requestId }: OperationCall): Promise<DialectResponse> {
  return labelAnswer(200, toKirimLabel(await backend.get(tenant, params.id)), requestId);
}

export async function createLabel({ body, tenant, backend, teams, requestId }: OperationCall): Promise<DialectResponse> {
  const createBody = body as KirimCreateBody;
  // Single-team organisations resolve team_id themselves; multi-team ones must pass it (documented).
  const teamId = await teams.resolve(tenant, createBody.team_id, 'team_id');
  const label = await backend.create(tenant, fromKirimCreateBody(createBody, teamId));
  return labelAnswer(201, toKirimLabel(label, teamId), requestId);
}

export async function updateLabel({ params, body, tenant, backend, requestId }: OperationCall): Promise<DialectResponse> {
  const label = await backend.update(tenant, params.id, fromKirimUpdateBody(body as KirimUpdateBody));
  return labelAnswer(200, toKirimLabel(label), requestId);
}

/** Hard delete; the answer names the deleted label, Stripe-style (inferred). */
export async function deleteLabel({ params, tenant, backend, requestId }: OperationCall): Promise<DialectResponse> {
  await backend.remove(tenant, params.id);
  return { status: 200, body: { data: { id: params.id, object: 'label', deleted: true }, request_id: withRequestId(requestId) } };
}
