import { viewBody, type BodyView, type CapturedBody } from './captured-body';
import type { ContractViolation } from './response-contract';
import type { NetworkFault } from '../faults/fault-definition';

/** How an exchange was served. */
export type RouteKind = 'mock' | 'pass-through' | 'translation' | 'admin' | 'none';

/** For a request that matched no operation: the operation it most likely meant (WireMock's near miss). */
export interface NearMiss {
  dialect: string;
  operation: string;
  method: string;
  /** The operation's path template under its vendor prefix: `/kirim/v1/labels/{id}`. */
  path: string;
}

/** One request and its answer, as the journal and the event stream show it. Never a header or a credential. */
export interface Exchange {
  /** Increases by one per exchange; the event stream's `id`. */
  id: number;
  time: string;
  dialect: string | null;
  route: RouteKind;
  /** The spec's operationId, or null when the request matched none. */
  operation: string | null;
  /** `credentialFingerprint()` of the request's credential, when it had a readable one. */
  credentialFingerprint: string | null;
  method: string;
  path: string;
  /** Null when no answer was sent: a `reset` or `empty` fault, or a client that left before the answer. */
  status: number | null;
  upstreamStatus: number | null;
  durationMs: number;
  /** The id of the armed fault that answered, delayed or broke this exchange. */
  faultId: string | null;
  /** How an armed network fault broke the connection; `malformed` sent `status` before the cut. */
  networkFault: NetworkFault | null;
  requestBody: BodyView | null;
  responseBody: BodyView | null;
  nearMiss: NearMiss | null;
  violations: ContractViolation[];
  lostFields: string[];
}

/** An exchange as recorded: time as a number and bodies as captured bytes, formatted only when read. */
export type RecordedExchange = Omit<Exchange, 'id' | 'time' | 'requestBody' | 'responseBody'> & {
  at: number;
  requestBody: CapturedBody | null;
  responseBody: CapturedBody | null;
};

export type JournalEntry = RecordedExchange & { readonly id: number };

export type ExchangeListener = (entry: JournalEntry) => void;

/** The JSON an entry reads as, fields in a fixed order: who and what first, then the outcome, then the bodies. */
export function toExchange(entry: JournalEntry): Exchange {
  return {
    id: entry.id,
    time: new Date(entry.at).toISOString(),
    dialect: entry.dialect,
    route: entry.route,
    operation: entry.operation,
    credentialFingerprint: entry.credentialFingerprint,
    method: entry.method,
    path: entry.path,
    status: entry.status,
    upstreamStatus: entry.upstreamStatus,
    durationMs: entry.durationMs,
    faultId: entry.faultId,
    networkFault: entry.networkFault,
    nearMiss: entry.nearMiss,
    violations: entry.violations,
    lostFields: entry.lostFields,
    requestBody: entry.requestBody && viewBody(entry.requestBody),
    responseBody: entry.responseBody && viewBody(entry.responseBody),
  };
}

/** The most recent exchanges, in a fixed-size ring so memory stays bounded however long it runs. */
export class Journal {
  private entries: JournalEntry[] = [];
  private next = 0;
  private lastId = 0;
  private readonly listeners = new Set<ExchangeListener>();

  constructor(private readonly capacity = 1000) {}

  add(exchange: RecordedExchange): JournalEntry {
    const entry: JournalEntry = { ...exchange, id: ++this.lastId };
    if (this.entries.length < this.capacity) this.entries.push(entry);
    else this.entries[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
    for (const listener of this.listeners) listener(entry);
    return entry;
  }

  /** Newest first, at most `limit`, those the predicate keeps. */
  find(predicate: (entry: JournalEntry) => boolean, limit: number): JournalEntry[] {
    const found: JournalEntry[] = [];
    const ordered = this.oldestFirst();
    for (let position = ordered.length - 1; position >= 0 && found.length < limit; position--) {
      if (predicate(ordered[position])) found.push(ordered[position]);
    }
    return found;
  }

  count(predicate: (entry: JournalEntry) => boolean): number {
    return this.entries.reduce((total, entry) => (predicate(entry) ? total + 1 : total), 0);
  }

  /** Entries recorded after the one with `id`, oldest first (an event stream resuming from Last-Event-ID). */
  after(id: number): JournalEntry[] {
    return this.oldestFirst().filter((entry) => entry.id > id);
  }

  /** Removes the entries the predicate selects (a scoped reset: one vendor, one tenant); answers how many. */
  forget(predicate: (entry: JournalEntry) => boolean): number {
    const kept = this.oldestFirst().filter((entry) => !predicate(entry));
    const forgotten = this.entries.length - kept.length;
    if (forgotten > 0) {
      this.entries = kept;
      this.next = kept.length % this.capacity;
    }
    return forgotten;
  }

  clear(): void {
    this.entries = [];
    this.next = 0;
  }

  /** Calls `listener` with every entry as it is added; returns the function that stops it. */
  subscribe(listener: ExchangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private oldestFirst(): JournalEntry[] {
    return this.entries.length < this.capacity ? this.entries : [...this.entries.slice(this.next), ...this.entries.slice(0, this.next)];
  }
}
