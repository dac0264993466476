import { pageByCursor, pageByOffset } from '../../src/backends/mock/paging';
import { LabelIndex } from '../../src/store/label-index';
import type { StoredLabel } from '../../src/store/stored-label';

function record(seq: number, teamId: string | null, overrides: Partial<StoredLabel> = {}): StoredLabel {
  const id = `id-${seq}`;
  return {
    _id: id, id, seq, vendor: 'supersend', orgId: 'org', teamId, userId: 'user', name: `label ${seq}`, color: '#000000',
    description: null, aiFlow: false, allTeams: false, isDefaultTemplate: false, options: [],
    createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', deletedAt: null, ...overrides,
  };
}

describe('LabelIndex', () => {
  it('keeps each list in creation order, including a label restored into the middle', () => {
    const index = new LabelIndex();
    [1, 2, 3].forEach((seq) => index.put(record(seq, 'team')));
    index.put(record(2, 'team', { deletedAt: '2026-01-02T00:00:00Z', restoreKey: 'k' }));
    expect(index.list(LabelIndex.teamList('supersend', 'org', 'team')).map((r) => r.seq)).toEqual([1, 3]);
    expect(index.findDeleted('k')?.id).toBe('id-2');
    index.put(record(2, 'team'));
    expect(index.list(LabelIndex.teamList('supersend', 'org', 'team')).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(index.findDeleted('k')).toBeUndefined();
  });

  it('forgets a removed label everywhere', () => {
    const index = new LabelIndex();
    index.put(record(1, null));
    index.remove('id-1');
    expect(index.get('id-1')).toBeUndefined();
    expect(index.list(LabelIndex.orgList('supersend', 'org'))).toEqual([]);
  });
});

describe('paging over sorted lists', () => {
  const team = [1, 4, 5, 8].map((seq) => record(seq, 'team'));
  const orgWide = [2, 3, 9].map((seq) => record(seq, null));

  it('merges two lists by creation order and slices the page', () => {
    const page = pageByOffset([team, orgWide], 2, 3);
    expect(page.labels.map((label) => label.id)).toEqual(['id-3', 'id-4', 'id-5']);
    expect(page).toMatchObject({ total: 7, hasMore: true });
  });

  it('reports the last page', () => {
    const page = pageByOffset([team, orgWide], 5, 3);
    expect(page.labels.map((label) => label.id)).toEqual(['id-8', 'id-9']);
    expect(page.hasMore).toBe(false);
  });

  it('pages after a cursor', () => {
    const page = pageByCursor([team], 4, 2);
    expect(page.labels.map((label) => label.id)).toEqual(['id-5', 'id-8']);
    expect(page.hasMore).toBe(false);
  });

  it('returns everything without a limit', () => {
    expect(pageByOffset([team], 0).labels).toHaveLength(4);
  });

  it('pages the same when one of the lists is empty or exhausted by the cursor', () => {
    expect(pageByOffset([team, []], 1, 2)).toEqual(pageByOffset([team], 1, 2));
    expect(pageByCursor([team, orgWide], 3, 10).labels.map((label) => label.id)).toEqual(['id-4', 'id-5', 'id-8', 'id-9']);
    expect(pageByCursor([team, orgWide], 9, 10)).toEqual({ labels: [], total: 0, hasMore: false });
    expect(pageByOffset([[], []], 0, 5)).toEqual({ labels: [], total: 0, hasMore: false });
  });
});
