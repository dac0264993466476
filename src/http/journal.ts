import type { ContractViolation } from './response-contract';

/** How an exchange was served. */
export type RouteKind = 'mock' | 'pass-through' | 'translation' | 'admin' | 'none';

/** One request and its answer, as the journal and the access log see it. Never a header. */
export interface Exchange {
  time: string;
  dialect: string | null;
  route: RouteKind;
  method: string;
  path: string;
  status: number;
  upstreamStatus: number | null;
  durationMs: number;
  violations: ContractViolation[];
  lostFields: string[];
}

/** An exchange as recorded: its time as a number, formatted only when someone reads the journal. */
export type RecordedExchange = Omit<Exchange, 'time'> & { at: number };

const asExchange = ({ at, ...rest }: RecordedExchange): Exchange => ({ time: new Date(at).toISOString(), ...rest });

/** The most recent exchanges, in a fixed-size ring so memory stays bounded however long it runs. */
export class Journal {
  private readonly entries: RecordedExchange[] = [];
  private next = 0;

  constructor(private readonly capacity = 1000) {}

  add(exchange: RecordedExchange): void {
    if (this.entries.length < this.capacity) this.entries.push(exchange);
    else this.entries[this.next] = exchange;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Newest first. */
  recent(limit: number): Exchange[] {
    const ordered = this.entries.length < this.capacity ? [...this.entries] : [...this.entries.slice(this.next), ...this.entries.slice(0, this.next)];
    return ordered.reverse().slice(0, limit).map(asExchange);
  }

  clear(): void {
    this.entries.length = 0;
    this.next = 0;
  }

  /** Drops the exchanges `covers` picks (what an admin reset emptied), keeping the rest in order. */
  forget(covers: (exchange: RecordedExchange) => boolean): void {
    const ordered = this.entries.length < this.capacity ? this.entries : [...this.entries.slice(this.next), ...this.entries.slice(0, this.next)];
    const kept = ordered.filter((exchange) => !covers(exchange));
    this.entries.length = 0;
    this.entries.push(...kept);
    this.next = kept.length % this.capacity;
  }
}
