import { AsyncLocalStorage } from 'node:async_hooks';
import type { ExchangeNotes } from '../../http/exchange-notes';

/** What the translating backend needs to know about the request it serves. */
export interface TranslationContext {
  /** Lost fields, upstream status and findings go here, for the response headers and the journal. */
  notes: ExchangeNotes;
  /** The client's own token, presented upstream when the route configures no credential. */
  clientToken: string;
}

/**
 * The backend interface carries labels, not HTTP concerns; this lets the translating backend reach
 * the exchange it serves without widening that interface for every backend.
 */
export const translationContext = new AsyncLocalStorage<TranslationContext>();
