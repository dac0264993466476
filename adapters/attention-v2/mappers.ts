import type { Label, LabelChanges, LabelOption, NewLabel } from '../../src/core/label';

/** One selectable value of a multi-value label, on Attention's wire. */
export interface AttentionOption {
  value: string;
  description?: string;
}

/** A label on Attention's wire. */
export interface AttentionLabel {
  uuid: string;
  name: string;
  description: string;
  aiFlow: boolean;
  allTeams: boolean;
  isDefaultTemplate: boolean;
  options: AttentionOption[];
  organizationUUID: string;
  createdAt: string;
}

/** `POST /v2/labels`, as the spec has checked it (name already trimmed). */
export interface AttentionCreateBody {
  name: string;
  description?: string;
  aiFlow?: boolean;
  allTeams?: boolean;
  options?: AttentionOption[];
}

/** `PATCH /v2/labels/{id}`: absent or null means "leave unchanged" (pointer-nil merge). */
export interface AttentionUpdateBody {
  name?: string;
  description?: string | null;
  aiFlow?: boolean | null;
  allTeams?: boolean | null;
  options?: AttentionOption[];
}

export function toAttentionLabel(label: Label): AttentionLabel {
  return {
    uuid: label.id,
    name: label.name,
    // The wire field is a plain string: a label without a description shows "" (inferred).
    description: label.description ?? '',
    aiFlow: label.aiFlow,
    allTeams: label.allTeams,
    isDefaultTemplate: label.isDefaultTemplate,
    options: label.options.map(toAttentionOption),
    organizationUUID: label.orgId,
    createdAt: label.createdAt,
  };
}

export function fromAttentionCreateBody(body: AttentionCreateBody): NewLabel {
  return {
    teamId: null,
    name: body.name,
    color: null,
    description: canonicalDescription(body.description),
    aiFlow: body.aiFlow ?? false,
    allTeams: body.allTeams ?? false,
    options: (body.options ?? []).map(fromAttentionOption),
  };
}

/** Only the fields that carry a value become changes; an empty result means there is nothing to apply. */
export function fromAttentionUpdateBody(body: AttentionUpdateBody): LabelChanges {
  const changes: LabelChanges = {};
  if (body.name !== undefined) changes.name = body.name;
  if (body.description !== undefined && body.description !== null) changes.description = canonicalDescription(body.description);
  if (body.aiFlow !== undefined && body.aiFlow !== null) changes.aiFlow = body.aiFlow;
  if (body.allTeams !== undefined && body.allTeams !== null) changes.allTeams = body.allTeams;
  if (body.options !== undefined) changes.options = body.options.map(fromAttentionOption);
  return changes;
}

/** The canonical model says "no description" with null; Attention's empty string (which clears it) is that. */
function canonicalDescription(description: string | undefined): string | null {
  return description === undefined || description === '' ? null : description;
}

// Options are copied field by field, so only the documented fields are ever stored or shown.
function fromAttentionOption(option: AttentionOption): LabelOption {
  return option.description === undefined ? { value: option.value } : { value: option.value, description: option.description };
}

function toAttentionOption(option: LabelOption): AttentionOption {
  return option.description === undefined ? { value: option.value } : { value: option.value, description: option.description };
}
