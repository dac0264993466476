import { startTestGateway, type TestGateway } from '../../support/test-gateway';
import { newTeamId, NEXT_SECOND_MS, sleep, SuperSendOrg, V2_LABELS } from './supersend-org';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('SuperSend v2 create', () => {
  it('answers 201 with the label, its name trimmed and lowercased, in the given team', async () => {
    const org = new SuperSendOrg(gateway, 'v2-create');
    const team = newTeamId();
    const res = await org.call('post', V2_LABELS).send({ name: '  Hot LEAD ', color: '#ff9800', team_id: team }).expect(201);
    expect(res.body).toEqual({
      success: true,
      data: {
        object: 'label',
        id: expect.stringMatching(UUID),
        name: 'hot lead',
        color: '#ff9800',
        team_id: team,
        org_id: expect.any(String),
        created_at: res.body.data.updated_at,
        updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      },
      request_id: expect.stringMatching(/^req_[0-9a-f]{24}$/),
    });
  });

  it.each(['name', 'color', 'team_id'])('requires %s', async (field) => {
    const org = new SuperSendOrg(gateway, 'v2-create-rules');
    const body: Record<string, string> = { name: 'x', color: '#4CAF50', team_id: newTeamId() };
    delete body[field];
    const res = await org.call('post', V2_LABELS).send(body).expect(400);
    expect(res.body.error).toEqual({ code: 'VALIDATION_ERROR', message: `${field} is required.` });
  });

  it.each([
    [{ name: 'x'.repeat(51) }, 'name must be at most 50 characters.'],
    [{ name: '   ' }, 'name must not be empty.'],
    [{ name: 7 }, 'name must be a string.'],
    [{ color: 'green' }, 'color has an invalid format (expected e.g. "#4CAF50").'],
    [{ color: '#4CAF5' }, 'color has an invalid format (expected e.g. "#4CAF50").'],
    [{ team_id: 'team-uuid' }, 'team_id must be a valid UUID.'],
    [{ org_id: 'someone-else' }, 'org_id is not a recognised field.'],
  ])('answers 400 to %j, naming the field', async (override, message) => {
    const org = new SuperSendOrg(gateway, 'v2-create-rules');
    const team = newTeamId();
    const res = await org.call('post', V2_LABELS).send({ name: 'x', color: '#4CAF50', team_id: team, ...override }).expect(400);
    expect(res.body.error).toEqual({ code: 'VALIDATION_ERROR', message });
    expect(await org.v2List(team)).toEqual([]);
  });

  it('accepts a name of exactly 50 characters', async () => {
    const org = new SuperSendOrg(gateway, 'v2-create-rules');
    const label = await org.v2Create('N'.repeat(50), newTeamId());
    expect(label.name).toBe('n'.repeat(50));
  });

  it('answers 409 ALREADY_EXISTS to an active name of the team, whatever its case', async () => {
    const org = new SuperSendOrg(gateway, 'v2-create-duplicate');
    const team = newTeamId();
    await org.v2Create('Interested', team);
    const res = await org.call('post', V2_LABELS).send({ name: 'INTERESTED', color: '#000000', team_id: team }).expect(409);
    expect(res.body.error.code).toBe('ALREADY_EXISTS');
    expect(res.body.error.message).toBe("A label named 'interested' already exists in this team.");
    expect(await org.v2Names(team)).toEqual(['interested']);
  });

  it('allows the same name in another team', async () => {
    const org = new SuperSendOrg(gateway, 'v2-create-duplicate');
    const first = await org.v2Create('shared name', newTeamId());
    const second = await org.v2Create('shared name', newTeamId());
    expect(second.id).not.toBe(first.id);
  });

  it('restores a soft-deleted label of the team with the same name: same id, new colour, new updated_at, 201', async () => {
    const org = new SuperSendOrg(gateway, 'v2-restore');
    const team = newTeamId();
    const original = await org.v2Create('Comeback', team, '#111111');
    await org.call('delete', `${V2_LABELS}/${original.id}`).expect(200);
    await sleep(NEXT_SECOND_MS);
    const res = await org.call('post', V2_LABELS).send({ name: 'COMEBACK', color: '#222222', team_id: team }).expect(201);
    const restored = res.body.data;
    expect(restored).toEqual({ ...original, color: '#222222', updated_at: expect.any(String) });
    expect(restored.updated_at > original.updated_at).toBe(true);
    expect(await org.v2Names(team)).toEqual(['comeback']);
    await org.call('get', `${V2_LABELS}/${original.id}`).expect(200);
  });

  it("does not restore another team's deleted label", async () => {
    const org = new SuperSendOrg(gateway, 'v2-restore');
    const deleted = await org.v2Create('moved', newTeamId());
    await org.call('delete', `${V2_LABELS}/${deleted.id}`).expect(200);
    const fresh = await org.v2Create('moved', newTeamId());
    expect(fresh.id).not.toBe(deleted.id);
    await org.call('get', `${V2_LABELS}/${deleted.id}`).expect(404);
  });
});

describe('SuperSend v2 get', () => {
  it('answers the label by id', async () => {
    const org = new SuperSendOrg(gateway, 'v2-get');
    const label = await org.v2Create('find me', newTeamId());
    const res = await org.call('get', `${V2_LABELS}/${label.id}`).expect(200);
    expect(res.body.data).toEqual(label);
  });

  it('answers 404 NOT_FOUND to an unknown id', async () => {
    const org = new SuperSendOrg(gateway, 'v2-get');
    const res = await org.call('get', `${V2_LABELS}/0b9e7c2e-4f0a-4d55-9a57-0e2f1b1b6a01`).expect(404);
    expect(res.body.error).toEqual({ code: 'NOT_FOUND', message: 'Label not found.' });
  });

  it("answers 404 to another organisation's label", async () => {
    const owner = new SuperSendOrg(gateway, 'v2-get-owner');
    const stranger = new SuperSendOrg(gateway, 'v2-get-stranger');
    const label = await owner.v2Create('private', newTeamId());
    await stranger.call('get', `${V2_LABELS}/${label.id}`).expect(404);
  });
});

describe('SuperSend v2 update (PATCH)', () => {
  it('changes the name alone, lowercased, and moves updated_at, keeping the rest', async () => {
    const org = new SuperSendOrg(gateway, 'v2-update');
    const label = await org.v2Create('before', newTeamId(), '#123456');
    await sleep(NEXT_SECOND_MS);
    const res = await org.call('patch', `${V2_LABELS}/${label.id}`).send({ name: ' After ' }).expect(200);
    expect(res.body.data).toEqual({ ...label, name: 'after', updated_at: expect.any(String) });
    expect(res.body.data.updated_at > label.updated_at).toBe(true);
  });

  it('changes the colour alone', async () => {
    const org = new SuperSendOrg(gateway, 'v2-update');
    const label = await org.v2Create('colour', newTeamId(), '#123456');
    const res = await org.call('patch', `${V2_LABELS}/${label.id}`).send({ color: '#ABCDEF' }).expect(200);
    expect(res.body.data).toMatchObject({ name: 'colour', color: '#ABCDEF' });
  });

  it('requires at least one of name and color', async () => {
    const org = new SuperSendOrg(gateway, 'v2-update');
    const label = await org.v2Create('unchanged', newTeamId());
    const res = await org.call('patch', `${V2_LABELS}/${label.id}`).send({}).expect(400);
    expect(res.body.error).toEqual({ code: 'VALIDATION_ERROR', message: 'body must contain at least one field to update.' });
  });

  it('rejects team_id, which cannot be changed', async () => {
    const org = new SuperSendOrg(gateway, 'v2-update');
    const label = await org.v2Create('stay', newTeamId());
    const res = await org.call('patch', `${V2_LABELS}/${label.id}`).send({ team_id: newTeamId() }).expect(400);
    expect(res.body.error.message).toBe('team_id is not a recognised field.');
  });

  it("answers 409 ALREADY_EXISTS to a rename onto an active name of the team, and keeps the label's name", async () => {
    const org = new SuperSendOrg(gateway, 'v2-update-duplicate');
    const team = newTeamId();
    await org.v2Create('taken', team);
    const label = await org.v2Create('free', team);
    const res = await org.call('patch', `${V2_LABELS}/${label.id}`).send({ name: 'Taken' }).expect(409);
    expect(res.body.error.code).toBe('ALREADY_EXISTS');
    expect(await org.v2Names(team)).toEqual(['taken', 'free']);
  });

  it('answers 404 to an unknown id', async () => {
    const org = new SuperSendOrg(gateway, 'v2-update');
    await org.call('patch', `${V2_LABELS}/no-such-label`).send({ name: 'x' }).expect(404);
  });
});

describe('SuperSend v2 delete', () => {
  it('soft-deletes: the label is gone from list and get (404), and from update', async () => {
    const org = new SuperSendOrg(gateway, 'v2-delete');
    const team = newTeamId();
    const label = await org.v2Create('doomed', team);
    await org.v2Create('survivor', team);
    const res = await org.call('delete', `${V2_LABELS}/${label.id}`).expect(200);
    expect(res.body).toEqual({ success: true, message: 'Label deleted successfully', request_id: expect.stringMatching(/^req_[0-9a-f]{24}$/) });
    expect(await org.v2Names(team)).toEqual(['survivor']);
    await org.call('get', `${V2_LABELS}/${label.id}`).expect(404);
    await org.call('patch', `${V2_LABELS}/${label.id}`).send({ color: '#000000' }).expect(404);
  });

  it('answers 404 the second time', async () => {
    const org = new SuperSendOrg(gateway, 'v2-delete');
    const label = await org.v2Create('twice', newTeamId());
    await org.call('delete', `${V2_LABELS}/${label.id}`).expect(200);
    const res = await org.call('delete', `${V2_LABELS}/${label.id}`).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('frees the name: a rename onto it succeeds', async () => {
    const org = new SuperSendOrg(gateway, 'v2-delete');
    const team = newTeamId();
    const gone = await org.v2Create('vacated', team);
    const other = await org.v2Create('mover', team);
    await org.call('delete', `${V2_LABELS}/${gone.id}`).expect(200);
    const res = await org.call('patch', `${V2_LABELS}/${other.id}`).send({ name: 'vacated' }).expect(200);
    expect(res.body.data.name).toBe('vacated');
  });
});

describe('SuperSend v2 routing', () => {
  it("answers 405 with Allow, in v2's envelope, to PUT on a label", async () => {
    const org = new SuperSendOrg(gateway, 'v2-routing');
    const res = await org.call('put', `${V2_LABELS}/some-id`).send({ name: 'x' }).expect(405);
    expect(res.headers.allow).toBe('GET, HEAD, PATCH, DELETE');
    expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('does not serve the v1-only conversation endpoints under v2', async () => {
    const org = new SuperSendOrg(gateway, 'v2-routing');
    const res = await org.call('post', `${V2_LABELS}/conversation`).send({ label_id: 'x', conversation_id: 'y' }).expect(405);
    expect(res.body.success).toBe(false);
  });
});
