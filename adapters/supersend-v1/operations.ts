import type { DialectResponse, OperationCall } from '../../src/core/adapter';
import {
  fromSuperSendUpdateBody,
  fromSuperSendV1CreateBody,
  toSuperSendLabel,
  type SuperSendConversationLabelBody,
  type SuperSendUpdateBody,
  type SuperSendV1CreateBody,
} from './mappers';

/** Every label of the organisation (org-wide and team labels), oldest first, without pagination. */
export async function listLabels({ query, tenant, backend }: OperationCall): Promise<DialectResponse> {
  const search = query.search as string | undefined;
  const page = await backend.list(tenant, { search });
  return { status: 200, body: { success: true, data: page.labels.map(toSuperSendLabel) } };
}

/** An org-wide label; the backend restores a soft-deleted org-wide label with the same name. */
export async function createLabel({ body, tenant, backend }: OperationCall): Promise<DialectResponse> {
  const label = await backend.create(tenant, fromSuperSendV1CreateBody(body as SuperSendV1CreateBody));
  return { status: 201, body: { success: true, data: toSuperSendLabel(label) } };
}

export async function updateLabel({ params, body, tenant, backend }: OperationCall): Promise<DialectResponse> {
  const label = await backend.update(tenant, params.id, fromSuperSendUpdateBody(body as SuperSendUpdateBody));
  return { status: 200, body: { success: true, data: toSuperSendLabel(label) } };
}

export async function deleteLabel({ params, tenant, backend }: OperationCall): Promise<DialectResponse> {
  await backend.remove(tenant, params.id);
  return { status: 200, body: { success: true, message: 'Label deleted successfully' } };
}

export async function assignLabelToConversation({ body, tenant, backend }: OperationCall): Promise<DialectResponse> {
  const { label_id: labelId, conversation_id: conversationId } = body as SuperSendConversationLabelBody;
  await backend.assignToConversation(tenant, labelId, conversationId);
  return { status: 200, body: { success: true, message: 'Label assigned to conversation' } };
}

export async function removeLabelFromConversation({ body, tenant, backend }: OperationCall): Promise<DialectResponse> {
  const { label_id: labelId, conversation_id: conversationId } = body as SuperSendConversationLabelBody;
  await backend.unassignFromConversation(tenant, labelId, conversationId);
  return { status: 200, body: { success: true, message: 'Label removed from conversation' } };
}

export async function listConversationLabels({ query, tenant, backend }: OperationCall): Promise<DialectResponse> {
  const labels = await backend.labelsOfConversation(tenant, query.conversation_id as string);
  return { status: 200, body: { success: true, data: labels.map(toSuperSendLabel) } };
}
