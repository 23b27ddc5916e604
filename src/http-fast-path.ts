// Requests answered on Node's own request and response objects, before @hono/node-server turns them into a Request
// and the app's Response back into a write: for the few hot responses that are already complete bytes in memory (a
// versioned asset, a cached scan landing), that adaptation was a third of each request's CPU. A fast path returns
// false, having written nothing, for anything it does not answer; the app then gets the request as usual.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type NodeFastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * One request header by its lower-case name, read from the raw list (building `req.headers` costs an object per
 * request). Repeated cookie headers are joined as Node does; for any other name the first value counts.
 */
export function rawHeader(req: IncomingMessage, lowerName: string): string | undefined {
  const raw = req.rawHeaders;
  let found: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    if (name.length !== lowerName.length || name.toLowerCase() !== lowerName) continue;
    if (found === undefined) found = raw[i + 1];
    else if (lowerName === 'cookie') found = `${found}; ${raw[i + 1]}`;
    else break;
  }
  return found;
}
