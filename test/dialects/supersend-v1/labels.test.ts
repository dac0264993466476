import { startTestGateway, type TestGateway } from '../../support/test-gateway';
import { newTeamId, NEXT_SECOND_MS, sleep, SuperSendOrg, V1_LABELS } from '../supersend-v2/supersend-org';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());

describe('SuperSend v1 list', () => {
  it("answers every label of the organisation, org-wide and teams' alike, oldest first, as {success, data} only", async () => {
    const org = new SuperSendOrg(gateway, 'v1-list');
    const team = newTeamId();
    await org.v1Create('one');
    await org.v2Create('two', team);
    await org.v2Create('three', newTeamId());
    await org.v1Create('four');
    const res = await org.call('get', V1_LABELS).expect(200);
    expect(Object.keys(res.body).sort()).toEqual(['data', 'success']);
    expect(res.body.success).toBe(true);
    expect(res.body.data.map((label: { name: string }) => label.name)).toEqual(['one', 'two', 'three', 'four']);
  });

  it('does not paginate: more than v2\'s default page of 50 comes back at once', async () => {
    const org = new SuperSendOrg(gateway, 'v1-list-all');
    for (let n = 1; n <= 55; n++) await org.v1Create(`label ${n}`);
    const names = await org.v1Names();
    expect(names).toHaveLength(55);
    expect(names[54]).toBe('label 55');
  });

  it('searches by a case-insensitive substring of the name', async () => {
    const org = new SuperSendOrg(gateway, 'v1-search');
    await org.v1Create('Interested');
    await org.v2Create('not interested', newTeamId());
    await org.v1Create('follow up');
    expect(await org.v1Names('INTEREST')).toEqual(['interested', 'not interested']);
    expect(await org.v1Names('nothing like it')).toEqual([]);
  });

  it("never shows another organisation's labels", async () => {
    const owner = new SuperSendOrg(gateway, 'v1-list-owner');
    const stranger = new SuperSendOrg(gateway, 'v1-list-stranger');
    await owner.v1Create('private');
    expect(await stranger.v1Names()).toEqual([]);
  });
});

describe('SuperSend v1 create', () => {
  it('answers 201 with an org-wide label (team_id null), its name trimmed and lowercased, and no request_id', async () => {
    const org = new SuperSendOrg(gateway, 'v1-create');
    const res = await org.call('post', V1_LABELS).send({ name: '  Hot LEAD ', color: '#FF9800' }).expect(201);
    expect(Object.keys(res.body).sort()).toEqual(['data', 'success']);
    expect(res.body.data).toMatchObject({ object: 'label', name: 'hot lead', color: '#FF9800', team_id: null });
  });

  it.each(['name', 'color'])('requires %s, in the {success: false, message} envelope', async (field) => {
    const org = new SuperSendOrg(gateway, 'v1-create-rules');
    const body: Record<string, string> = { name: 'x', color: '#4CAF50' };
    delete body[field];
    const res = await org.call('post', V1_LABELS).send(body).expect(400);
    expect(res.body).toEqual({ success: false, message: `${field} is required.` });
  });

  it.each([
    [{ name: 'x'.repeat(51) }, 'name must be at most 50 characters.'],
    [{ name: ' ' }, 'name must not be empty.'],
    [{ color: 'green' }, 'color has an invalid format (expected e.g. "#4CAF50").'],
    [{ color: '#4CAF50FF' }, 'color has an invalid format (expected e.g. "#4CAF50").'],
    [{ team_id: '7c1d3f4e-2b6a-4c8d-9e0f-1a2b3c4d5e6f' }, 'team_id is not a recognised field.'],
  ])('answers 400 to %j, naming the field, and writes nothing', async (override, message) => {
    const org = new SuperSendOrg(gateway, 'v1-create-rules');
    const res = await org.call('post', V1_LABELS).send({ name: 'x', color: '#4CAF50', ...override }).expect(400);
    expect(res.body).toEqual({ success: false, message });
    expect(await org.v1Names()).toEqual([]);
  });

  it('answers 409 to an active org-wide label with the same name, whatever its case', async () => {
    const org = new SuperSendOrg(gateway, 'v1-create-duplicate');
    await org.v1Create('Interested');
    const res = await org.call('post', V1_LABELS).send({ name: 'INTERESTED', color: '#000000' }).expect(409);
    expect(res.body.success).toBe(false);
    // v1 labels are organisation-wide (team null), and the message says so.
    expect(res.body.message).toBe("A label named 'interested' already exists in this organization.");
    expect(await org.v1Names()).toEqual(['interested']);
  });

  it('restores a soft-deleted org-wide label with the same name: same id, new colour, new updated_at, 201', async () => {
    const org = new SuperSendOrg(gateway, 'v1-restore');
    const original = await org.v1Create('Comeback', '#111111');
    await org.v1Delete(original.id);
    await sleep(NEXT_SECOND_MS);
    const res = await org.call('post', V1_LABELS).send({ name: 'comeback', color: '#222222' }).expect(201);
    expect(res.body.data).toEqual({ ...original, color: '#222222', updated_at: expect.any(String) });
    expect(res.body.data.updated_at > original.updated_at).toBe(true);
    expect(await org.v1Names()).toEqual(['comeback']);
  });
});

describe('SuperSend v1 update (PUT)', () => {
  it('changes name and colour, lowercasing the name', async () => {
    const org = new SuperSendOrg(gateway, 'v1-update');
    const label = await org.v1Create('before', '#123456');
    const res = await org.call('put', `${V1_LABELS}/${label.id}`).send({ name: 'AFTER', color: '#654321' }).expect(200);
    expect(Object.keys(res.body).sort()).toEqual(['data', 'success']);
    expect(res.body.data).toEqual({ ...label, name: 'after', color: '#654321', updated_at: expect.any(String) });
  });

  it.each([
    [{ name: 'only the name' }, { name: 'only the name', color: '#123456' }],
    [{ color: '#ABCDEF' }, { name: 'partial', color: '#ABCDEF' }],
  ])('applies %j alone and keeps the other field', async (body, expected) => {
    const org = new SuperSendOrg(gateway, 'v1-update');
    const label = await org.v1Create('partial', '#123456');
    const res = await org.call('put', `${V1_LABELS}/${label.id}`).send(body).expect(200);
    expect(res.body.data).toMatchObject(expected);
  });

  it('requires at least one of name and color', async () => {
    const org = new SuperSendOrg(gateway, 'v1-update');
    const label = await org.v1Create('unchanged');
    const res = await org.call('put', `${V1_LABELS}/${label.id}`).send({}).expect(400);
    expect(res.body).toEqual({ success: false, message: 'body must contain at least one field to update.' });
  });

  it('answers 400 to a bad colour or a name over 50 characters', async () => {
    const org = new SuperSendOrg(gateway, 'v1-update');
    const label = await org.v1Create('strict');
    await org.call('put', `${V1_LABELS}/${label.id}`).send({ color: 'red' }).expect(400);
    const res = await org.call('put', `${V1_LABELS}/${label.id}`).send({ name: 'y'.repeat(51) }).expect(400);
    expect(res.body.message).toBe('name must be at most 50 characters.');
  });

  it('answers 409 to a rename onto an active name, and keeps the name', async () => {
    const org = new SuperSendOrg(gateway, 'v1-update-duplicate');
    await org.v1Create('taken');
    const label = await org.v1Create('free');
    const res = await org.call('put', `${V1_LABELS}/${label.id}`).send({ name: 'Taken' }).expect(409);
    expect(res.body.success).toBe(false);
    expect(await org.v1Names()).toEqual(['taken', 'free']);
  });

  it('answers 404 to an unknown id and to a deleted label', async () => {
    const org = new SuperSendOrg(gateway, 'v1-update');
    const res = await org.call('put', `${V1_LABELS}/no-such-label`).send({ name: 'x' }).expect(404);
    expect(res.body).toEqual({ success: false, message: 'Label not found.' });
    const label = await org.v1Create('gone');
    await org.v1Delete(label.id);
    await org.call('put', `${V1_LABELS}/${label.id}`).send({ name: 'x' }).expect(404);
  });
});

describe('SuperSend v1 delete', () => {
  it('soft-deletes: the label leaves the list, and the answer carries no request_id', async () => {
    const org = new SuperSendOrg(gateway, 'v1-delete');
    const label = await org.v1Create('doomed');
    await org.v1Create('survivor');
    const res = await org.call('delete', `${V1_LABELS}/${label.id}`).expect(200);
    expect(res.body).toEqual({ success: true, message: 'Label deleted successfully' });
    expect(await org.v1Names()).toEqual(['survivor']);
  });

  it('answers 404 the second time', async () => {
    const org = new SuperSendOrg(gateway, 'v1-delete');
    const label = await org.v1Create('twice');
    await org.v1Delete(label.id);
    const res = await org.call('delete', `${V1_LABELS}/${label.id}`).expect(404);
    expect(res.body).toEqual({ success: false, message: 'Label not found.' });
  });

  it("answers 404 to another organisation's label, and leaves it alone", async () => {
    const owner = new SuperSendOrg(gateway, 'v1-delete-owner');
    const stranger = new SuperSendOrg(gateway, 'v1-delete-stranger');
    const label = await owner.v1Create('private');
    await stranger.call('delete', `${V1_LABELS}/${label.id}`).expect(404);
    expect(await owner.v1Names()).toEqual(['private']);
  });
});

describe('SuperSend v1 routing and errors', () => {
  it('has no get by id (the page says "Not available"): 405 with Allow', async () => {
    const org = new SuperSendOrg(gateway, 'v1-routing');
    const label = await org.v1Create('no get');
    const res = await org.call('get', `${V1_LABELS}/${label.id}`).expect(405);
    expect(res.headers.allow).toBe('PUT, DELETE');
    expect(res.body).toEqual({ success: false, message: `GET is not supported on /supersend/v1/labels/${label.id}.` });
  });

  it('does not accept PATCH, which is v2\'s update', async () => {
    const org = new SuperSendOrg(gateway, 'v1-routing');
    const label = await org.v1Create('no patch');
    await org.call('patch', `${V1_LABELS}/${label.id}`).send({ name: 'x' }).expect(405);
  });

  it("answers 401 in v1's envelope, without a request_id", async () => {
    const res = await gateway.api.get(V1_LABELS).expect(401);
    expect(res.body).toEqual({ success: false, message: 'Missing API key: send it in the Authorization header.' });
  });

  it("answers an unknown path under /supersend/v1 with v1's 404", async () => {
    const org = new SuperSendOrg(gateway, 'v1-routing');
    const res = await org.call('get', '/supersend/v1/tags').expect(404);
    expect(res.body).toEqual({ success: false, message: 'No such endpoint: GET /supersend/v1/tags.' });
  });
});
