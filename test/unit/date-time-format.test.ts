import { fullFormats } from 'ajv-formats/dist/formats';
import { isRfc3339DateTime } from '../../src/specs/date-time-format';
import { createBodyAjv } from '../../src/specs/ajv';

/** ajv-formats' own full date-time check: the behaviour ours must reproduce exactly. */
const reference = (fullFormats['date-time'] as { validate: (value: string) => boolean }).validate;

const DATES = ['2026-11-30', '2024-02-29', '2023-02-29', '2000-02-29', '1900-02-29', '2026-04-31', '2026-12-31', '2026-00-10',
  '2026-13-01', '2026-01-00', '2026-1-01', '226-01-01', '2026/01/01', '٢٠٢٦-01-01'];
const SEPARATORS = ['T', 't', ' ', '\t', '\u00a0', 'x', '', 'TT'];
const TIMES = ['00:00:00', '23:59:59', '23:59:60', '22:59:60', '24:00:00', '12:60:00', '12:00:61', '12:00:00.123456', '12:00:00.',
  '12:00', '1:00:00', '23:59:60.5'];
const ZONES = ['Z', 'z', '', '+00:00', '-00:00', '+05:30', '+0530', '+05', '-01:00', '+01:00', '+24:00', '+05:60', '+5:30', '+05:3',
  '+05:30:00', ' Z'];

describe('the date-time format', () => {
  const cases = DATES.flatMap((date) => SEPARATORS.flatMap((sep) => TIMES.flatMap((time) => ZONES.map((zone) => `${date}${sep}${time}${zone}`))));

  it(`answers as ajv-formats' full date-time does, on ${cases.length.toLocaleString('en-US')} combinations`, () => {
    const disagreements = cases.filter((value) => isRfc3339DateTime(value) !== reference(value));
    expect(disagreements).toEqual([]);
    expect(cases.filter((value) => isRfc3339DateTime(value)).length).toBeGreaterThan(500); // both answers occur
  });

  it('accepts timestamps as the vendors write them, and refuses the near misses', () => {
    expect(isRfc3339DateTime('2024-01-15T10:30:00Z')).toBe(true);
    expect(isRfc3339DateTime('2024-01-15T10:30:00.000Z')).toBe(true);
    expect(isRfc3339DateTime('2024-01-15T10:30:00+07:00')).toBe(true);
    expect(isRfc3339DateTime('2024-01-15T10:30:00')).toBe(false); // no offset
    expect(isRfc3339DateTime('2024-02-30T10:30:00Z')).toBe(false);
    expect(isRfc3339DateTime('2024-01-15')).toBe(false);
    expect(isRfc3339DateTime('')).toBe(false);
  });

  it('is the one the spec validators use', () => {
    const ajv = createBodyAjv();
    expect(ajv.formats['date-time']).toMatchObject({ validate: isRfc3339DateTime });
    const validate = ajv.compile({ type: 'string', format: 'date-time' });
    expect(validate('2024-01-15T10:30:00Z')).toBe(true);
    expect(validate('2023-02-29T10:30:00Z')).toBe(false);
  });
});
