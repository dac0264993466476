import { validate as isRfcUuid, version as uuidVersion } from 'uuid';
import { LabelIdTranslation, TeamTranslation } from '../../src/proxy/translation/id-translation';
import type { TeamRule } from '../../src/proxy/translation/team-rule';
import type { IdMapRepository } from '../../src/store/id-map-repository';
import { cryptoRandomness } from '../../src/core/random';
import { openStore, type Store } from '../../src/store/store';

let store: Store;
let idMap: IdMapRepository;
beforeEach(async () => {
  store = await openStore({ kind: 'memory' }, cryptoRandomness);
  idMap = store.idMap;
});
afterEach(() => store.close());

const KIRIM_LABEL = 'lbl_01HXYZABCDEFGHJKMNPQRSTVWX';
const UUID_LABEL = 'fe515723-fe2e-4959-a5fa-c4d3937fe7e4';

describe('label ids for a UUID client of a Kirim upstream', () => {
  it('mints a v4 UUID for a Kirim id, the same every time, and finds the Kirim id again', async () => {
    const ids = new LabelIdTranslation(idMap, 'scope', 'uuid', 'kirim', cryptoRandomness);
    const clientId = await ids.toClient(KIRIM_LABEL);
    expect([isRfcUuid(clientId), uuidVersion(clientId)]).toEqual([true, 4]);
    expect(await ids.toClient(KIRIM_LABEL)).toBe(clientId);
    expect(ids.toUpstream(clientId)).toBe(KIRIM_LABEL);
  });

  it('knows no Kirim label for a UUID it never gave out', () => {
    expect(new LabelIdTranslation(idMap, 'scope', 'uuid', 'kirim', cryptoRandomness).toUpstream(UUID_LABEL)).toBeUndefined();
  });
});

describe('label ids for a Kirim client of a UUID upstream', () => {
  it('maps a UUID to its Kirim id exactly, both ways, without writing anything', async () => {
    const ids = new LabelIdTranslation(idMap, 'scope', 'kirim', 'uuid', cryptoRandomness);
    const clientId = await ids.toClient(UUID_LABEL);
    expect(clientId).toMatch(/^lbl_[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    expect(ids.toUpstream(clientId)).toBe(UUID_LABEL);
    expect(idMap.knownClientIdOf('scope', UUID_LABEL)).toBeUndefined();
  });

  it('gives a recorded pair (a migration) precedence over the codec', async () => {
    await idMap.pair('scope', KIRIM_LABEL, UUID_LABEL);
    const ids = new LabelIdTranslation(idMap, 'scope', 'kirim', 'uuid', cryptoRandomness);
    expect(await ids.toClient(UUID_LABEL)).toBe(KIRIM_LABEL);
    expect(ids.toUpstream(KIRIM_LABEL)).toBe(UUID_LABEL);
  });

  it('mints a Kirim id for an upstream id the codec cannot take back exactly', async () => {
    const ids = new LabelIdTranslation(idMap, 'scope', 'kirim', 'uuid', cryptoRandomness);
    const upper = UUID_LABEL.toUpperCase();
    const clientId = await ids.toClient(upper);
    expect(clientId).toMatch(/^lbl_[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    expect(ids.toUpstream(clientId)).toBe(upper);
  });
});

describe('label ids between two UUID dialects', () => {
  it('keeps a valid UUID as it is and replaces one with wrong version bits by a v4 UUID', async () => {
    const ids = new LabelIdTranslation(idMap, 'scope', 'uuid', 'uuid', cryptoRandomness);
    expect(await ids.toClient(UUID_LABEL)).toBe(UUID_LABEL);
    const invalid = '01a233aa-27cb-0f14-1a02-0e2f1b1b6a01';
    const clientId = await ids.toClient(invalid);
    expect(isRfcUuid(clientId)).toBe(true);
    expect(ids.toUpstream(clientId)).toBe(invalid);
  });
});

const uuidTeams: TeamRule = {
  required: true,
  problemWith: (team) => (isRfcUuid(team) ? undefined : 'team_id must be a valid UUID.'),
};
const CLIENT_TEAM = '7c1d3f4e-2b6a-4c8d-9e0f-1a2b3c4d5e6f';
const OTHER_TEAM = '2e8a4c6b-1d3f-4a5b-9c7d-8e9f0a1b2c3d';

describe('team ids for a SuperSend client of a Kirim route that names its team', () => {
  it("pairs the route's team with the first client team, and reports any other as lost", async () => {
    const teams = new TeamTranslation(idMap, 'teams', uuidTeams, true, 'team_sales', cryptoRandomness);
    expect(await teams.toUpstream(CLIENT_TEAM)).toEqual({ team: 'team_sales', lost: false });
    expect(await teams.toClient('team_sales')).toBe(CLIENT_TEAM);
    expect(await teams.toUpstream(OTHER_TEAM)).toEqual({ team: 'team_sales', lost: true });
    expect(await teams.toUpstream(CLIENT_TEAM)).toEqual({ team: 'team_sales', lost: false });
  });

  it('gives a Kirim team the client has never named one v4 UUID, even asked for many labels at once', async () => {
    const teams = new TeamTranslation(idMap, 'teams', uuidTeams, true, undefined, cryptoRandomness);
    const seen = await Promise.all(Array.from({ length: 5 }, () => teams.toClient('team_other')));
    expect(new Set(seen).size).toBe(1);
    expect(uuidVersion(seen[0]!)).toBe(4);
    expect(await teams.toUpstream(seen[0])).toEqual({ team: 'team_other', lost: false });
  });

  it('shows no team to a client without teams, and sends none to a target without teams', async () => {
    expect(await new TeamTranslation(idMap, 'teams', undefined, true, 'team_sales', cryptoRandomness).toClient('team_sales')).toBeNull();
    expect(await new TeamTranslation(idMap, 'teams', uuidTeams, false, undefined, cryptoRandomness).toUpstream(CLIENT_TEAM)).toEqual({ team: null, lost: false });
  });
});
