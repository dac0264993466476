import { KIRIM_COLOR_HEX, nearestKirimColor } from '../../core/colors';
import type { DialectId } from '../../core/dialects';
import type { LabelChanges, NewLabel } from '../../core/label';
import type { DialectClient, WritableField } from './dialect-client';

/**
 * The fields of a write that the target cannot hold: set to something other than their empty default
 * and not among the target's fields. A colour Kirim can only approximate counts as lost too.
 */
export function lostFields(write: NewLabel | LabelChanges, target: Pick<DialectClient, 'dialect' | 'holds'>): WritableField[] {
  const lost: WritableField[] = [];
  for (const [field, value] of Object.entries(write) as Array<[WritableField, unknown]>) {
    if (isEmpty(value)) continue;
    if (!target.holds.has(field)) lost.push(field);
    else if (field === 'color' && heldColor(String(value), target)?.hex !== String(value).toLowerCase()) lost.push(field);
  }
  return lost;
}

/**
 * The colour a target ends up holding for a canonical `#rrggbb`: what is sent (`wire`: Kirim's
 * nearest colour name, else the hex as given) and the hex it reads back as. Undefined: no colours.
 */
export function heldColor(color: string, target: Pick<DialectClient, 'dialect' | 'holds'>): { wire: string; hex: string } | undefined {
  if (!target.holds.has('color')) return undefined;
  if (target.dialect !== 'kirim') return { wire: color, hex: color.toLowerCase() };
  const name = nearestKirimColor(color);
  return { wire: name, hex: KIRIM_COLOR_HEX[name] };
}

/** A canonical field as a client of `dialect` names it: every dialect but Attention says `team_id`. */
export function fieldNameIn(dialect: DialectId, field: WritableField): string {
  return dialect !== 'attention-v2' && field === 'teamId' ? 'team_id' : field;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === false || value === '' || (Array.isArray(value) && value.length === 0);
}
