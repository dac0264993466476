import type { IncomingMessage } from 'node:http';
import express, { type Request, type Response } from 'express';
import { GatewayError } from '../core/errors';
import { captureBody } from './captured-body';
import { notesOf } from './exchange-notes';

/**
 * Reads a JSON request body, turning every way it can be wrong into a GatewayError the dialect can
 * render: not JSON (415), too large (413), malformed (400). A request without a body gives undefined.
 * The bytes as received (malformed ones too) are noted for the journal.
 */
export function createJsonBodyReader(limitBytes: number): (req: Request, res: Response) => Promise<unknown> {
  const rawBodies = new WeakMap<IncomingMessage, Buffer>();
  // The content type is checked below, so the parser itself may accept any. `verify` sees the raw
  // bytes before they are parsed: keeping a reference costs nothing and shows what the client sent.
  const parse = express.json({ limit: limitBytes, strict: true, type: () => true, verify: (req, _res, bytes) => rawBodies.set(req, bytes) });
  return async (req, res) => {
    if (!hasBody(req)) return undefined;
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

function toGatewayError(error: unknown, limitBytes: number): GatewayError {
  const type = (error as { type?: string }).type;
  switch (type) {
    case 'entity.too.large':
      return new GatewayError('payload_too_large', `The request body is larger than ${formatBytes(limitBytes)}.`);
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new GatewayError('unsupported_media_type', (error as Error).message);
    case 'entity.parse.failed':
      return new GatewayError('malformed_json', 'The request body is not valid JSON.', { field: 'body' });
    default:
      return new GatewayError('malformed_json', 'The request body could not be read.', { field: 'body' });
  }
}

function formatBytes(bytes: number): string {
  return bytes % 1_048_576 === 0 ? `${bytes / 1_048_576} MiB` : bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}
