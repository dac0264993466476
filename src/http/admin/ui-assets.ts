import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../options';

/** One file the dashboard page loads. */
export interface UiAsset {
  file: string;
  contentType: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The dashboard's own files: plain modules and styles, served as written (no build step). */
export const DASHBOARD_DIR = path.join(packageRoot(), 'dashboard');

/** The page itself, served at `/__admin/ui`. */
export const DASHBOARD_PAGE: UiAsset = { file: path.join(DASHBOARD_DIR, 'index.html'), contentType: CONTENT_TYPES['.html'] };

/**
 * Every file `/__admin/ui/{asset}` serves, by name: the dashboard folder's scripts and styles, and
 * the chart library from its own installed package (a dependency, so it is there wherever the
 * gateway is; nothing is fetched from a network). A fixed table: a name not in it is a 404, so no
 * path a client makes up can reach another file.
 */
export function dashboardAssets(): ReadonlyMap<string, UiAsset> {
  const assets = new Map<string, UiAsset>();
  for (const name of fs.readdirSync(DASHBOARD_DIR)) {
    const contentType = CONTENT_TYPES[path.extname(name)];
    if (contentType && name !== 'index.html') assets.set(name, { file: path.join(DASHBOARD_DIR, name), contentType });
  }
  const uPlot = path.join(path.dirname(require.resolve('uplot/package.json')), 'dist');
  assets.set('uPlot.esm.js', { file: path.join(uPlot, 'uPlot.esm.js'), contentType: CONTENT_TYPES['.js'] });
  assets.set('uPlot.min.css', { file: path.join(uPlot, 'uPlot.min.css'), contentType: CONTENT_TYPES['.css'] });
  return assets;
}
