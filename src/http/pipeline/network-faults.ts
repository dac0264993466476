import { STATUS_CODES } from 'node:http';
import type { NetworkFault } from '../../faults/fault-definition';
import type { CompiledOperation } from '../../specs/compiled-operation';
import type { VendorExchange } from './exchange';
import { captureBody } from '../captured-body';

/** What a `malformed` answer sends as its body: JSON cut off in the middle of an object. */
export const TRUNCATED_JSON = '{"data":{"id":"';

/**
 * Fails the exchange the way a broken network or server does, below HTTP: nothing is rendered,
 * the socket itself is reset, closed, or sent a head and a truncated body.
 */
export function breakConnection(exchange: VendorExchange, fault: NetworkFault): void {
  const socket = exchange.req.socket;
  // Noted first: the journal records the exchange when the connection closes, as no answer finishes.
  exchange.notes.brokenConnection = { fault, status: null };
  switch (fault) {
    case 'reset':
      // A TCP RST: the client reads ECONNRESET.
      socket.resetAndDestroy();
      return;
    case 'empty':
      // A FIN before any byte of an answer: "socket hang up", curl's "Empty reply from server".
      socket.destroy();
      return;
    case 'malformed': {
      // Written to the socket directly: the HTTP layer would send a length that matches the body.
      // Without a length the body runs to the close, so the client reads a whole, truncated JSON.
      const status = successStatusOf(exchange.operation);
      exchange.notes.brokenConnection.status = status;
      exchange.notes.responseBody = captureBody(TRUNCATED_JSON);
      const head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'OK'}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n`;
      socket.end(head + TRUNCATED_JSON, () => socket.destroy());
      return;
    }
  }
}

/** The status the operation answers when it succeeds (201 for a create), as a malformed answer pretends to. */
function successStatusOf(operation: CompiledOperation | undefined): number {
  for (const status of operation?.responses.keys() ?? []) if (/^2\d\d$/.test(status)) return Number(status);
  return 200;
}
