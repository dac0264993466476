import { validate as isRfcUuid } from 'uuid';
import { hasForm, kirimIdToUuid, uuidToKirimId } from '../../src/proxy/translation/id-codec';

describe('id codec between UUIDs and Kirim ids', () => {
  it('maps a UUID to a Kirim id (a ULID: first character 0-7) and back, exactly', () => {
    const uuid = 'fe515723-fe2e-4959-a5fa-c4d3937fe7e4';
    const kirim = uuidToKirimId(uuid)!;
    expect(kirim).toMatch(/^lbl_[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    expect(kirimIdToUuid(kirim)).toBe(uuid);
    expect(uuidToKirimId('ffffffff-ffff-ffff-ffff-ffffffffffff')).toBe('lbl_7ZZZZZZZZZZZZZZZZZZZZZZZZZ');
  });

  it("does not make a UUID out of a Kirim ULID: the page's example id is not a valid UUID that way", () => {
    const decoded = kirimIdToUuid('lbl_01HXYZABCDEFGHJKMNPQRSTVWX')!;
    // The reason the proxy mints UUIDs for Kirim labels instead (id-translation.ts).
    expect([isRfcUuid(decoded), hasForm(decoded, 'uuid')]).toEqual([false, false]);
  });

  it('checks the documented forms: RFC 9562 version and variant bits for a UUID', () => {
    expect(hasForm('0b9e7c2e-4f0a-4d55-9a57-0e2f1b1b6a01', 'uuid')).toBe(true);
    expect(hasForm('01a233aa-27cb-4f14-1a02-0e2f1b1b6a01', 'uuid')).toBe(false); // variant bits
    expect(hasForm('01a233aa-27cb-0f14-9a02-0e2f1b1b6a01', 'uuid')).toBe(false); // version 0
    expect(hasForm('lbl_01HXYZABCDEFGHJKMNPQRSTVWX', 'kirim')).toBe(true);
  });

  it('refuses ids that are not of the stated form', () => {
    expect(uuidToKirimId('label-uuid')).toBeUndefined();
    expect(uuidToKirimId('FE515723-FE2E-4959-A5FA-C4D3937FE7E4')).toBeUndefined(); // the way back would not give it again
    expect(kirimIdToUuid('lbl_short')).toBeUndefined();
    expect(kirimIdToUuid('lbl_81HXYZABCDEFGHJKMNPQRSTVWX')).toBeUndefined(); // over 128 bits
  });
});
