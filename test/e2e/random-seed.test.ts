import { JASNI_PALETTE } from '../../src/core/colors';
import { adminState } from '../support/admin-state';
import { PROFILES, profileOf } from '../support/dialect-profiles';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Timestamps follow the clock (to the second); everything else in an answer must repeat. */
const withoutTimes = (body: unknown): unknown =>
  JSON.parse(JSON.stringify(body), (key, value) => (/^(created_?at|updated_?at)$/i.test(key) ? '<time>' : value));

/** The same requests a test suite would make: a create per dialect (Jasni's without a colour), twice, and a seed. */
async function session(gateway: TestGateway): Promise<unknown[]> {
  const answers: unknown[] = [];
  for (const round of [1, 2]) {
    for (const profile of PROFILES) {
      const body = profile.dialect === 'jasni' ? { name: `no colour ${round}` } : profile.createBody(`label ${round}`);
      const res = await gateway.api.post(profile.collection).set(profile.auth('repeatable')).send(body).expect(201);
      answers.push(withoutTimes(res.body));
    }
  }
  await adminState(gateway.url).put({ jasni: { 'Bearer jsk_seeded': [{ name: 'from a seed' }] } }).expect(200);
  const seeded = await gateway.api.get('/jasni/api/v1/labels').set('Authorization', 'Bearer jsk_seeded').expect(200);
  answers.push(withoutTimes(seeded.body));
  return answers;
}

async function run(randomSeed?: number): Promise<unknown[]> {
  const gateway = await startTestGateway({ randomSeed });
  try {
    return await session(gateway);
  } finally {
    await gateway.stop();
  }
}

describe('repeatable runs (randomSeed)', () => {
  it('answers two runs with the same seed identically: ids, request ids, Jasni’s palette pick', async () => {
    const first = await run(20261202);
    expect(await run(20261202)).toEqual(first);
    // Two creates and one seed label without a colour: each got one of the palette's ten.
    const jasniColours = (first as Array<{ data?: { label?: { color: string }; labels?: Array<{ color: string }> } }>).flatMap(
      (answer) => answer.data?.label?.color ?? answer.data?.labels?.map((label) => label.color) ?? [],
    );
    expect(jasniColours).toHaveLength(3);
    for (const colour of jasniColours) expect(JASNI_PALETTE).toContain(colour);
  });

  it('answers differently with another seed, and without one', async () => {
    const seeded = JSON.stringify(await run(1));
    expect(JSON.stringify(await run(2))).not.toEqual(seeded);
    expect(JSON.stringify(await run())).not.toEqual(JSON.stringify(await run()));
  });

  it('keeps ids in their documented forms', async () => {
    const answers = (await run(5)) as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- checked by the contract client
    PROFILES.forEach((profile, position) => {
      const id = profile.idOf(answers[position]);
      expect(id).toMatch(profile.dialect === 'kirim' ? profile.idPattern : UUID_V4);
    });
    expect(answers[1].request_id).toMatch(/^req_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(answers[3].request_id).toMatch(/^req_[0-9a-f]{24}$/);
  });

  it('gives each gateway of a process its own sequence: two seeded gateways side by side agree', async () => {
    const [left, right] = await Promise.all([startTestGateway({ randomSeed: 9 }), startTestGateway({ randomSeed: 9 })]);
    try {
      const jasni = profileOf('jasni');
      const create = (gateway: TestGateway) => gateway.api.post(jasni.collection).set(jasni.auth('side')).send({ name: 'side by side' }).expect(201);
      const [a, b] = await Promise.all([create(left), create(right)]);
      expect(withoutTimes(a.body)).toEqual(withoutTimes(b.body));
    } finally {
      await Promise.all([left.stop(), right.stop()]);
    }
  });

  it('refuses a seed that is not a whole number', async () => {
    await expect(startTestGateway({ randomSeed: 1.5 })).rejects.toThrow('randomSeed must be a whole number');
  });
});
