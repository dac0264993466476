import { Journal, type JournalEntry } from '../journal';
import { CoverageTally } from './coverage-tally';

/**
 * The journal, with the coverage tally following it: every exchange recorded is tallied, and
 * whatever the journal forgets (`DELETE /__admin/requests`, a reset's scope) the tally forgets too,
 * so `GET /__admin/coverage` resets with the journal without any route having to remember it.
 * The tally outlives the journal's window: an exchange the ring pushed out still counts.
 */
export class CoveredJournal extends Journal {
  readonly coverage = new CoverageTally();

  constructor(capacity?: number) {
    super(capacity);
    this.subscribe((entry) => this.coverage.record(entry));
  }

  override forget(predicate: (entry: JournalEntry) => boolean): number {
    this.coverage.forget(predicate);
    return super.forget(predicate);
  }

  override clear(): void {
    this.coverage.clear();
    super.clear();
  }
}
