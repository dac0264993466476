import type { NextFunction, Request, Response } from 'express';
import { VENDOR_IDS, VENDOR_PREFIX } from '../core/dialects';

/**
 * For SDKs that cannot take a path prefix: `Host: supersend.localhost:4010` with `/v2/labels` is
 * served as `/supersend/v2/labels`. The admin surface is never rewritten.
 */
export function hostRouting(req: Request, _res: Response, next: NextFunction): void {
  const host = req.headers.host;
  if (host && !req.url.startsWith('/__admin')) {
    const subdomain = host.slice(0, host.indexOf('.')).toLowerCase();
    const vendor = VENDOR_IDS.find((candidate) => candidate === subdomain);
    if (vendor && !req.url.startsWith(`${VENDOR_PREFIX[vendor]}/`)) req.url = VENDOR_PREFIX[vendor] + req.url;
  }
  next();
}
