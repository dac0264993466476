import { KIRIM_COLOR_HEX, nearestKirimColor, type KirimColorName } from '../../src/core/colors';
import { cryptoRandomness, type Randomness } from '../../src/core/random';
import type { Label, LabelChanges, NewLabel } from '../../src/core/label';

/** A label on Kirim's wire: every field is required by the page's schema. */
export interface KirimLabel {
  id: string;
  object: 'label';
  name: string;
  color: KirimColorName;
  team_id: string;
  created_at: string;
  updated_at: string;
}

export interface KirimCreateBody {
  team_id?: string;
  name: string;
  color?: KirimColorName;
}

export interface KirimUpdateBody {
  name?: string;
  color?: KirimColorName;
}

/** The colour a create without one gets (inferred; the page's only example is `gray`). */
export const KIRIM_DEFAULT_COLOR: KirimColorName = 'gray';

/** `req_` + a ULID, the form of the page's examples. */
export const newKirimRequestId = (random: Randomness = cryptoRandomness): string => `req_${random.ulid()}`;

/**
 * The canonical label on Kirim's wire. The colour is stored as hex, so it comes back as the nearest
 * Kirim name (exact for labels made through Kirim). `unknownTeam` stands in for a label without a team,
 * which only a translated upstream without teams can produce; the mock's Kirim labels always have one.
 */
export function toKirimLabel(label: Label, unknownTeam = ''): KirimLabel {
  return {
    id: label.id,
    object: 'label',
    name: label.name,
    color: label.color === null ? KIRIM_DEFAULT_COLOR : nearestKirimColor(label.color),
    team_id: label.teamId ?? unknownTeam,
    created_at: label.createdAt,
    updated_at: label.updatedAt,
  };
}

/** `teamId` is the team the directory resolved (the body's own `team_id`, or the organisation's only team). */
export function fromKirimCreateBody(body: KirimCreateBody, teamId: string): NewLabel {
  return { teamId, name: body.name, color: KIRIM_COLOR_HEX[body.color ?? KIRIM_DEFAULT_COLOR] };
}

export function fromKirimUpdateBody(body: KirimUpdateBody): LabelChanges {
  const changes: LabelChanges = {};
  if (body.name !== undefined) changes.name = body.name;
  if (body.color !== undefined) changes.color = KIRIM_COLOR_HEX[body.color];
  return changes;
}
