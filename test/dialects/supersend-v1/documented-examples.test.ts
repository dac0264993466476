import { loadExamples, type DocumentedExample } from '../../support/fixtures';
import { startTestGateway, type TestGateway } from '../../support/test-gateway';
import { exampleKey, newTeamId, replayExample, SuperSendOrg } from '../supersend-v2/supersend-org';

type Setup = (org: SuperSendOrg) => Promise<Record<string, string>>;

/** The org-wide label "interested" (#4CAF50) every example about one label starts from. */
const oneLabel: Setup = async (org) => {
  const label = await org.v1Create('Interested', '#4CAF50');
  return { org_id: label.org_id, label_id: label.id };
};

/** What each v1 example of page 003 needs before its request, keyed by method and documented path. */
const SETUPS: Record<string, Setup> = {
  'GET /v1/labels': async (org) => {
    const teamId = newTeamId();
    // v1 lists the whole organisation: a team's label (made through v2) as well as org-wide ones.
    const teamLabel = await org.v2Create('interested', teamId, '#4CAF50');
    const legacy = await org.v1Create('not interested', '#F44336');
    await org.v1Create('follow up', '#2196F3'); // does not match the search
    return { team_id: teamId, org_id: teamLabel.org_id, label_id: teamLabel.id, legacy_label_id: legacy.id };
  },
  'POST /v1/labels': async () => ({}),
  'PUT /v1/labels/{{label_id}}': oneLabel,
  'DELETE /v1/labels/{{label_id}}': oneLabel,
  'POST /v1/labels/conversation': oneLabel,
  'DELETE /v1/labels/conversation': async (org) => {
    const variables = await oneLabel(org);
    await org.assign(variables.label_id, 'conversation-uuid');
    return variables;
  },
  'GET /v1/labels/conversation': async (org) => {
    const variables = await oneLabel(org);
    await org.assign(variables.label_id, 'xxx');
    return variables;
  },
};

const examples = loadExamples('supersend-v1');

describe('SuperSend v1 fixtures', () => {
  it('has a fixture for each of the seven v1 examples of page 003, and a setup for each fixture', () => {
    expect(examples.map(exampleKey).sort()).toEqual(Object.keys(SETUPS).sort());
  });
});

// Every request of page 003 is documented, so --documented-only must serve every example too.
describe.each([
  ['default mode', false],
  ['--documented-only', true],
])('SuperSend v1 documented examples (page 003), %s', (_mode, documentedOnly) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ documentedOnly });
  });
  afterAll(() => gateway.stop());

  it.each(examples.map((example): [string, DocumentedExample] => [example.title, example]))('replays: %s', async (_title, example) => {
    const org = new SuperSendOrg(gateway, 'v1-example');
    await replayExample(org, example, await SETUPS[exampleKey(example)](org));
  });

  it('makes the assign example assign and the remove example remove', async () => {
    const org = new SuperSendOrg(gateway, 'v1-example-assignment');
    const assign = examples.find((example) => exampleKey(example) === 'POST /v1/labels/conversation')!;
    const remove = examples.find((example) => exampleKey(example) === 'DELETE /v1/labels/conversation')!;
    const variables = await oneLabel(org);
    await replayExample(org, assign, variables);
    expect(await org.conversationLabelIds('conversation-uuid')).toEqual([variables.label_id]);
    await replayExample(org, remove, variables);
    expect(await org.conversationLabelIds('conversation-uuid')).toEqual([]);
  });
});
