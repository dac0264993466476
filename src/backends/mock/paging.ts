import type { LabelPage } from '../../core/label';
import { positionOf } from '../../store/label-index';
import { toLabel, type StoredLabel } from '../../store/stored-label';

type SortedList = readonly Readonly<StoredLabel>[];

/**
 * Pages over one or more lists, each already sorted by creation order, as if they were one merged
 * list. The cost is O(offset + limit), never a sort or a copy of the whole tenant.
 */
export function pageByOffset(sources: readonly SortedList[], offset: number, limit?: number): LabelPage {
  return page(sources, sources.map(() => 0), offset, limit);
}

/** Cursor paging (Kirim's `starting_after`): the labels created after the one with `afterSeq`. */
export function pageByCursor(sources: readonly SortedList[], afterSeq: number, limit?: number): LabelPage {
  return page(sources, sources.map((list) => positionOf(list, afterSeq + 1)), 0, limit);
}

function page(allSources: readonly SortedList[], allStarts: number[], skip: number, limit?: number): LabelPage {
  // A list with nothing left (often a team's organisation-wide list) would turn a slice into a merge.
  const remaining = allSources.flatMap((list, source) => (allStarts[source] < list.length ? [source] : []));
  const sources = remaining.map((source) => allSources[source]);
  const starts = remaining.map((source) => allStarts[source]);
  const total = sources.reduce((sum, list, source) => sum + list.length - starts[source], 0);
  const end = limit === undefined ? total : Math.min(total, skip + limit);
  const labels = [];
  if (sources.length <= 1) {
    const list = sources[0] ?? [];
    const first = starts[0] ?? 0;
    for (let position = first + skip; position < first + end; position++) labels.push(toLabel(list[position]));
  } else {
    const positions = [...starts];
    for (let taken = 0; taken < end; taken++) {
      const source = sourceWithOldestNext(sources, positions);
      const record = sources[source][positions[source]++];
      if (taken >= skip) labels.push(toLabel(record));
    }
  }
  return { labels, total, hasMore: end < total };
}

function sourceWithOldestNext(sources: readonly SortedList[], positions: number[]): number {
  let best = -1;
  for (let source = 0; source < sources.length; source++) {
    const candidate = sources[source][positions[source]];
    if (candidate && (best < 0 || candidate.seq < sources[best][positions[best]].seq)) best = source;
  }
  return best;
}
