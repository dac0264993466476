import { convertId, hasForm } from '../../src/proxy/translation/id-codec';

describe('id codec between Kirim ids and UUIDs', () => {
  it('round-trips a UUID through the Kirim form', () => {
    const uuid = 'fe515723-fe2e-4959-a5fa-c4d3937fe7e4';
    const kirim = convertId(uuid, 'uuid', 'kirim')!;
    expect(kirim).toMatch(/^lbl_[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    expect(convertId(kirim, 'kirim', 'uuid')).toBe(uuid);
  });

  it("round-trips the Kirim page's example id through a UUID", () => {
    const kirim = 'lbl_01HXYZABCDEFGHJKMNPQRSTVWX';
    const uuid = convertId(kirim, 'kirim', 'uuid')!;
    expect(hasForm(uuid, 'uuid')).toBe(true);
    expect(convertId(uuid, 'uuid', 'kirim')).toBe(kirim);
  });

  it('refuses ids that are not of the stated form', () => {
    expect(convertId('label-uuid', 'uuid', 'kirim')).toBeUndefined();
    expect(convertId('lbl_short', 'kirim', 'uuid')).toBeUndefined();
    expect(convertId('lbl_81HXYZABCDEFGHJKMNPQRSTVWX', 'kirim', 'uuid')).toBeUndefined(); // over 128 bits
  });
});
