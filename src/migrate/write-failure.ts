import { GatewayError } from '../core/errors';

/**
 * What a failed write means for its label: the target refused it (a 4xx with the target's reason:
 * final until something changes), or it may go again (rate limited past every attempt, or a create
 * whose answer was a 5xx or never came, so it may have happened: the run lists the target to see).
 */
export type WriteFailure = { kind: 'refused'; status?: number; reason: string } | { kind: 'again'; reason: string };

export function classifyWriteFailure(error: unknown, lastStatus: number | undefined): WriteFailure {
  if (!(error instanceof GatewayError)) throw error; // a bug, not an answer: let it surface
  if (lastStatus === 429) return { kind: 'again', reason: `still rate limited after every attempt: ${error.message}` };
  if (lastStatus !== undefined && lastStatus >= 400 && lastStatus < 500) return { kind: 'refused', status: lastStatus, reason: error.message };
  // Decided before any request (a param the target needs): as final as a refusal.
  if (error.source === 'gateway' && error.kind === 'validation') return { kind: 'refused', reason: error.message };
  return { kind: 'again', reason: error.message };
}
