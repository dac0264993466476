import type { ClientRequest } from 'node:http';

/** Methods a client may send again by itself (RFC 9110, 9.2.2). */
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/**
 * Whether a request that failed upstream may be sent once more, on a new connection: it went out on
 * a kept-alive connection that the upstream closed as the request left (its idle timeout ran out:
 * the race every keep-alive client meets, which Node's documentation answers with one retry), and
 * its method lets a client send it again. A request the upstream may have acted on, or one on a new
 * connection, is answered as the failure it is.
 */
export function mayResendOnNewConnection(method: string, request: ClientRequest | undefined, error: unknown): boolean {
  if (!request?.reusedSocket || !IDEMPOTENT_METHODS.has(method.toUpperCase())) return false;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ECONNRESET' || code === 'EPIPE';
}
