import type { LabelChanges, NewLabel } from '../../core/label';
import type { DialectClient, WritableField } from './dialect-client';

/**
 * The fields of a write that the target cannot keep as given: set to something other than their
 * empty default, and either not among the target's fields or altered by it (a colour Kirim can only
 * approximate, a name SuperSend would lower-case).
 */
export function lostFields(write: NewLabel | LabelChanges, target: DialectClient): WritableField[] {
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

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === false || value === '' || (Array.isArray(value) && value.length === 0);
}
