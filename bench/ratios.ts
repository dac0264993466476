import { latenciesValid } from './load';
import type { LoadRow } from './model';

/** Each measured row's req/s over the node and express ceilings' for the same method (the mean of their runs). */
export function addRatios(rows: LoadRow[]): void {
  const ceiling = (id: string, compareTo: 'get' | 'post'): number | undefined => {
    const row = rows.find((candidate) => candidate.scenario === 'ceiling' && candidate.compareTo === compareTo && candidate.title.startsWith(id));
    if (row?.outcome.status !== 'measured') return undefined;
    const first = row.outcome.stats.requestsPerSecond;
    return row.rerun ? (first + row.rerun.requestsPerSecond) / 2 : first;
  };
  for (const row of rows) {
    if (row.outcome.status !== 'measured' || !row.compareTo) continue;
    const node = ceiling('node-ceiling', row.compareTo);
    const express = ceiling('express-ceiling', row.compareTo);
    if (node && express) {
      const first = row.outcome.stats.requestsPerSecond;
      const rps = row.rerun ? (first + row.rerun.requestsPerSecond) / 2 : first;
      // A row with a paired express-ceiling phase (measured just before it) is judged against that.
      const expressNearby = row.paired?.requestsPerSecond || express;
      const paired = row.paired;
      row.ratio = {
        ...(row.connections === undefined ? { node: Number((rps / node).toFixed(3)) } : {}),
        express: Number((rps / expressNearby).toFixed(3)),
        ...(paired && paired.p99Ms > 0 && latenciesValid(row.outcome.stats) ? { p99: Number((row.outcome.stats.p99Ms / paired.p99Ms).toFixed(3)) } : {}),
      };
    }
  }
}
