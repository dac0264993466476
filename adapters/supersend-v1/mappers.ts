import type { NewLabel } from '../../src/core/label';
import { superSendName } from '../supersend-v2/mappers';

// v1 and v2 share the label's wire shape and the update body, so v2's mappers serve both.
export { toSuperSendLabel, fromSuperSendUpdateBody, type SuperSendLabel, type SuperSendUpdateBody } from '../supersend-v2/mappers';

export interface SuperSendV1CreateBody {
  name: string;
  color: string;
}

/** `{label_id, conversation_id}`, the body of both assignment calls. */
export interface SuperSendConversationLabelBody {
  label_id: string;
  conversation_id: string;
}

/** v1 has no teams: its labels are the organisation's legacy org-wide ones (`team_id: null`). */
export function fromSuperSendV1CreateBody(body: SuperSendV1CreateBody): NewLabel {
  return { teamId: null, name: superSendName(body.name), color: body.color };
}
