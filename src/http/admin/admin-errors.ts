import type { Response } from 'express';

/**
 * The admin surface's own error shape, `{ "error": "...", "message": "..." }` (plus the field it is
 * about, or whatever helps the caller), unlike the vendor routes, which answer in their dialect.
 */
export function sendAdminError(res: Response, status: number, error: string, message: string, extra: Record<string, unknown> = {}): void {
  res.status(status).json({ error, message, ...extra });
}

/** Bad input to an admin route, naming the parameter or field at fault; answered 400. */
export class AdminInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function sendInputError(res: Response, error: AdminInputError): void {
  sendAdminError(res, 400, 'validation_error', error.message, { field: error.field });
}
