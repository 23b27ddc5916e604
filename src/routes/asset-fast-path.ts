// In front of the app on the real listener: a GET for one of the versioned assets is answered by a tiny Hono app of
// its own, without the main app's router (hundreds of routes) and request frame. Same handlers, same headers, same
// latency metric; anything else — a query string, another method — goes to the app as before.
import { Hono } from 'hono';
import type { Metrics } from '../infra/metrics';
import { ASSETS, assetRoutes } from './assets';

type Fetch = (req: Request) => Response | Promise<Response>;

export function withAssetFastPath(appFetch: Fetch, metrics: Metrics): Fetch {
  const assets = new Hono().route('/', assetRoutes);
  const paths = new Set<string>(Object.values(ASSETS));
  return (req) => {
    const url = req.url;
    const path = url.slice(url.indexOf('/', url.indexOf('//') + 2));
    if (!paths.has(path) || (req.method !== 'GET' && req.method !== 'HEAD')) return appFetch(req);
    const started = performance.now();
    const observe = (res: Response) => {
      metrics.httpDuration.observe({ method: req.method, route: path, status: String(res.status) }, (performance.now() - started) / 1000);
      return res;
    };
    const res = assets.fetch(req);
    return res instanceof Promise ? res.then(observe) : observe(res);
  };
}
