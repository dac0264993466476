import http from 'node:http';
import https from 'node:https';
import { mayResendOnNewConnection } from '../stale-connection';

/** One request to an upstream; the answer's body is read whole, as text. */
export interface TextRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** The whole exchange, connect to last byte; past it the request is abandoned with UpstreamTimeout. */
  timeoutMs: number;
}

export interface TextAnswer {
  status: number;
  text: string;
  /** The answer's `Retry-After`, passed on to the client of a 429 or 503. */
  retryAfter?: string;
}

/** The upstream took longer than the request's `timeoutMs`. */
export class UpstreamTimeout extends Error {
  override readonly name = 'UpstreamTimeout';
}

/**
 * A keep-alive HTTP client for one upstream. node:http with a pooled agent rather than fetch: on a
 * small JSON exchange, fetch's streams, abort signals and header objects cost more than the
 * request itself (they were a third of a translating proxy's CPU in the bench's profile).
 */
export function textClient(origin: URL): (request: TextRequest) => Promise<TextAnswer> {
  const secure = origin.protocol === 'https:';
  const agentOptions = { keepAlive: true, scheduling: 'lifo' as const };
  const agent = secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  const send = secure ? https.request : http.request;
  const exchange = (request: TextRequest, resent: boolean): Promise<TextAnswer> =>
    new Promise<TextAnswer>((resolve, reject) => {
      const headers = request.body === undefined ? request.headers : { ...request.headers, 'Content-Length': String(Buffer.byteLength(request.body)) };
      const outgoing = send(request.url, { method: request.method, headers, agent }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          clearTimeout(timer);
          const retryAfter = incoming.headers['retry-after'];
          resolve({ status: incoming.statusCode ?? 502, text: Buffer.concat(chunks).toString('utf8'), ...(retryAfter !== undefined && { retryAfter }) });
        });
        incoming.on('error', fail);
      });
      // Made only when it happens: an Error captures a stack trace, too dear for every request.
      let timeout: UpstreamTimeout | undefined;
      const timer = setTimeout(() => {
        timeout = new UpstreamTimeout(`no answer within ${request.timeoutMs} ms`);
        outgoing.destroy(timeout);
      }, request.timeoutMs);
      // A timeout in the middle of the body surfaces as a reset of the answer: still a timeout.
      function fail(error: Error) {
        clearTimeout(timer);
        if (!timeout && !resent && mayResendOnNewConnection(request.method, outgoing, error)) resolve(exchange(request, true));
        else reject(timeout ?? error);
      }
      outgoing.on('error', fail);
      outgoing.end(request.body);
    });
  return (request) => exchange(request, false);
}
