// The Node HTTP listener for the app: a moderate header limit, and Chinese pages for requests Node's parser refuses
// before the app sees them (a URL or headers over the limit would otherwise get Node's bare, empty 431).
import { createServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import { serve } from '@hono/node-server';
import type { NodeFastPath } from './http-fast-path';
import { MAX_HEADER_BYTES } from './http-limits';
import { ASSETS } from './routes/assets';

export { MAX_HEADER_BYTES, MAX_URL_BYTES } from './http-limits';

const escape = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A complete HTTP/1.1 response, written straight to the socket: there is no request for the app to answer. */
function rawPage(status: number, reason: string, zh: string, en: string): string {
  const body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>出错了</title><link rel="stylesheet" href="${ASSETS.css}"></head><body><main id="main"><section class="card error-page" id="error" role="alert"><p class="status">${status}</p><h1>出错了</h1><p>${escape(zh)}</p><p lang="en">${escape(en)}</p><p><a class="btn" href="/">返回首页</a></p></section></main></body></html>`;
  const headers = [
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: text/html; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Content-Security-Policy: default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    'X-Content-Type-Options: nosniff',
    'X-Frame-Options: DENY',
    'Referrer-Policy: no-referrer',
    'Cache-Control: no-store',
    'Connection: close',
  ];
  return `${headers.join('\r\n')}\r\n\r\n${body}`;
}

const PAGES = {
  431: rawPage(431, 'Request Header Fields Too Large', '网址或请求头太长了,请返回上一页,或从首页重新打开。', 'The address or the request headers are too long; go back, or start again from the home page.'),
  400: rawPage(400, 'Bad Request', '请求有误,请检查后重试。', 'The request was not valid; please check and retry.'),
};

/** Replaces Node's default clientError handling (which answers 431/400 with no body at all). */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  // Reset connections and sockets already answering a request cannot take a response.
  const busy = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (err.code === 'ECONNRESET' || !socket.writable || busy) {
    socket.destroy();
    return;
  }
  if (err.code === 'HPE_HEADER_OVERFLOW') socket.end(PAGES[431]);
  else if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') socket.end('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  else socket.end(PAGES[400]);
}

/**
 * Starts the app's listener (main.ts; tests use it to reach the real socket path). `fastPaths` are asked first, in
 * order, on Node's own request objects; what none of them answers goes to `fetch` through @hono/node-server.
 */
export function listen(
  fetch: (req: Request) => Response | Promise<Response>,
  opts: { port: number; hostname: string },
  onListen?: (info: { port: number }) => void,
  fastPaths: readonly NodeFastPath[] = [],
): Server {
  const withFastPaths = (options: ServerOptions, app: RequestListener) =>
    createServer(options, (req, res) => {
      for (const answer of fastPaths) if (answer(req, res)) return;
      app(req, res);
    });
  const server = serve(
    { fetch, port: opts.port, hostname: opts.hostname, serverOptions: { maxHeaderSize: MAX_HEADER_BYTES }, ...(fastPaths.length ? { createServer: withFastPaths as typeof createServer } : {}) },
    onListen,
  ) as Server;
  server.on('clientError', answerClientError);
  return server;
}
