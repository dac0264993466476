import express, { type NextFunction, type Request, type Response } from 'express';

/** An admin answer for a request it will not carry out: `{error, message}` plus what names the fault. */
export function adminError(res: Response, status: number, error: string, message: string, extra: Record<string, unknown> = {}): void {
  res.status(status).json({ error, message, ...extra });
}

/**
 * Parses a JSON body for an admin route, answering every way it can be wrong in the admin envelope
 * (a body that is not JSON: 415; malformed: 400; too large: 413). No body leaves `req.body` undefined.
 */
export function adminJsonBody(limitBytes: number) {
  const parse = express.json({ limit: limitBytes, strict: false, type: () => true });
  return function readAdminJson(req: Request, res: Response, next: NextFunction): void {
    const length = req.headers['content-length'];
    const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    req.body = undefined;
    if (!hasBody) return next();
    if (!req.is(['application/json', 'application/*+json'])) {
      return adminError(res, 415, 'unsupported_media_type', 'The request body must be JSON (Content-Type: application/json).');
    }
    parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const type = (error as { type?: string }).type;
      if (type === 'entity.too.large') return adminError(res, 413, 'payload_too_large', `The request body is larger than ${limitBytes} bytes.`);
      adminError(res, 400, 'invalid_json', `The request body is not valid JSON: ${(error as Error).message}`);
    });
  };
}
