import { startTestGateway, type TestGateway } from '../../support/test-gateway';
import { newTeamId, NEXT_SECOND_MS, sleep, SuperSendOrg, V1_LABELS, V2_LABELS } from '../supersend-v2/supersend-org';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());

describe('SuperSend v1 and v2 share one store', () => {
  it("shows a v1 label in every team's v2 list as a legacy label (team_id null)", async () => {
    const org = new SuperSendOrg(gateway, 'shared-v1-in-v2');
    const legacy = await org.v1Create('Legacy', '#F44336');
    for (const team of [newTeamId(), newTeamId()]) {
      expect(await org.v2List(team)).toEqual([legacy]);
    }
    const res = await org.call('get', `${V2_LABELS}/${legacy.id}`).expect(200);
    expect(res.body.data).toEqual(legacy);
  });

  it('shows a v2 team label in the v1 list, with its team_id', async () => {
    const org = new SuperSendOrg(gateway, 'shared-v2-in-v1');
    const team = newTeamId();
    const teamLabel = await org.v2Create('Team Only', team);
    expect(await org.v1List()).toEqual([teamLabel]);
    expect(teamLabel.team_id).toBe(team);
  });

  it('applies a v1 PUT to a team label, keeping its team, and a v2 PATCH to a legacy label', async () => {
    const org = new SuperSendOrg(gateway, 'shared-update');
    const team = newTeamId();
    const teamLabel = await org.v2Create('team', team);
    const legacy = await org.v1Create('legacy');
    await org.call('put', `${V1_LABELS}/${teamLabel.id}`).send({ name: 'Team Renamed' }).expect(200);
    await org.call('patch', `${V2_LABELS}/${legacy.id}`).send({ name: 'Legacy Renamed', color: '#000000' }).expect(200);
    expect((await org.v2List(team)).map((label) => [label.name, label.team_id, label.color])).toEqual([
      ['team renamed', team, '#4CAF50'],
      ['legacy renamed', null, '#000000'],
    ]);
  });

  it('lets an org-wide label and a team label share a name (different scopes), both in the v2 list', async () => {
    const org = new SuperSendOrg(gateway, 'shared-scopes');
    const team = newTeamId();
    const legacy = await org.v1Create('same');
    const teamLabel = await org.v2Create('same', team);
    expect(teamLabel.id).not.toBe(legacy.id);
    expect((await org.v2List(team)).map((label) => label.team_id)).toEqual([null, team]);
  });

  it('forgets a label deleted through v1 in v2 (list and get 404), and one deleted through v2 in v1', async () => {
    const org = new SuperSendOrg(gateway, 'shared-delete');
    const team = newTeamId();
    const legacy = await org.v1Create('legacy');
    const teamLabel = await org.v2Create('team', team);
    await org.v1Delete(legacy.id);
    await org.call('delete', `${V2_LABELS}/${teamLabel.id}`).expect(200);
    expect(await org.v2List(team)).toEqual([]);
    expect(await org.v1List()).toEqual([]);
    await org.call('get', `${V2_LABELS}/${legacy.id}`).expect(404);
    await org.call('delete', `${V1_LABELS}/${teamLabel.id}`).expect(404);
  });

  it('restores through v1 a legacy label deleted through v2, under the same id', async () => {
    const org = new SuperSendOrg(gateway, 'shared-restore-v1');
    const team = newTeamId();
    const legacy = await org.v1Create('phoenix', '#111111');
    await org.call('delete', `${V2_LABELS}/${legacy.id}`).expect(200);
    await sleep(NEXT_SECOND_MS);
    const restored = await org.v1Create('phoenix', '#222222');
    expect(restored).toEqual({ ...legacy, color: '#222222', updated_at: expect.any(String) });
    expect(restored.updated_at > legacy.updated_at).toBe(true);
    expect(await org.v2List(team)).toEqual([restored]);
  });

  it('restores through v2 a team label deleted through v1, under the same id', async () => {
    const org = new SuperSendOrg(gateway, 'shared-restore-v2');
    const team = newTeamId();
    const teamLabel = await org.v2Create('phoenix', team, '#111111');
    await org.v1Delete(teamLabel.id);
    const restored = await org.v2Create('Phoenix', team, '#333333');
    expect(restored).toMatchObject({ id: teamLabel.id, team_id: team, color: '#333333' });
    expect(await org.v1List()).toEqual([restored]);
  });

  it("never restores across scopes: v1 does not revive a team's label, v2 does not revive a legacy one", async () => {
    const org = new SuperSendOrg(gateway, 'shared-restore-scopes');
    const team = newTeamId();
    const teamLabel = await org.v2Create('scoped', team);
    const legacy = await org.v1Create('legacy only');
    await org.v1Delete(teamLabel.id);
    await org.v1Delete(legacy.id);
    const fromV1 = await org.v1Create('scoped');
    const fromV2 = await org.v2Create('legacy only', team);
    expect([fromV1.id === teamLabel.id, fromV1.team_id]).toEqual([false, null]);
    expect([fromV2.id === legacy.id, fromV2.team_id]).toEqual([false, team]);
  });

  it('keeps one set of names: a v2 rename of a legacy label takes the name from v1 creates (409) and frees the old one', async () => {
    const org = new SuperSendOrg(gateway, 'shared-duplicate');
    const legacy = await org.v1Create('original');
    await org.call('patch', `${V2_LABELS}/${legacy.id}`).send({ name: 'Renamed' }).expect(200);
    await org.call('post', V1_LABELS).send({ name: 'renamed', color: '#000000' }).expect(409);
    await org.v1Create('original');
  });
});
