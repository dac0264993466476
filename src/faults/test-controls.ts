import type { FaultRegistry } from './fault-registry';
import type { DialectRateLimits } from './rate-limits';

/** The failures a test can ask the gateway for: armed faults and configured rate limits. */
export class TestControls {
  constructor(
    readonly faults: FaultRegistry,
    readonly limits: DialectRateLimits,
  ) {}

  /** Whether anything is armed or configured: an unengaged gateway skips the whole stage on this one test. */
  get engaged(): boolean {
    return this.faults.armed || this.limits.configured;
  }
}
