import { loadExamples, type DocumentedExample } from '../../support/fixtures';
import { startTestGateway, type TestGateway } from '../../support/test-gateway';
import { exampleKey, newTeamId, replayExample, SuperSendOrg, V2_LABELS } from './supersend-org';

type Setup = (org: SuperSendOrg) => Promise<Record<string, string>>;

/** The team label "interested" (#4CAF50) every example about one label starts from. */
const oneTeamLabel: Setup = async (org) => {
  const teamId = newTeamId();
  const label = await org.v2Create('Interested', teamId, '#4CAF50');
  return { team_id: teamId, org_id: label.org_id, label_id: label.id };
};

/** What each example of page 003 needs before its request, keyed by method and documented path. */
const SETUPS: Record<string, Setup> = {
  'GET /v2/labels': async (org) => {
    const teamId = newTeamId();
    const teamLabel = await org.v2Create('interested', teamId, '#4CAF50');
    // The example's second label is a legacy org-wide one: such labels are made through v1.
    const legacy = await org.v1Create('not interested', '#F44336');
    await org.v2Create('other team', newTeamId()); // must not be listed
    return { team_id: teamId, org_id: teamLabel.org_id, label_id: teamLabel.id, legacy_label_id: legacy.id };
  },
  'GET /v2/labels/{{label_id}}': oneTeamLabel,
  'POST /v2/labels': async () => ({ team_id: newTeamId() }),
  'PATCH /v2/labels/{{label_id}}': oneTeamLabel,
  'DELETE /v2/labels/{{label_id}}': oneTeamLabel,
};

const examples = loadExamples('supersend-v2');

describe('SuperSend v2 fixtures', () => {
  it('has a fixture for each of the five v2 examples of page 003, and a setup for each fixture', () => {
    expect(examples.map(exampleKey).sort()).toEqual(Object.keys(SETUPS).sort());
  });
});

// Every request of page 003 is documented, so --documented-only must serve every example too.
describe.each([
  ['default mode', false],
  ['--documented-only', true],
])('SuperSend v2 documented examples (page 003), %s', (_mode, documentedOnly) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ documentedOnly });
  });
  afterAll(() => gateway.stop());

  it.each(examples.map((example): [string, DocumentedExample] => [example.title, example]))('replays: %s', async (_title, example) => {
    const org = new SuperSendOrg(gateway, 'v2-example');
    await replayExample(org, example, await SETUPS[exampleKey(example)](org));
  });

  it('leaves the deleted example label out of the list afterwards', async () => {
    const org = new SuperSendOrg(gateway, 'v2-example-delete');
    const example = examples.find((candidate) => candidate.request.method === 'DELETE')!;
    const variables = await oneTeamLabel(org);
    await replayExample(org, example, variables);
    expect(await org.v2List(variables.team_id)).toEqual([]);
    await org.call('get', `${V2_LABELS}/${variables.label_id}`).expect(404);
  });
});
