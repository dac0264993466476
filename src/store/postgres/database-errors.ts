import { GatewayError } from '../../core/errors';

/**
 * Errors that mean "the database cannot be reached right now" rather than "this query is wrong":
 * the socket's own failures, pg's lost or timed-out connections, and PostgreSQL's connection and
 * shutdown classes (08…, 57P01–57P03) and too-many-connections (53300).
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08'))) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout/i.test(error.message);
}

/** What a request gets while the database is away: the dialect's 503, asking to come back in a second. */
export function unavailable(): GatewayError {
  return new GatewayError('service_unavailable', 'Service Unavailable', { headers: { 'Retry-After': '1' } });
}

/** Runs a database call, turning "cannot reach it" into the 503 and leaving every other error as it is. */
export async function reachingDatabase<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw isUnreachable(error) ? unavailable() : error;
  }
}
