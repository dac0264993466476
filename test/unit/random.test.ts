import { cryptoRandomness, seededRandomness, type Randomness } from '../../src/core/random';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

/** A few hundred draws of every kind, in a fixed interleaving, crossing several pool refills. */
function draws(random: Randomness): string[] {
  const out: string[] = [];
  for (let round = 0; round < 400; round++) out.push(random.uuid(), random.ulid(), random.hex(12), String(random.index(10)));
  return out;
}

describe('seeded randomness', () => {
  it('gives the same sequence for the same seed', () => {
    expect(draws(seededRandomness(42))).toEqual(draws(seededRandomness(42)));
  });

  it('gives different sequences for different seeds', () => {
    const [a, b] = [draws(seededRandomness(1)), draws(seededRandomness(2))];
    expect(a.filter((value, position) => value === b[position]).length).toBeLessThan(a.length / 4); // only index() may coincide
  });

  it('keeps ids in their documented forms: version-4 UUIDs, increasing ULIDs', () => {
    const random = seededRandomness(7);
    const uuids = Array.from({ length: 500 }, () => random.uuid());
    const ulids = Array.from({ length: 500 }, () => random.ulid());
    for (const uuid of uuids) expect(uuid).toMatch(UUID_V4);
    expect(new Set(uuids).size).toBe(500);
    for (const ulid of ulids) expect(ulid).toMatch(ULID);
    expect([...ulids].sort()).toEqual(ulids);
  });

  it('picks every index with about the same frequency', () => {
    const random = seededRandomness(3);
    const counts = new Array(10).fill(0);
    for (let draw = 0; draw < 20_000; draw++) counts[random.index(10)]++;
    for (const count of counts) expect(Math.abs(count - 2000)).toBeLessThan(250);
  });
});

describe('unseeded randomness', () => {
  it('differs from one draw to the next and keeps the same forms', () => {
    const first = draws(cryptoRandomness);
    const second = draws(cryptoRandomness);
    expect(first.filter((value, position) => value.length > 2 && value === second[position])).toEqual([]);
    expect(cryptoRandomness.uuid()).toMatch(UUID_V4);
    expect(cryptoRandomness.ulid()).toMatch(ULID);
  });
});
