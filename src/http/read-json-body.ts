import type { IncomingMessage } from 'node:http';
import express, { type Request, type Response } from 'express';
import { GatewayError } from '../core/errors';
import { captureBody } from './captured-body';
import { notesOf } from './exchange-notes';

/**
 * Reads a JSON request body, turning every way it can be wrong into a GatewayError the dialect can
 * render: not JSON (415), too large (413), malformed (400). A request without a body gives undefined.
 * The bytes as received (malformed ones too) are noted for the journal.
 *
 * The usual request (plain `application/json`, UTF-8, a Content-Length within the limit, not
 * compressed) is read here directly: body-parser's general path (content negotiation, charset
 * decoding, an async resource and five stream listeners per request) was a tenth of a create's
 * CPU. Every other request (chunked, compressed, another charset or spelling, too large) still goes
 * through express.json(), and both give the same answers for the same bytes.
 */
export function createJsonBodyReader(limitBytes: number): (req: Request, res: Response) => Promise<unknown> {
  const rawBodies = new WeakMap<IncomingMessage, Buffer>();
  // The content type is checked below, so the parser itself may accept any. `verify` sees the raw
  // bytes before they are parsed: keeping a reference costs nothing and shows what the client sent.
  const parse = express.json({ limit: limitBytes, strict: true, type: () => true, verify: (req, _res, bytes) => rawBodies.set(req, bytes) });
  return async (req, res) => {
    if (!hasBody(req)) return undefined;
    const length = plainJsonLength(req, limitBytes);
    if (length !== undefined) {
      const raw = await readExactly(req, length);
      notesOf(res).requestBody = captureBody(raw);
      return parseStrictJson(raw);
    }
    if (!req.is(['application/json', 'application/*+json'])) {
      throw new GatewayError('unsupported_media_type', 'The request body must be JSON (Content-Type: application/json).');
    }
    await new Promise<void>((resolve, reject) => {
      parse(req, res, (error?: unknown) => {
        const raw = rawBodies.get(req);
        if (raw) notesOf(res).requestBody = captureBody(raw);
        if (error) reject(toGatewayError(error, limitBytes));
        else resolve();
      });
    });
    return req.body;
  };
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** The content types body-parser reads as UTF-8 JSON with nothing to negotiate (compared lower-cased). */
const PLAIN_JSON_TYPES: ReadonlySet<string> = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);
const DECIMAL = /^[0-9]{1,15}$/;

/** The body's length when the request takes the direct path: plain JSON, not compressed, not chunked, within the limit, unread. */
function plainJsonLength(req: IncomingMessage, limitBytes: number): number | undefined {
  // A request already read or destroyed (a client gone during a fault's delay) is body-parser's to settle.
  if (!req.readable) return undefined;
  const { headers } = req;
  const type = headers['content-type'];
  if (type === undefined || !PLAIN_JSON_TYPES.has(type.toLowerCase())) return undefined;
  if (headers['transfer-encoding'] !== undefined) return undefined;
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return undefined;
  const declared = headers['content-length'];
  if (declared === undefined || !DECIMAL.test(declared)) return undefined;
  const length = Number(declared);
  return length <= limitBytes ? length : undefined;
}

/**
 * The whole body, once the request has ended. Node's parser stops at the declared length, so a
 * body ends exactly there or the connection closes first (the client went away): then, as
 * body-parser would, the body "could not be read" (an answer nobody will receive, but the journal
 * records the exchange).
 */
function readExactly(req: IncomingMessage, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    // Three listeners, none removed: once the body has ended, the request's 'close' finds it settled.
    // ('close' also follows every 'error', and a request emits 'error' only to a listener of its own.)
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
    });
    req.on('end', () => {
      settled = true;
      if (received !== length) reject(unreadable());
      else resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received));
    });
    req.on('close', () => {
      if (settled) return;
      settled = true;
      reject(unreadable());
    });
  });
}

/**
 * body-parser's strict JSON, for bytes it would decode as UTF-8: iconv-lite drops a leading byte
 * order mark, an empty body is `{}`, and anything but an object or array at the top is malformed.
 */
function parseStrictJson(raw: Buffer): unknown {
  let text = raw.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length === 0) return {};
  const first = FIRST_NON_WHITESPACE.exec(text)?.[1];
  if (first !== '{' && first !== '[') throw notJson();
  try {
    return JSON.parse(text);
  } catch {
    throw notJson();
  }
}

/** As body-parser reads the top level (RFC 7159's whitespace: space, tab, line feed, carriage return). */
// eslint-disable-next-line no-control-regex
const FIRST_NON_WHITESPACE = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d]|$)/;

const notJson = (): GatewayError => new GatewayError('malformed_json', 'The request body is not valid JSON.', { field: 'body' });
const unreadable = (): GatewayError => new GatewayError('malformed_json', 'The request body could not be read.', { field: 'body' });

function toGatewayError(error: unknown, limitBytes: number): GatewayError {
  const type = (error as { type?: string }).type;
  switch (type) {
    case 'entity.too.large':
      return new GatewayError('payload_too_large', `The request body is larger than ${formatBytes(limitBytes)}.`);
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new GatewayError('unsupported_media_type', (error as Error).message);
    case 'entity.parse.failed':
      return notJson();
    default:
      return unreadable();
  }
}

function formatBytes(bytes: number): string {
  return bytes % 1_048_576 === 0 ? `${bytes / 1_048_576} MiB` : bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}
