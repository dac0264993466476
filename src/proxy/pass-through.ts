import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import express, { type Request, type Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { DialectAdapter } from '../core/adapter';
import { VENDOR_OF, VENDOR_PREFIX } from '../core/dialects';
import { GatewayError } from '../core/errors';
import { captureBody } from '../http/captured-body';
import { notesOf } from '../http/exchange-notes';
import type { Logger } from '../http/logger';
import { checkBody, checkParameters } from '../http/request-validation';
import { checkResponse, VIOLATIONS_HEADER, violationsHeaderValue, type ContractViolation } from '../http/response-contract';
import { sendDialectResponse } from '../http/send';
import type { CompiledOperation } from '../specs/compiled-operation';
import type { RouteMatch } from '../specs/route-table';
import type { ContractMode } from './proxy-config';
import { mayResendOnNewConnection } from './stale-connection';
import { copyAnswerHead, readAnswerBody } from './upstream-answer';

export interface PassThroughOptions {
  adapter: DialectAdapter;
  upstream: string;
  contract: ContractMode;
  timeoutMs: number;
  bodyLimitBytes: number;
  logger: Logger;
}

/** What the pass-through keeps about one request while it is forwarded. */
interface InFlight {
  operation?: CompiledOperation;
  body?: Buffer;
  requestId?: string;
  timedOut: boolean;
  /** The path as the client sent it (the proxy rewrites `req.url`), for a second attempt. */
  url: string;
  /** The request as sent upstream, last attempt. */
  upstream?: http.ClientRequest;
  /** Sent once more on a new connection already (stale-connection.ts). */
  resent: boolean;
}

const inFlight = new WeakMap<IncomingMessage, InFlight>();

/** Upstream connections are kept and reused across requests (one pool per route). */
function upstreamAgent(upstream: string): http.Agent {
  const options = { keepAlive: true, scheduling: 'lifo' as const };
  return new URL(upstream).protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
}

/**
 * A validating pass-through to the same vendor: the request is checked against the dialect's spec,
 * forwarded unchanged (the client's own credential included), and the answer checked too. In
 * `report` mode findings only travel in a header and the journal; in `enforce` mode an invalid request
 * is answered here with the dialect's 400 and an invalid answer is replaced with the dialect's 502.
 */
export class PassThrough {
  private readonly readRawBody;
  private readonly proxy;

  constructor(private readonly options: PassThroughOptions) {
    this.readRawBody = express.raw({ type: () => true, limit: options.bodyLimitBytes });
    const prefix = VENDOR_PREFIX[VENDOR_OF[options.adapter.id]];
    this.proxy = createProxyMiddleware<Request, Response>({
      target: options.upstream,
      // Without an agent http-proxy sends `Connection: close` upstream and passes the upstream's
      // close on to the client: one TCP connection per request on both sides.
      agent: upstreamAgent(options.upstream),
      changeOrigin: true,
      selfHandleResponse: true,
      pathRewrite: (path) => path.slice(prefix.length),
      on: {
        proxyReq: (proxyReq, req) => {
          const state = inFlight.get(req);
          if (state) state.upstream = proxyReq;
          // A HEAD is asked upstream as the GET it stands for, so its answer is checked like the
          // GET's and its length is the body's; Node's server then sends the head alone.
          if (req.method === 'HEAD') proxyReq.method = 'GET';
          proxyReq.setTimeout(options.timeoutMs, () => {
            if (state) state.timedOut = true;
            proxyReq.destroy(new Error('upstream timeout'));
          });
          if (state?.body) {
            // The body was read to check it; what goes upstream is the client's bytes, unchanged.
            proxyReq.setHeader('Content-Length', state.body.length);
            proxyReq.write(state.body);
          }
        },
        // The answer is read whole (it is checked against the spec before the client sees it),
        // then sent in one write with its own length.
        proxyRes: (proxyRes, req, res) => {
          readAnswerBody(proxyRes).then(
            (buffer) => {
              copyAnswerHead(proxyRes, res);
              let out: Buffer | string;
              try {
                out = this.interceptAnswer(buffer, proxyRes.statusCode ?? 502, req, res);
              } catch (error) {
                // An exception here would otherwise leave the client hanging.
                options.logger.error('pass-through: failed to check an upstream answer', error);
                out = this.replaceWithError(res, new GatewayError('upstream_invalid', 'The upstream answer could not be checked.', { source: 'upstream' }), req);
              }
              notesOf(res).responseBody = captureBody(out);
              res.setHeader('Content-Length', Buffer.byteLength(out));
              res.end(out);
            },
            (error: Error) => this.answerUpstreamFailure(error, req, res),
          );
        },
        error: (error, req, res) => {
          const state = inFlight.get(req);
          // Nothing of the answer has reached the client yet: the request goes once more on a new connection.
          if (state && !state.resent && 'locals' in res && !res.headersSent && mayResendOnNewConnection(req.method ?? 'GET', state.upstream, error)) {
            state.resent = true;
            req.url = state.url;
            void this.proxy(req as Request, res);
            return;
          }
          this.answerUpstreamFailure(error, req as Request, res as Response | ServerResponse);
        },
      },
    });
  }

  async handle(req: Request, res: Response, match: Exclude<RouteMatch, { kind: 'unknown_vendor' }>, requestId?: string): Promise<void> {
    const violations: ContractViolation[] = [];
    const state: InFlight = { requestId, timedOut: false, url: req.url, resent: false };
    inFlight.set(req, state);
    try {
      if (match.kind === 'operation') {
        state.operation = match.operation;
        state.body = await this.readBody(req, res);
        if (state.body) notesOf(res).requestBody = captureBody(state.body);
        violations.push(...checkRequest(match.operation, match.params, req, state.body));
      } else {
        violations.push({ where: 'request', path: '', message: `${req.method} ${req.path} is not an operation of the ${this.options.adapter.id} spec` });
      }
    } catch (error) {
      // Only a body over the limit gets here: the gateway will not buffer it, in either mode.
      return this.answerGatewayError(res, error as GatewayError, requestId);
    }
    const notes = notesOf(res);
    notes.violations.push(...violations);
    if (violations.length > 0 && this.options.contract === 'enforce') {
      const kind = match.kind === 'unknown_path' ? 'not_found' : match.kind === 'method_not_allowed' ? 'method_not_allowed' : 'validation';
      return this.answerGatewayError(res, new GatewayError(kind, violations[0].message, { field: violations[0].path || undefined }), requestId);
    }
    await this.proxy(req, res);
  }

  private async readBody(req: Request, res: Response): Promise<Buffer | undefined> {
    const length = req.headers['content-length'];
    if (req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0')) return undefined;
    await new Promise<void>((resolve, reject) =>
      this.readRawBody(req, res, (error?: unknown) =>
        error
          ? reject(
              (error as { type?: string }).type === 'entity.too.large'
                ? new GatewayError('payload_too_large', `The request body is larger than ${this.options.bodyLimitBytes} bytes.`)
                : new GatewayError('malformed_json', 'The request body could not be read.'),
            )
          : resolve(),
      ),
    );
    return Buffer.isBuffer(req.body) ? req.body : undefined;
  }

  private interceptAnswer(buffer: Buffer, upstreamStatus: number, req: Request, res: Response): Buffer | string {
    const state = inFlight.get(req);
    const notes = notesOf(res);
    notes.upstreamStatus = upstreamStatus;
    const violations = state?.operation ? checkAnswer(state.operation, upstreamStatus, buffer) : [];
    notes.violations.push(...violations);
    const all = notes.violations;
    if (violations.length > 0 && this.options.contract === 'enforce') {
      return this.replaceWithError(res, new GatewayError('upstream_invalid', `The upstream answer breaks the contract: ${violations[0].message}`, { source: 'upstream' }), req);
    }
    if (all.length > 0) res.setHeader(VIOLATIONS_HEADER, violationsHeaderValue(all));
    return buffer;
  }

  private replaceWithError(res: Response, error: GatewayError, req: Request): string {
    const rendered = this.options.adapter.renderError(error, inFlight.get(req)?.requestId);
    res.statusCode = rendered.status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    for (const [name, value] of Object.entries(rendered.headers ?? {})) res.setHeader(name, value);
    const notes = notesOf(res);
    if (notes.violations.length > 0) res.setHeader(VIOLATIONS_HEADER, violationsHeaderValue(notes.violations));
    return JSON.stringify(rendered.body);
  }

  private answerUpstreamFailure(error: Error, req: Request, res: Response | ServerResponse): void {
    if (!('locals' in res) || res.headersSent) {
      res.end();
      return;
    }
    const timedOut = inFlight.get(req)?.timedOut ?? false;
    const failure = timedOut
      ? new GatewayError('upstream_timeout', `The upstream did not answer within ${this.options.timeoutMs} ms.`, { source: 'upstream' })
      : new GatewayError('upstream_unavailable', `The upstream could not be reached (${(error as NodeJS.ErrnoException).code ?? error.message}).`, { source: 'upstream' });
    this.answerGatewayError(res, failure, inFlight.get(req)?.requestId);
  }

  private answerGatewayError(res: Response, error: GatewayError, requestId?: string): void {
    const notes = notesOf(res);
    if (notes.violations.length > 0) res.setHeader(VIOLATIONS_HEADER, violationsHeaderValue(notes.violations));
    sendDialectResponse(res, this.options.adapter.renderError(error, requestId));
  }
}

/** The request's findings against the spec; an exception-free check, since report mode forwards anyway. */
function checkRequest(operation: CompiledOperation, params: Record<string, string>, req: Request, raw: Buffer | undefined): ContractViolation[] {
  const findings: ContractViolation[] = [];
  const note = (error: unknown) => findings.push({ where: 'request', path: (error as GatewayError).field ?? '', message: (error as Error).message });
  try {
    checkParameters(operation, params, req.query);
  } catch (error) {
    note(error);
  }
  if (!operation.body) return findings;
  let body: unknown;
  if (raw !== undefined) {
    if (!req.is(['application/json', 'application/*+json'])) {
      findings.push({ where: 'request', path: 'body', message: 'The request body is not declared as JSON.' });
      return findings;
    }
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      findings.push({ where: 'request', path: 'body', message: 'The request body is not valid JSON.' });
      return findings;
    }
  }
  try {
    checkBody(operation, body);
  } catch (error) {
    note(error);
  }
  return findings;
}

function checkAnswer(operation: CompiledOperation, status: number, buffer: Buffer): ContractViolation[] {
  let body: unknown;
  try {
    body = JSON.parse(buffer.toString('utf8'));
  } catch {
    return [{ where: 'response', path: '', message: `the upstream answered ${status} with a body that is not JSON` }];
  }
  return checkResponse(operation, status, body);
}
