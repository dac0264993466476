import type { DialectResponse, OperationCall } from '../../src/core/adapter';
import { fromJasniCreateBody, fromJasniUpdateBody, toJasniLabel, type JasniCreateBody, type JasniUpdateBody } from './mappers';

/** Only the key's own user's labels: Jasni scopes labels (and name uniqueness) per user. */
export async function listLabels({ tenant, backend }: OperationCall): Promise<DialectResponse> {
  const page = await backend.list(tenant, { userId: tenant.userId });
  return { status: 200, body: { success: true, data: { labels: page.labels.map(toJasniLabel) } } };
}

export async function getLabel({ params, tenant, backend }: OperationCall): Promise<DialectResponse> {
  const label = await backend.get(tenant, params.id);
  return { status: 200, body: { success: true, data: { label: toJasniLabel(label) } } };
}

export async function createLabel({ body, tenant, backend, random }: OperationCall): Promise<DialectResponse> {
  const label = await backend.create(tenant, fromJasniCreateBody(body as JasniCreateBody, random));
  return { status: 201, body: { success: true, data: { label: toJasniLabel(label) }, message: 'Label created successfully' } };
}

export async function updateLabel({ params, body, tenant, backend }: OperationCall): Promise<DialectResponse> {
  const label = await backend.update(tenant, params.id, fromJasniUpdateBody(body as JasniUpdateBody));
  return { status: 200, body: { success: true, data: { label: toJasniLabel(label) }, message: 'Label updated successfully' } };
}

export async function deleteLabel({ params, tenant, backend }: OperationCall): Promise<DialectResponse> {
  await backend.remove(tenant, params.id);
  return { status: 200, body: { success: true, message: 'Label deleted successfully' } };
}
