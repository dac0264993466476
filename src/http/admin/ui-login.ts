import type { NextFunction, Request, Response } from 'express';
import { sendAdminError } from './admin-errors';
import type { AdminAccess } from './exposure';
import { UI_PATH } from './ui-routes';

const REALM = 'label-gateway admin';

/**
 * Lets a browser present the admin token. A browser cannot send `Authorization: Bearer` when it opens
 * a page, nor from an EventSource; it can answer a Basic challenge, and then sends the same
 * credentials by itself with every request under `/__admin/`. So: the dashboard's paths challenge
 * with Basic as well as Bearer, and a Basic password is taken as the token (any user name), to be
 * checked by the admin guard, which stands after this, like any other. Nothing here admits a request.
 */
export function browserLogin(access: AdminAccess) {
  return function presentBasicAsBearer(req: Request, res: Response, next: NextFunction): void {
    if (access.token === undefined) return next();
    const header = req.headers.authorization;
    if (header === undefined && isDashboardPath(req.path) && (req.method === 'GET' || req.method === 'HEAD')) {
      res.setHeader('WWW-Authenticate', [`Bearer realm="${REALM}"`, `Basic realm="${REALM}", charset="UTF-8"`]);
      return sendAdminError(
        res,
        401,
        'unauthorized',
        'The dashboard needs the admin token: give it as the password your browser asks for (any user name), or send Authorization: Bearer <admin token>.',
      );
    }
    const password = basicPassword(header);
    if (password !== undefined) req.headers.authorization = `Bearer ${password}`;
    next();
  };
}

function isDashboardPath(path: string): boolean {
  return path === UI_PATH || path === `${UI_PATH}/` || path.startsWith(`${UI_PATH}/`);
}

/** The password of `Basic base64(user:password)`, or undefined for any other header. */
function basicPassword(header: string | undefined): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/]+=*)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? undefined : decoded.slice(colon + 1);
}
