import { KIRIM_COLOR_HEX } from '../../core/colors';
import type { LabelChanges, NewLabel } from '../../core/label';
import type { DialectClient, WritableField } from './dialect-client';

const KIRIM_HEXES = new Set<string>(Object.values(KIRIM_COLOR_HEX));

/**
 * The fields of a write that the target cannot hold: set to something other than their empty default
 * and not among the target's fields. A colour Kirim can only approximate counts as lost too.
 */
export function lostFields(write: NewLabel | LabelChanges, target: DialectClient): WritableField[] {
  const lost: WritableField[] = [];
  for (const [field, value] of Object.entries(write) as Array<[WritableField, unknown]>) {
    if (isEmpty(value)) continue;
    if (!target.holds.has(field)) lost.push(field);
    else if (field === 'color' && target.dialect === 'kirim' && !KIRIM_HEXES.has(String(value).toLowerCase())) lost.push(field);
  }
  return lost;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === false || value === '' || (Array.isArray(value) && value.length === 0);
}
