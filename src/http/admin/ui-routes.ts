import fs from 'node:fs/promises';
import type { Response } from 'express';
import { sendAdminError } from './admin-errors';
import { ADMIN_PREFIX } from './prefix';
import { adminRouter, type AdminRouteList } from './route-list';
import { DASHBOARD_PAGE, dashboardAssets, type UiAsset } from './ui-assets';

/** The dashboard's path under ADMIN_PREFIX. */
export const UI_PATH = '/ui';

export const UI_ROUTES = {
  'GET /ui': 'the dashboard: traffic, state, faults, coverage and routes in the browser, all through these admin routes',
  'GET /ui/:asset': "the dashboard's scripts, styles and chart library (served from the package; nothing from a network)",
} as const satisfies AdminRouteList;

/**
 * The page renders what the journal holds (bodies clients sent), so it runs only its own scripts,
 * talks only to this origin, and cannot be framed by another site (its buttons reset and arm the mock).
 */
const PAGE_POLICY = ["default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"].join('; ');

export function uiRoutes() {
  const assets = dashboardAssets();
  return adminRouter(UI_ROUTES, {
    'GET /ui': async (req, res) => {
      // The page's links are relative to `/__admin/ui` (`ui/app.js`, `requests`): `/__admin/ui/` would break them.
      if (req.path.endsWith('/')) {
        const query = req.originalUrl.indexOf('?');
        return res.redirect(301, `${ADMIN_PREFIX}${UI_PATH}${query === -1 ? '' : req.originalUrl.slice(query)}`);
      }
      res.setHeader('Content-Security-Policy', PAGE_POLICY);
      await sendAsset(res, DASHBOARD_PAGE);
    },
    'GET /ui/:asset': async (req, res) => {
      const asset = assets.get(String(req.params.asset));
      if (!asset) return sendAdminError(res, 404, 'not_found', `The dashboard has no file ${String(req.params.asset).slice(0, 100)}.`, { assets: [...assets.keys()] });
      await sendAsset(res, asset);
    },
  });
}

async function sendAsset(res: Response, asset: UiAsset): Promise<void> {
  const content = await fs.readFile(asset.file);
  res.setHeader('Content-Type', asset.contentType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  // Revalidated every time: after an upgrade the browser must not mix old and new modules.
  res.setHeader('Cache-Control', 'no-cache');
  res.send(content);
}
