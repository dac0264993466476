import { ADAPTERS } from '../../adapters';
import { PROFILES, uniqueName, type DialectProfile } from '../support/dialect-profiles';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());

/**
 * How every dialect reads the Authorization header (one rule, src/http/authenticate.ts): the
 * scheme in any case, one space, a token of visible characters (with the dialect's prefix and at
 * least one character more); whitespace around the value is not part of it. Every refusal is a
 * 401 in the dialect's own envelope (the contract client checks it) that does not repeat the value.
 */
describe.each(PROFILES)('$dialect Authorization header', (profile: DialectProfile) => {
  const rule = ADAPTERS[profile.dialect].credentials;
  const prefix = rule.scheme === 'bearer' ? (rule.prefix ?? '') : '';
  /** The header a client sends for `key`, in the dialect's form. */
  const header = (key: string) => (rule.scheme === 'raw' ? key : `Bearer ${prefix}${key}`);

  const list = (authorization: string) =>
    gateway.api.get(profile.collection).query(profile.listQuery).set('Authorization', authorization);

  /**
   * The refused headers carry `secret`, `secrets` or `dXNlcjpwYXNz` as their secret part: words no
   * request id can contain by chance (ids are hex or upper-case ULIDs; `abc` once turned up in one).
   */
  async function expectRefused(authorization: string): Promise<void> {
    const res = await list(authorization).expect(401);
    for (const secret of ['secret', 'dXNlcjpwYXNz']) expect(JSON.stringify(res.body)).not.toContain(secret);
  }

  async function createAs(authorization: string): Promise<string> {
    const name = uniqueName('auth');
    await gateway.api.post(profile.collection).set('Authorization', authorization).send(profile.createBody(name)).expect(201);
    return name;
  }

  const seenBy = async (authorization: string) => profile.namesIn((await list(authorization).expect(200)).body);

  it('ignores whitespace around the value: the same tenant', async () => {
    const key = `${profile.dialect}-padded`;
    const name = await createAs(header(key));
    expect(await seenBy(`  ${header(key)}\t `)).toContain(name);
  });

  if (rule.scheme === 'bearer') {
    it('reads the scheme in any letter case: the same tenant', async () => {
      const key = `${profile.dialect}-case`;
      const name = await createAs(`bearer ${prefix}${key}`);
      expect(await seenBy(`BEARER ${prefix}${key}`)).toContain(name);
      expect(await seenBy(`Bearer ${prefix}${key}`)).toContain(name);
    });

    it.each([
      ['a tab between scheme and token', `Bearer\t${prefix}secrets`],
      ['two spaces between scheme and token', `Bearer  ${prefix}secrets`],
      ['a token with a space in it', `Bearer ${prefix}secret s`],
      ['the scheme alone', 'Bearer'],
      ['the scheme and a space', 'Bearer '],
      ['a token without the scheme', `${prefix}secrets`],
      ['another scheme', 'Basic dXNlcjpwYXNz'],
      ['a scheme glued to the token', `Bearer${prefix}secrets`],
    ])('answers 401 to %s', async (_case, authorization) => {
      await expectRefused(authorization);
    });
  } else {
    it.each([
      ['a scheme before the key', 'Bearer secrets'],
      ['a key with a space in it', 'secret s'],
      ['a key with a tab in it', 'secret\ts'],
    ])('answers 401 to %s (the key is the whole header, with no scheme)', async (_case, authorization) => {
      await expectRefused(authorization);
    });
  }

  if (prefix) {
    it(`answers 401 to the bare prefix "${prefix}" and creates nothing`, async () => {
      await expectRefused(`Bearer ${prefix}`);
      await gateway.api.post(profile.collection).set('Authorization', `Bearer ${prefix}`).send(profile.createBody(uniqueName())).expect(401);
      const res = await list(`Bearer ${prefix}`).expect(401);
      expect(JSON.stringify(res.body)).toContain('must be followed by the key itself');
    });

    it('accepts the prefix and one character', async () => {
      await list(`Bearer ${prefix}x`).expect(200);
    });
  }
});
