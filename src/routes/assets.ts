// Self-hosted static assets: htmx from node_modules at a versioned path, our CSS with a content hash; both cached for a
// year, pre-compressed once at start (static-asset.ts). Mounted before the page middleware (see server.tsx).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { precompressedAsset } from './static-asset';

const require = createRequire(import.meta.url);
const HTMX_VERSION: string = require('htmx.org/package.json').version;
const htmxSource = readFileSync(require.resolve('htmx.org/dist/htmx.min.js'));
const PUBLIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../public');
const cssSource = readFileSync(path.join(PUBLIC_DIR, 'css/app.css'));
const cssHash = createHash('sha256').update(cssSource).digest('hex').slice(0, 10);

export const ASSETS = {
  htmx: `/static/vendor/htmx-${HTMX_VERSION}.min.js`,
  css: `/static/css/app.${cssHash}.css`,
};

const htmx = precompressedAsset(htmxSource, 'text/javascript; charset=utf-8');
const css = precompressedAsset(cssSource, 'text/css; charset=utf-8');

/** The versioned files by path, for the listener's fast path (asset-fast-path.ts). */
export const ASSET_FILES: ReadonlyMap<string, typeof css> = new Map([
  [ASSETS.htmx, htmx],
  [ASSETS.css, css],
]);

export const assetRoutes = new Hono()
  .get(ASSETS.htmx, htmx)
  .get(ASSETS.css, css)
  .get('/favicon.ico', (c) => c.body(null, 204));
