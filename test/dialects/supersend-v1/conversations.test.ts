import { startTestGateway, type TestGateway } from '../../support/test-gateway';
import { newTeamId, SuperSendOrg, V1_CONVERSATION, V1_LABELS } from '../supersend-v2/supersend-org';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());

describe('SuperSend v1 assign a label to a conversation', () => {
  it('answers 200 with the documented message, and the conversation lists the label', async () => {
    const org = new SuperSendOrg(gateway, 'v1-assign');
    const label = await org.v1Create('interested');
    const res = await org.call('post', V1_CONVERSATION).send({ label_id: label.id, conversation_id: 'conv-1' }).expect(200);
    expect(res.body).toEqual({ success: true, message: 'Label assigned to conversation' });
    const list = await org.call('get', V1_CONVERSATION).query({ conversation_id: 'conv-1' }).expect(200);
    expect(list.body).toEqual({ success: true, data: [label] });
  });

  it('accepts any conversation id: conversations are not modelled', async () => {
    const org = new SuperSendOrg(gateway, 'v1-assign');
    const label = await org.v1Create('anything goes');
    for (const conversationId of ['c', 'conversation-uuid', 'thread 42 / ünïcode?&=']) {
      await org.assign(label.id, conversationId);
      expect(await org.conversationLabelIds(conversationId)).toEqual([label.id]);
    }
  });

  it('is idempotent: assigning the same pair twice answers the same and lists the label once', async () => {
    const org = new SuperSendOrg(gateway, 'v1-assign-twice');
    const label = await org.v1Create('once');
    await org.assign(label.id, 'conv');
    const again = await org.call('post', V1_CONVERSATION).send({ label_id: label.id, conversation_id: 'conv' }).expect(200);
    expect(again.body).toEqual({ success: true, message: 'Label assigned to conversation' });
    expect(await org.conversationLabelIds('conv')).toEqual([label.id]);
  });

  it('lists several labels in the order they were assigned, team labels included', async () => {
    const org = new SuperSendOrg(gateway, 'v1-assign-order');
    const older = await org.v1Create('older');
    const team = await org.v2Create('team label', newTeamId());
    const newer = await org.v1Create('newer');
    await org.assign(newer.id, 'conv');
    await org.assign(team.id, 'conv');
    await org.assign(older.id, 'conv');
    expect(await org.conversationLabelIds('conv')).toEqual([newer.id, team.id, older.id]);
  });

  it('keeps conversations apart', async () => {
    const org = new SuperSendOrg(gateway, 'v1-assign-apart');
    const label = await org.v1Create('only here');
    await org.assign(label.id, 'conv-a');
    expect(await org.conversationLabelIds('conv-b')).toEqual([]);
  });

  it('answers 404 to an unknown label, and assigns nothing', async () => {
    const org = new SuperSendOrg(gateway, 'v1-assign-unknown');
    const res = await org.call('post', V1_CONVERSATION).send({ label_id: 'label-uuid', conversation_id: 'conv' }).expect(404);
    expect(res.body).toEqual({ success: false, message: 'Label not found.' });
    expect(await org.conversationLabelIds('conv')).toEqual([]);
  });

  it('answers 404 to a deleted label', async () => {
    const org = new SuperSendOrg(gateway, 'v1-assign-deleted');
    const label = await org.v1Create('deleted');
    await org.v1Delete(label.id);
    await org.call('post', V1_CONVERSATION).send({ label_id: label.id, conversation_id: 'conv' }).expect(404);
  });

  it("answers 404 to another organisation's label", async () => {
    const owner = new SuperSendOrg(gateway, 'v1-assign-owner');
    const stranger = new SuperSendOrg(gateway, 'v1-assign-stranger');
    const label = await owner.v1Create('private');
    await stranger.call('post', V1_CONVERSATION).send({ label_id: label.id, conversation_id: 'conv' }).expect(404);
    expect(await stranger.conversationLabelIds('conv')).toEqual([]);
  });

  it('keeps each organisation\'s conversations separate, even under the same conversation id', async () => {
    const first = new SuperSendOrg(gateway, 'v1-assign-first');
    const second = new SuperSendOrg(gateway, 'v1-assign-second');
    const label = await first.v1Create('mine');
    await first.assign(label.id, 'shared-conversation-id');
    expect(await second.conversationLabelIds('shared-conversation-id')).toEqual([]);
  });

  it.each([
    [{ conversation_id: 'conv' }, 'label_id is required.'],
    [{ label_id: 'x' }, 'conversation_id is required.'],
    [{ label_id: '', conversation_id: 'conv' }, 'label_id must not be empty.'],
    [{ label_id: 'x', conversation_id: '' }, 'conversation_id must not be empty.'],
    [{ label_id: 'x', conversation_id: 42 }, 'conversation_id must be a string.'],
    [{ label_id: 'x', conversation_id: 'conv', note: 'hi' }, 'note is not a recognised field.'],
  ])('answers 400 to %j, naming the field', async (body, message) => {
    const org = new SuperSendOrg(gateway, 'v1-assign-rules');
    const res = await org.call('post', V1_CONVERSATION).send(body).expect(400);
    expect(res.body).toEqual({ success: false, message });
  });
});

describe('SuperSend v1 remove a label from a conversation', () => {
  it('answers 200 with "Label removed from conversation", and the label leaves the conversation only', async () => {
    const org = new SuperSendOrg(gateway, 'v1-remove');
    const kept = await org.v1Create('kept');
    const removed = await org.v1Create('removed');
    await org.assign(kept.id, 'conv');
    await org.assign(removed.id, 'conv');
    await org.assign(removed.id, 'other-conv');
    const res = await org.call('delete', V1_CONVERSATION).send({ label_id: removed.id, conversation_id: 'conv' }).expect(200);
    expect(res.body).toEqual({ success: true, message: 'Label removed from conversation' });
    expect(await org.conversationLabelIds('conv')).toEqual([kept.id]);
    expect(await org.conversationLabelIds('other-conv')).toEqual([removed.id]);
    expect(await org.v1Names()).toEqual(['kept', 'removed']);
  });

  it('is idempotent: removing a pair that is not assigned also answers 200', async () => {
    const org = new SuperSendOrg(gateway, 'v1-remove-idempotent');
    const label = await org.v1Create('never assigned');
    const res = await org.call('delete', V1_CONVERSATION).send({ label_id: label.id, conversation_id: 'conv' }).expect(200);
    expect(res.body).toEqual({ success: true, message: 'Label removed from conversation' });
  });

  it('answers 404 to an unknown or deleted label', async () => {
    const org = new SuperSendOrg(gateway, 'v1-remove-unknown');
    await org.call('delete', V1_CONVERSATION).send({ label_id: 'label-uuid', conversation_id: 'conv' }).expect(404);
    const label = await org.v1Create('deleted');
    await org.v1Delete(label.id);
    const res = await org.call('delete', V1_CONVERSATION).send({ label_id: label.id, conversation_id: 'conv' }).expect(404);
    expect(res.body).toEqual({ success: false, message: 'Label not found.' });
  });

  it('requires the JSON body: DELETE /v1/labels/conversation is never a delete of a label named "conversation"', async () => {
    const org = new SuperSendOrg(gateway, 'v1-remove-body');
    const res = await org.call('delete', V1_CONVERSATION).expect(400);
    expect(res.body).toEqual({ success: false, message: 'A JSON request body is required.' });
    const missing = await org.call('delete', V1_CONVERSATION).send({ label_id: 'x' }).expect(400);
    expect(missing.body.message).toBe('conversation_id is required.');
  });
});

describe('SuperSend v1 get conversation labels', () => {
  it('requires conversation_id, naming it', async () => {
    const org = new SuperSendOrg(gateway, 'v1-conversation-list');
    const res = await org.call('get', V1_CONVERSATION).expect(400);
    expect(res.body).toEqual({ success: false, message: 'conversation_id is required.' });
    const empty = await org.call('get', V1_CONVERSATION).query({ conversation_id: '' }).expect(400);
    expect(empty.body.message).toBe('conversation_id must not be empty.');
  });

  it('answers an empty list for a conversation without labels', async () => {
    const org = new SuperSendOrg(gateway, 'v1-conversation-list');
    const res = await org.call('get', V1_CONVERSATION).query({ conversation_id: 'untouched' }).expect(200);
    expect(res.body).toEqual({ success: true, data: [] });
  });

  it('drops a deleted label from its conversations, and brings it back when a create restores it', async () => {
    const org = new SuperSendOrg(gateway, 'v1-conversation-deleted');
    const label = await org.v1Create('fleeting', '#111111');
    const other = await org.v1Create('steady');
    await org.assign(label.id, 'conv');
    await org.assign(other.id, 'conv');
    await org.v1Delete(label.id);
    expect(await org.conversationLabelIds('conv')).toEqual([other.id]);
    const restored = await org.v1Create('Fleeting', '#222222');
    expect(restored.id).toBe(label.id);
    const res = await org.call('get', V1_CONVERSATION).query({ conversation_id: 'conv' }).expect(200);
    expect(res.body.data.map((entry: { id: string; color: string }) => [entry.id, entry.color])).toEqual([
      [label.id, '#222222'],
      [other.id, '#4CAF50'],
    ]);
  });

  it('shows the label as it is now, after a rename', async () => {
    const org = new SuperSendOrg(gateway, 'v1-conversation-rename');
    const label = await org.v1Create('old name');
    await org.assign(label.id, 'conv');
    await org.call('put', `${V1_LABELS}/${label.id}`).send({ name: 'New Name' }).expect(200);
    const res = await org.call('get', V1_CONVERSATION).query({ conversation_id: 'conv' }).expect(200);
    expect(res.body.data.map((entry: { name: string }) => entry.name)).toEqual(['new name']);
  });
});

describe('SuperSend v1 conversation routing', () => {
  it('answers 405 with Allow to PUT /v1/labels/conversation: "conversation" is never taken for a label id', async () => {
    const org = new SuperSendOrg(gateway, 'v1-conversation-routing');
    const res = await org.call('put', V1_CONVERSATION).send({ name: 'x' }).expect(405);
    expect(res.headers.allow).toBe('GET, HEAD, POST, DELETE');
    expect(res.body).toEqual({ success: false, message: 'PUT is not supported on /supersend/v1/labels/conversation.' });
  });
});
