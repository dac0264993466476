/**
 * Kirim ids are `lbl_` + a ULID. A UUID's 128 bits always fit a ULID (26 Crockford characters hold
 * 130 bits, so the first character stays within `[0-7]`, as a ULID's must): UUID → Kirim id is exact
 * and reversible. The other way is not: a ULID's 128 bits rarely carry a UUID's version and variant
 * bits, so a Kirim id shown to a UUID client goes through the persisted id map instead (id-translation.ts).
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Lower case only, so that the way back (which writes lower case) gives the very same string. */
const LOWER_CASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** RFC 9562: version 1-8 in the 13th digit, variant `10` in the 17th (what `uuid.validate()` checks). */
const RFC_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const KIRIM_ID = /^lbl_[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

export type IdForm = 'uuid' | 'kirim';

/** The dialect's documented form: Kirim's `lbl_` + ULID, or a UUID with valid version and variant bits. */
export function hasForm(id: string, form: IdForm): boolean {
  return form === 'uuid' ? RFC_UUID.test(id) : KIRIM_ID.test(id);
}

/** The Kirim id a UUID maps to; undefined for anything that is not shaped like a lower-case UUID. */
export function uuidToKirimId(uuid: string): string | undefined {
  if (!LOWER_CASE_UUID.test(uuid)) return undefined;
  let value = BigInt(`0x${uuid.replace(/-/g, '')}`);
  let text = '';
  for (let position = 0; position < 26; position++) {
    text = CROCKFORD[Number(value & 31n)] + text;
    value >>= 5n;
  }
  return `lbl_${text}`;
}

/** The inverse of uuidToKirimId (lower case); undefined for anything that is not a Kirim id. */
export function kirimIdToUuid(kirimId: string): string | undefined {
  if (!KIRIM_ID.test(kirimId)) return undefined;
  let value = 0n;
  for (const character of kirimId.slice(4)) value = (value << 5n) | BigInt(CROCKFORD.indexOf(character));
  const hex = value.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
