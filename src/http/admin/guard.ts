import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { sendAdminError } from './admin-errors';
import { isLoopbackHostHeader, type AdminAccess } from './exposure';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Stands before every admin route. The health probe reveals nothing and stays open to orchestrators;
 * everything else needs the admin token when one is set, and a route that changes anything refuses
 * what a browser on another site could send (a form post, or any request naming a foreign origin).
 * No CORS header is ever sent here, so a foreign page cannot read an admin answer either.
 */
export function adminGuard(access: AdminAccess) {
  const expected = access.token === undefined ? undefined : digest(access.token);
  return function guardAdmin(req: Request, res: Response, next: NextFunction): void {
    if (req.path === '/health' && (req.method === 'GET' || req.method === 'HEAD')) return next();
    if (access.loopbackHostsOnly && !isLoopbackHostHeader(req.headers.host)) {
      return sendAdminError(res, 403, 'forbidden', 'The admin API answers only requests addressed to this machine (Host: localhost or 127.0.0.1).');
    }
    if (!SAFE_METHODS.has(req.method)) {
      const refusal = crossSiteRefusal(req);
      if (refusal) return sendAdminError(res, 403, 'forbidden', refusal);
    }
    if (expected && !presentsToken(req.headers.authorization, expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="label-gateway admin"');
      return sendAdminError(res, 401, 'unauthorized', 'This admin route needs Authorization: Bearer <admin token> (the --admin-token or LABEL_GATEWAY_ADMIN_TOKEN value).');
    }
    next();
  };
}

/** Why a changing request may come from another site's page, or undefined when it cannot. */
function crossSiteRefusal(req: Request): string | undefined {
  if (req.headers['sec-fetch-site'] === 'cross-site') return 'Admin routes that change the gateway refuse requests from other sites (Sec-Fetch-Site: cross-site).';
  const origin = req.headers.origin;
  if (origin !== undefined && !isSameOrigin(origin, req.headers.host)) {
    return `Admin routes that change the gateway refuse requests from another origin (${origin.slice(0, 100)}).`;
  }
  // A page on another site can post a form (urlencoded, multipart, text/plain) without asking; a JSON
  // body it cannot send without a CORS preflight, which this surface never grants.
  const contentType = req.headers['content-type'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
  if ((contentType !== undefined || hasBody) && !isJsonMediaType(contentType)) {
    return 'Admin routes that change the gateway take a JSON body (Content-Type: application/json) or none.';
  }
  return undefined;
}

/** `application/json` or `application/<something>+json`, with any parameters. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0].trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

function isSameOrigin(origin: string, host: string | undefined): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && host !== undefined && url.host.toLowerCase() === host.toLowerCase();
  } catch {
    return false; // `null` (a sandboxed page, a file) or garbage
  }
}

/** Compared as digests of equal length, in constant time, so timing reveals nothing of the token. */
function presentsToken(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]), expected);
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
