import { startTestGateway, type TestGateway } from '../../support/test-gateway';
import { newTeamId, SuperSendOrg, V2_LABELS } from './supersend-org';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());

describe('SuperSend v2 list: team_id', () => {
  it('requires team_id, naming it in a VALIDATION_ERROR', async () => {
    const org = new SuperSendOrg(gateway, 'v2-list-team');
    const res = await org.call('get', V2_LABELS).expect(400);
    expect(res.body).toEqual({
      success: false,
      error: { code: 'VALIDATION_ERROR', message: 'team_id is required.' },
      request_id: expect.stringMatching(/^req_[0-9a-f]{24}$/),
    });
  });

  it('rejects a team_id that is not a UUID', async () => {
    const org = new SuperSendOrg(gateway, 'v2-list-team');
    const res = await org.call('get', V2_LABELS).query({ team_id: 'team-uuid' }).expect(400);
    expect(res.body.error).toEqual({ code: 'VALIDATION_ERROR', message: 'team_id must be a valid UUID.' });
  });

  it("returns the team's labels and the organisation's legacy labels, never another team's", async () => {
    const org = new SuperSendOrg(gateway, 'v2-list-team');
    const team = newTeamId();
    await org.v2Create('mine', team);
    await org.v1Create('legacy');
    await org.v2Create('theirs', newTeamId());
    const labels = await org.v2List(team);
    expect(labels.map((label) => [label.name, label.team_id])).toEqual([
      ['mine', team],
      ['legacy', null],
    ]);
  });

  it('lists team and legacy labels together, oldest first', async () => {
    const org = new SuperSendOrg(gateway, 'v2-list-order');
    const team = newTeamId();
    await org.v2Create('first', team);
    await org.v1Create('second');
    await org.v2Create('third', team);
    await org.v1Create('fourth');
    expect(await org.v2Names(team)).toEqual(['first', 'second', 'third', 'fourth']);
  });

  it('answers an empty page for a team with no labels', async () => {
    const org = new SuperSendOrg(gateway, 'v2-list-empty');
    const res = await org.call('get', V2_LABELS).query({ team_id: newTeamId() }).expect(200);
    expect(res.body).toEqual({
      success: true,
      data: [],
      pagination: { total: 0, limit: 50, offset: 0, hasMore: false },
      request_id: expect.stringMatching(/^req_[0-9a-f]{24}$/),
    });
  });
});

describe('SuperSend v2 list: search', () => {
  it('filters by a case-insensitive substring of the name, legacy labels included', async () => {
    const org = new SuperSendOrg(gateway, 'v2-search');
    const team = newTeamId();
    await org.v2Create('Interested', team);
    await org.v1Create('Not Interested');
    await org.v2Create('follow up', team);
    expect(await org.v2Names(team, { search: 'INTEREST' })).toEqual(['interested', 'not interested']);
    expect(await org.v2Names(team, { search: 'up' })).toEqual(['follow up']);
  });

  it('counts only the matches in pagination.total', async () => {
    const org = new SuperSendOrg(gateway, 'v2-search');
    const team = newTeamId();
    await org.v2Create('alpha', team);
    await org.v2Create('beta', team);
    const res = await org.call('get', V2_LABELS).query({ team_id: team, search: 'zzz' }).expect(200);
    expect(res.body.data).toEqual([]);
    expect(res.body.pagination).toEqual({ total: 0, limit: 50, offset: 0, hasMore: false });
  });
});

describe('SuperSend v2 list: pagination', () => {
  it('walks seven labels three at a time, with total and hasMore on every page', async () => {
    const org = new SuperSendOrg(gateway, 'v2-pages');
    const team = newTeamId();
    const names = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'];
    for (const name of names) await org.v2Create(name, team);
    const pages = [];
    for (const offset of [0, 3, 6]) {
      const res = await org.call('get', V2_LABELS).query({ team_id: team, limit: 3, offset }).expect(200);
      pages.push({ names: res.body.data.map((label: { name: string }) => label.name), pagination: res.body.pagination });
    }
    expect(pages).toEqual([
      { names: ['p1', 'p2', 'p3'], pagination: { total: 7, limit: 3, offset: 0, hasMore: true } },
      { names: ['p4', 'p5', 'p6'], pagination: { total: 7, limit: 3, offset: 3, hasMore: true } },
      { names: ['p7'], pagination: { total: 7, limit: 3, offset: 6, hasMore: false } },
    ]);
  });

  it('answers an empty page past the end, still reporting the total', async () => {
    const org = new SuperSendOrg(gateway, 'v2-pages');
    const team = newTeamId();
    await org.v2Create('only', team);
    const res = await org.call('get', V2_LABELS).query({ team_id: team, offset: 5 }).expect(200);
    expect(res.body.data).toEqual([]);
    expect(res.body.pagination).toEqual({ total: 1, limit: 50, offset: 5, hasMore: false });
  });

  it('defaults to limit 50 and offset 0, and accepts limit 100', async () => {
    const org = new SuperSendOrg(gateway, 'v2-pages');
    const team = newTeamId();
    await org.v2Create('one', team);
    const byDefault = await org.call('get', V2_LABELS).query({ team_id: team }).expect(200);
    expect(byDefault.body.pagination).toEqual({ total: 1, limit: 50, offset: 0, hasMore: false });
    const largest = await org.call('get', V2_LABELS).query({ team_id: team, limit: 100 }).expect(200);
    expect(largest.body.pagination.limit).toBe(100);
  });

  it.each([
    ['limit', '0', 'limit must be at least 1.'],
    ['limit', '101', 'limit must be at most 100.'],
    ['limit', 'ten', 'limit must be an integer.'],
    ['offset', '-1', 'offset must be at least 0.'],
    ['offset', '1.5', 'offset must be an integer.'],
  ])('answers 400 to %s=%s, naming the parameter', async (parameter, value, message) => {
    const org = new SuperSendOrg(gateway, 'v2-pages');
    const res = await org.call('get', V2_LABELS).query({ team_id: newTeamId(), [parameter]: value }).expect(400);
    expect(res.body.error).toEqual({ code: 'VALIDATION_ERROR', message });
  });
});

describe('SuperSend v2 request ids', () => {
  it('gives every answer, success or error, its own req_ + 24 hex id', async () => {
    const org = new SuperSendOrg(gateway, 'v2-request-id');
    const team = newTeamId();
    const ids = [
      (await org.call('get', V2_LABELS).query({ team_id: team }).expect(200)).body.request_id,
      (await org.call('get', V2_LABELS).query({ team_id: team }).expect(200)).body.request_id,
      (await org.call('get', `${V2_LABELS}/nope`).expect(404)).body.request_id,
    ];
    for (const id of ids) expect(id).toMatch(/^req_[0-9a-f]{24}$/);
    expect(new Set(ids).size).toBe(3);
  });
});
