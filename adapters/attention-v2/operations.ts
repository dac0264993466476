import type { DialectResponse, OperationCall } from '../../src/core/adapter';
import { validationError } from '../../src/core/errors';
import {
  fromAttentionCreateBody,
  fromAttentionUpdateBody,
  toAttentionLabel,
  type AttentionCreateBody,
  type AttentionUpdateBody,
} from './mappers';

export async function listLabels({ tenant, backend }: OperationCall): Promise<DialectResponse> {
  // No paging is documented or inferred: the whole organisation, oldest first.
  const page = await backend.list(tenant, {});
  return { status: 200, body: { data: page.labels.map(toAttentionLabel) } };
}

export async function getLabel({ params, tenant, backend }: OperationCall): Promise<DialectResponse> {
  const label = await backend.get(tenant, params.id);
  return { status: 200, body: { data: toAttentionLabel(label) } };
}

export async function createLabel({ body, tenant, backend }: OperationCall): Promise<DialectResponse> {
  const label = await backend.create(tenant, fromAttentionCreateBody(body as AttentionCreateBody));
  return { status: 201, body: { data: toAttentionLabel(label) } };
}

export async function updateLabel({ params, body, tenant, backend }: OperationCall): Promise<DialectResponse> {
  const changes = fromAttentionUpdateBody(body as AttentionUpdateBody);
  // The page requires at least one mutable field. The spec's UpdateLabelRequest says so (`{}` and a
  // body of nulls both fail it, with this same message), so a checked request never gets here with
  // nothing to apply; the guard keeps an update that asks for no change from reaching the backend.
  if (Object.keys(changes).length === 0) {
    throw validationError('body', 'body must contain at least one field to update; null leaves a field unchanged.');
  }
  const label = await backend.update(tenant, params.id, changes);
  return { status: 200, body: { data: toAttentionLabel(label) } };
}

export async function deleteLabel({ params, tenant, backend }: OperationCall): Promise<DialectResponse> {
  // The answer is the label as it was, so read it before it is gone.
  const label = await backend.get(tenant, params.id);
  await backend.remove(tenant, params.id);
  return { status: 200, body: { data: toAttentionLabel(label) } };
}
