import type { DialectId } from '../../src/core/dialects';
import { profileOf, TEAM_ID, uniqueName } from '../support/dialect-profiles';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { lostFieldsOf, PAIRS, targetListQuery, translationRoute, UPSTREAM_KEY } from '../support/translation';

/**
 * An update through a translation writes a field only where the target keeps the value exactly.
 * Anything else is reported lost and leaves the target's stored label as it was: never overwritten
 * with a default or an approximation (a navy `#123456` is not Kirim's gray).
 */

type Wire = Record<string, unknown>;

interface FieldChange {
  /** The field as the lost-fields header names it. */
  field: string;
  body: Wire;
  /** Where the client's own answer shows the field, and the value it shows once the target keeps it. */
  key: string;
  shown: unknown;
}

const capitalised = () => `Renamed ${uniqueName('x')}`;

/** Every field each client can change, with a value that some target cannot keep. */
const CHANGES: Partial<Record<DialectId, () => FieldChange[]>> = {
  'attention-v2': () => {
    const name = capitalised();
    return [
      { field: 'name', body: { name }, key: 'name', shown: name },
      { field: 'description', body: { description: 'after' }, key: 'description', shown: 'after' },
      { field: 'aiFlow', body: { aiFlow: true }, key: 'aiFlow', shown: true },
      { field: 'allTeams', body: { allTeams: true }, key: 'allTeams', shown: true },
      { field: 'options', body: { options: [{ value: 'hot' }] }, key: 'options', shown: [{ value: 'hot' }] },
    ];
  },
  kirim: () => {
    const name = capitalised();
    return [
      { field: 'name', body: { name }, key: 'name', shown: name },
      { field: 'color', body: { color: 'blue' }, key: 'color', shown: 'blue' },
    ];
  },
  'supersend-v2': () => [{ field: 'color', body: { color: '#123456' }, key: 'color', shown: '#123456' }],
  jasni: () => {
    const name = capitalised();
    return [
      { field: 'name', body: { name }, key: 'name', shown: name },
      { field: 'color', body: { color: '#123456' }, key: 'color', shown: '#123456' },
      { field: 'color', body: { color: '#3b82f6' }, key: 'color', shown: '#3b82f6' },
      { field: 'description', body: { description: 'after' }, key: 'description', shown: 'after' },
    ];
  },
};

/** What each target keeps exactly, as its documentation and the mock's spec describe it. */
function targetKeeps(target: DialectId, change: FieldChange): boolean {
  const value = change.body[change.field];
  switch (target) {
    case 'attention-v2':
      return ['name', 'description', 'aiFlow', 'allTeams', 'options'].includes(change.field);
    case 'jasni':
      return ['name', 'color', 'description'].includes(change.field);
    case 'kirim':
      // Twelve colour names, each one fixed hex value: a Kirim client's names, or that exact hex.
      return change.field === 'name' || (change.field === 'color' && (value === 'blue' || value === '#3b82f6'));
    case 'supersend-v2':
      // Names are stored lower-cased.
      return change.field === 'color' || (change.field === 'name' && value === String(value).toLowerCase());
    default:
      return false;
  }
}

/** A label that holds a value in every field the client has, so that "kept as it was" can be seen. */
function initialBody(client: DialectId, name: string): Wire {
  switch (client) {
    case 'attention-v2':
      return { name, description: 'before' };
    case 'kirim':
      return { name, color: 'red' };
    case 'supersend-v2':
      return { name, color: '#ef4444', team_id: TEAM_ID };
    default:
      return { name, color: '#ef4444', description: 'before' };
  }
}

function wireLabels(target: DialectId, body: Wire): Wire[] {
  const data = body.data as Wire | Wire[];
  return target === 'jasni' ? ((data as Wire).labels as Wire[]) : (data as Wire[]);
}

let vendors: TestGateway;
beforeAll(async () => {
  vendors = await startTestGateway();
});
afterAll(() => vendors.stop());

describe.each(PAIRS)('an update from a $client client to a $target upstream', ({ client, target }) => {
  const clientProfile = profileOf(client);
  const targetProfile = profileOf(target);
  const auth = clientProfile.auth('field-updates');
  const upstreamAuth = targetProfile.auth(UPSTREAM_KEY);
  let proxy: TestGateway;

  beforeAll(async () => {
    proxy = await startTestGateway({ proxy: { contract: 'enforce', upstreamTimeoutMs: 2000, routes: { [client]: translationRoute(vendors.url, target) } } });
  });
  afterAll(() => proxy.stop());

  /** The label as the target itself stores it, read from the vendor directly. */
  async function storedOnTarget(upstreamId: string): Promise<Wire> {
    const res = await vendors.api.get(`${targetProfile.collection}/${upstreamId}`).set(upstreamAuth).expect(200);
    return targetProfile.labelOf(res.body);
  }

  it.each(CHANGES[client]!().map((change) => ({ ...change, label: `${change.field} ${JSON.stringify(change.body[change.field])}` })))(
    'changes $label only if the target keeps it, and otherwise leaves the target as it was',
    async (change) => {
      const name = uniqueName('fields');
      const created = await proxy.api.post(clientProfile.collection).set(auth).send(initialBody(client, name)).expect(201);
      const id = clientProfile.idOf(created.body);
      const listed = await vendors.api.get(targetProfile.collection).query(targetListQuery(target)).set(upstreamAuth).expect(200);
      const upstreamId = String(wireLabels(target, listed.body).find((label) => label.name === name)![target === 'attention-v2' ? 'uuid' : 'id']);
      const before = await storedOnTarget(upstreamId);

      const updated = await proxy.api.patch(`${clientProfile.collection}/${id}`).set(auth).send(change.body).expect(200);
      const after = await storedOnTarget(upstreamId);
      const fetched = clientProfile.labelOf((await proxy.api.get(`${clientProfile.collection}/${id}`).set(auth).expect(200)).body);

      if (targetKeeps(target, change)) {
        expect(lostFieldsOf(updated)).toEqual([]);
        expect(fetched[change.key]).toEqual(change.shown);
        expect(after).not.toEqual(before);
      } else {
        expect(lostFieldsOf(updated)).toEqual([change.field]);
        expect(after).toEqual(before);
        expect(fetched[change.key]).not.toEqual(change.shown);
      }
    },
  );
});
