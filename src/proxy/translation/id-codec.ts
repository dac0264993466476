/**
 * Kirim ids are `lbl_` + a ULID, and a ULID is 128 bits, like a UUID: the two forms map one to one,
 * so a client keeps seeing ids of its own form without any table. Only an upstream id that is not of
 * its documented form needs the persisted map (IdMapRepository).
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KIRIM_ID = /^lbl_[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

export type IdForm = 'uuid' | 'kirim';

export function hasForm(id: string, form: IdForm): boolean {
  return form === 'uuid' ? UUID.test(id) : KIRIM_ID.test(id);
}

/** Converts between the forms; undefined when `id` is not of the form `from`. */
export function convertId(id: string, from: IdForm, to: IdForm): string | undefined {
  if (!hasForm(id, from)) return undefined;
  if (from === to) return id;
  return to === 'kirim' ? `lbl_${uuidToUlid(id)}` : ulidToUuid(id.slice(4));
}

function uuidToUlid(uuid: string): string {
  let value = BigInt(`0x${uuid.replace(/-/g, '')}`);
  let text = '';
  for (let position = 0; position < 26; position++) {
    text = CROCKFORD[Number(value & 31n)] + text;
    value >>= 5n;
  }
  return text;
}

function ulidToUuid(ulid: string): string {
  let value = 0n;
  for (const character of ulid) value = (value << 5n) | BigInt(CROCKFORD.indexOf(character));
  const hex = value.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
