import type { Journal, JournalEntry } from '../journal';

/** How an upstream behaved the last time an exchange reached it. */
export interface UpstreamSighting {
  /** `answering`: any status below 500; `failing`: a 5xx; `unreachable` / `timed out`: no answer (the client got 502 / 504). */
  state: 'answering' | 'failing' | 'unreachable' | 'timed out';
  /** The upstream's own status, when it answered. */
  upstreamStatus: number | null;
  at: string;
  /** The journal's id of that exchange. */
  exchange: number;
}

/**
 * The last sighting of each proxied dialect's upstream, from the exchanges as they are recorded.
 * Kept apart from the journal: a cleared journal forgets test traffic, not how the upstream was.
 */
export class UpstreamSightings {
  private readonly last = new Map<string, UpstreamSighting>();

  constructor(journal: Pick<Journal, 'subscribe'>) {
    journal.subscribe((entry) => {
      const sighting = sightingOf(entry);
      if (sighting && entry.dialect !== null) this.last.set(entry.dialect, sighting);
    });
  }

  of(dialect: string): UpstreamSighting | null {
    return this.last.get(dialect) ?? null;
  }
}

/** Undefined when the exchange never tried the upstream: a mocked route, a fault (which fires first), a request refused at the door. */
function sightingOf(entry: JournalEntry): UpstreamSighting | undefined {
  if ((entry.route !== 'pass-through' && entry.route !== 'translation') || entry.faultId !== null) return undefined;
  const seen = { at: new Date(entry.at).toISOString(), exchange: entry.id };
  if (entry.upstreamStatus !== null) return { state: entry.upstreamStatus >= 500 ? 'failing' : 'answering', upstreamStatus: entry.upstreamStatus, ...seen };
  if (entry.status === 502) return { state: 'unreachable', upstreamStatus: null, ...seen };
  if (entry.status === 504) return { state: 'timed out', upstreamStatus: null, ...seen };
  return undefined;
}
