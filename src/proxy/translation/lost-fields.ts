import { KIRIM_COLOR_HEX, nearestKirimColor } from '../../core/colors';
import type { DialectId } from '../../core/dialects';
import type { LabelChanges, NewLabel } from '../../core/label';
import type { DialectClient, WritableField } from './dialect-client';

/**
 * The fields of a write that the target cannot keep as given: set to something other than their
 * empty default, and either not among the target's fields or altered by it (a colour Kirim can only
 * approximate, a name SuperSend would lower-case).
 */
export function lostFields(write: NewLabel | LabelChanges, target: Pick<DialectClient, 'keeps'>): WritableField[] {
  const lost: WritableField[] = [];
  for (const [field, value] of Object.entries(write) as Array<[WritableField, unknown]>) {
    if (!isEmpty(value) && !target.keeps(field, value)) lost.push(field);
  }
  return lost;
}

/**
 * The changes an update may send: only what the target keeps exactly. A field it would drop or
 * approximate is left out, so the target's stored value stays as it was instead of being overwritten.
 */
export function keptChanges(changes: LabelChanges, lost: readonly WritableField[]): LabelChanges {
  const kept: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) if (!lost.includes(field as WritableField)) kept[field] = value;
  return kept as LabelChanges;
}

/**
 * The colour a target ends up holding for a canonical `#rrggbb`: what is sent (`wire`: Kirim's
 * nearest colour name, else the hex as given) and the hex it reads back as. Undefined: no colours.
 * Kirim is the one dialect that approximates a colour rather than keeping or dropping it.
 */
export function heldColor(color: string, target: Pick<DialectClient, 'dialect' | 'keeps'>): { wire: string; hex: string } | undefined {
  if (target.dialect === 'kirim') {
    const name = nearestKirimColor(color);
    return { wire: name, hex: KIRIM_COLOR_HEX[name] };
  }
  return target.keeps('color', color) ? { wire: color, hex: color.toLowerCase() } : undefined;
}

/** A canonical field as a client of `dialect` names it: every dialect but Attention says `team_id`. */
export function fieldNameIn(dialect: DialectId, field: WritableField): string {
  return dialect !== 'attention-v2' && field === 'teamId' ? 'team_id' : field;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === false || value === '' || (Array.isArray(value) && value.length === 0);
}
