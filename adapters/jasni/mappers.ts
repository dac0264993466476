import { DEFAULT_HEX_COLOR, JASNI_PALETTE } from '../../src/core/colors';
import type { Label, LabelChanges, NewLabel } from '../../src/core/label';
import type { Randomness } from '../../src/core/random';

/** A label on Jasni's wire, as the page's create example shows it. */
export interface JasniLabel {
  id: string;
  name: string;
  color: string;
  description: string | null;
  created_at: string;
}

export interface JasniCreateBody {
  name: string;
  color?: string;
  description?: string;
}

export interface JasniUpdateBody {
  name?: string;
  color?: string;
  /** null clears the description. */
  description?: string | null;
}

export function toJasniLabel(label: Label): JasniLabel {
  return {
    id: label.id,
    name: label.name,
    // Jasni labels always have a colour; only a translated upstream without colours (Attention) lacks one.
    color: label.color ?? DEFAULT_HEX_COLOR,
    description: label.description,
    created_at: label.createdAt,
  };
}

/** The page's rule for a create without a colour: one of the ten palette colours, at random. */
export function randomPaletteColor(random: Randomness): string {
  return JASNI_PALETTE[random.index(JASNI_PALETTE.length)];
}

/** Jasni has no teams: its labels belong to the user of the key (the backend scopes them so). */
export function fromJasniCreateBody(body: JasniCreateBody, random: Randomness): NewLabel {
  return {
    teamId: null,
    name: body.name,
    color: body.color ?? randomPaletteColor(random),
    description: body.description ?? null,
  };
}

export function fromJasniUpdateBody(body: JasniUpdateBody): LabelChanges {
  const changes: LabelChanges = {};
  if (body.name !== undefined) changes.name = body.name;
  if (body.color !== undefined) changes.color = body.color;
  if (body.description !== undefined) changes.description = body.description;
  return changes;
}
