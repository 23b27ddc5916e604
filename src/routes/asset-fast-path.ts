// In front of the app on the real listener: a GET or HEAD for one of the versioned assets is answered on Node's own
// request and response (http-fast-path.ts) with the bytes and headers precomputed at start — the same answer the
// app's route gives (static-asset.ts answerFor), counted in the same latency metric. Anything else (a query string,
// another method, any other path) goes to the app as before.
import type { Metrics } from '../infra/metrics';
import { rawHeader, type NodeFastPath } from '../http-fast-path';
import { ASSET_FILES } from './assets';

export function assetFastPath(metrics: Metrics): NodeFastPath {
  return (req, res) => {
    const method = req.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const path = req.url ?? '';
    const asset = ASSET_FILES.get(path);
    if (!asset) return false;
    const started = performance.now();
    const a = asset.answerFor(rawHeader(req, 'if-none-match'), rawHeader(req, 'accept-encoding'));
    res.writeHead(a.status, a.nodeHeaders);
    if (method === 'HEAD' || !a.body) res.end();
    else res.end(a.body);
    metrics.httpDuration.observe({ method, route: path, status: String(a.status) }, (performance.now() - started) / 1000);
    return true;
  };
}
