import { DEFAULT_HEX_COLOR } from '../../src/core/colors';
import type { Label, LabelChanges, NewLabel } from '../../src/core/label';

/** A label on SuperSend's wire (v1 and v2 share it). */
export interface SuperSendLabel {
  object: 'label';
  id: string;
  name: string;
  color: string;
  team_id: string | null;
  org_id: string;
  created_at: string;
  updated_at: string;
}

export interface SuperSendV2CreateBody {
  name: string;
  color: string;
  team_id: string;
}

export interface SuperSendUpdateBody {
  name?: string;
  color?: string;
}

export function toSuperSendLabel(label: Label): SuperSendLabel {
  return {
    object: 'label',
    id: label.id,
    name: label.name,
    color: label.color ?? DEFAULT_HEX_COLOR,
    team_id: label.teamId,
    org_id: label.orgId,
    created_at: label.createdAt,
    updated_at: label.updatedAt,
  };
}

/** SuperSend stores names lowercased (documented); the spec has already trimmed them. */
export const superSendName = (name: string): string => name.toLowerCase();

export function fromSuperSendV2CreateBody(body: SuperSendV2CreateBody): NewLabel {
  return { teamId: body.team_id, name: superSendName(body.name), color: body.color };
}

export function fromSuperSendUpdateBody(body: SuperSendUpdateBody): LabelChanges {
  const changes: LabelChanges = {};
  if (body.name !== undefined) changes.name = superSendName(body.name);
  if (body.color !== undefined) changes.color = body.color;
  return changes;
}
