import type { JournalEntry, RouteKind } from '../journal';

/** What one kind of exchange exercised: a dialect's operation answered with a status (null: no answer sent). */
export interface Exercised {
  dialect: string;
  operation: string;
  status: number | null;
}

/**
 * Every field a journal filter or a reset selects exchanges by, except time: exchanges alike in all
 * of them share one tally entry, so memory grows with the variety of traffic, never its volume.
 */
interface TallyKey {
  dialect: string;
  operation: string;
  status: number | null;
  method: string;
  route: RouteKind;
  credentialFingerprint: string | null;
}

interface TallyEntry extends TallyKey {
  /** When the first exchange of this kind was recorded (epoch ms). */
  firstAt: number;
}

/**
 * Which operations and statuses the traffic exercised since the journal last forgot it. Unlike the
 * journal, which keeps the last 1,000 exchanges, it forgets nothing by age: a suite of any length is
 * covered whole. It forgets what the journal forgets (a cleared journal, a reset vendor or tenant):
 * CoveredJournal tells it, with the journal's own predicate.
 */
export class CoverageTally {
  private readonly entries = new Map<string, TallyEntry>();

  /** Exchanges that matched no operation cover nothing, and are not counted. */
  record(exchange: JournalEntry): void {
    if (exchange.dialect === null || exchange.operation === null) return;
    const { dialect, operation, status, method, route, credentialFingerprint } = exchange;
    // Every part but the fingerprint is a word of the spec or of HTTP, and a fingerprint is fp_ and hex:
    // none holds a NUL, so the joined parts name one kind only.
    const id = `${dialect}\0${operation}\0${status}\0${method}\0${route}\0${credentialFingerprint}`;
    if (!this.entries.has(id)) this.entries.set(id, { dialect, operation, status, method, route, credentialFingerprint, firstAt: exchange.at });
  }

  /**
   * Forgets what `predicate` selects among the recorded exchanges. Every field it can test is in the
   * key, except time, and the journal selects by time only as "from then on" (`since`): asked at a
   * kind's first exchange, the predicate selects all of that kind's exchanges, or leaves at least
   * that first one, which still covers what the kind covers. So what stays covered is exact.
   */
  forget(predicate: (entry: JournalEntry) => boolean): void {
    for (const [id, entry] of this.entries) {
      if (predicate(asJournalEntry(entry))) this.entries.delete(id);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  exercised(): Exercised[] {
    return [...this.entries.values()].map(({ dialect, operation, status }) => ({ dialect, operation, status }));
  }
}

/** A stand-in with the kind's fields, at its first exchange's time; the rest is what no filter reads. */
function asJournalEntry(entry: TallyEntry): JournalEntry {
  return {
    id: 0,
    at: entry.firstAt,
    dialect: entry.dialect,
    route: entry.route,
    operation: entry.operation,
    credentialFingerprint: entry.credentialFingerprint,
    method: entry.method,
    path: '',
    status: entry.status,
    upstreamStatus: null,
    durationMs: 0,
    faultId: null,
    networkFault: null,
    requestBody: null,
    responseBody: null,
    nearMiss: null,
    violations: [],
    lostFields: [],
  };
}
