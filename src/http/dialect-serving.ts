import type { LabelBackend } from '../core/backend';
import type { PassThrough } from '../proxy/pass-through';
import type { ExchangeNotes } from './exchange-notes';

/** What a backend may need to know of the exchange it serves, beyond the canonical call. */
export interface ExchangeScope {
  /** Lost fields, upstream status and findings are noted here, for the response headers and the journal. */
  notes: ExchangeNotes;
  /** The client's credential as its dialect reads it. */
  credential: string;
}

/** A backend that answers canonical calls: the mock store, or an upstream of another dialect. */
export interface BackendServing {
  kind: 'mock' | 'translation';
  backend: LabelBackend;
  /**
   * Runs one exchange's work against the backend, inside whatever context that backend keeps per
   * exchange (the translating one: the client's token and the notes). The pipeline knows no more.
   */
  run<T>(scope: ExchangeScope, work: () => Promise<T>): Promise<T>;
}

/** What stands behind a dialect: a backend (mock or translating upstream), or a pass-through. */
export type DialectServing = BackendServing | { kind: 'pass-through'; forward: PassThrough };

/** The mock needs nothing of the exchange: its work runs as it is. */
export const runDirectly = <T>(_scope: ExchangeScope, work: () => Promise<T>): Promise<T> => work();
