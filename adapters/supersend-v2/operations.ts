import type { OperationCall, DialectResponse } from '../../src/core/adapter';
import { fromSuperSendUpdateBody, fromSuperSendV2CreateBody, toSuperSendLabel, type SuperSendUpdateBody, type SuperSendV2CreateBody } from './mappers';

interface ListQuery {
  team_id: string;
  search?: string;
  limit: number;
  offset: number;
}

export async function listLabels({ query, tenant, backend, teams, requestId }: OperationCall): Promise<DialectResponse> {
  const { team_id: teamId, search, limit, offset } = query as unknown as ListQuery;
  teams.verify(tenant, teamId);
  const page = await backend.list(tenant, { teamId, includeOrgWide: true, search, limit, offset });
  return {
    status: 200,
    body: {
      success: true,
      data: page.labels.map(toSuperSendLabel),
      pagination: { total: page.total, limit, offset, hasMore: page.hasMore },
      request_id: requestId,
    },
  };
}

export async function getLabel({ params, tenant, backend, requestId }: OperationCall): Promise<DialectResponse> {
  const label = await backend.get(tenant, params.id);
  return { status: 200, body: { success: true, data: toSuperSendLabel(label), request_id: requestId } };
}

export async function createLabel({ body, tenant, backend, teams, requestId }: OperationCall): Promise<DialectResponse> {
  const createBody = body as SuperSendV2CreateBody;
  await teams.ensure(tenant, createBody.team_id);
  const label = await backend.create(tenant, fromSuperSendV2CreateBody(createBody));
  return { status: 201, body: { success: true, data: toSuperSendLabel(label), request_id: requestId } };
}

export async function updateLabel({ params, body, tenant, backend, requestId }: OperationCall): Promise<DialectResponse> {
  const label = await backend.update(tenant, params.id, fromSuperSendUpdateBody(body as SuperSendUpdateBody));
  return { status: 200, body: { success: true, data: toSuperSendLabel(label), request_id: requestId } };
}

export async function deleteLabel({ params, tenant, backend, requestId }: OperationCall): Promise<DialectResponse> {
  await backend.remove(tenant, params.id);
  return { status: 200, body: { success: true, message: 'Label deleted successfully', request_id: requestId } };
}
