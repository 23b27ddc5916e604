// The BullMQ dashboard (@bull-board/hono) at /admin/queues, behind the community-admin guard.
// bull-board's page asks Google for its fonts and leaves its icon-only buttons without names; we serve it patched:
// no third-party requests (the system font is used), Chinese labels on the icon buttons, and its own "/admin/queues/" link works.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { Queue, type ConnectionOptions } from 'bullmq';
import type { Hono, MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { requireStaff } from '../middleware/require-role';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** Accessible names for bull-board's icon-only buttons, keyed by the lucide icon they show. */
const ICON_LABELS: Record<string, string> = {
  'lucide-maximize': '全屏',
  'lucide-minimize': '退出全屏',
  'lucide-settings': '设置',
  'lucide-ellipsis-vertical': '更多操作',
  'lucide-panel-left': '显示或隐藏队列列表',
  'lucide-book-open': '文档',
  'lucide-x': '关闭',
};

/** Runs in the dashboard page: names every unnamed button (React re-renders, so it keeps watching). */
function labelScript(labels: Record<string, string>): string {
  return `(()=>{const L=${JSON.stringify(labels)};const f=()=>{for(const b of document.querySelectorAll('button,[role=button]')){if(b.getAttribute('aria-label')||b.textContent.trim()||b.title)continue;const s=b.querySelector('svg');const k=s&&[...s.classList].find(c=>L[c]);b.setAttribute('aria-label',k?L[k]:'操作');}};new MutationObserver(f).observe(document.documentElement,{childList:true,subtree:true});document.addEventListener('DOMContentLoaded',f);})();`;
}

/** Removes bull-board's Google Fonts stylesheet and adds the labelling script (with this response's CSP nonce). */
export function patchDashboardHtml(html: string, nonce: string | undefined): string {
  const withoutFonts = html.replace(/<link[^>]+href="https?:\/\/fonts\.(?:googleapis|gstatic)\.com[^>]*>\s*/g, '');
  const script = `<script${nonce ? ` nonce="${nonce}"` : ''}>${labelScript(ICON_LABELS)}</script>`;
  return withoutFonts.replace('</head>', `${script}</head>`);
}

const patchHtml: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (!c.res.headers.get('Content-Type')?.startsWith('text/html')) return;
  const html = patchDashboardHtml(await c.res.text(), c.get('secureHeadersNonce') as string | undefined);
  const headers = new Headers(c.res.headers);
  headers.delete('Content-Length');
  c.res = new Response(html, { status: c.res.status, headers });
};

export function mountQueueDashboard(app: Hono<AppEnv>, deps: AppDeps): void {
  if (!deps.redis) return; // in-process mode has no queue to show; the admin page says so
  const basePath = QUEUE_DASHBOARD_PATH;
  const queue = new Queue('main', { connection: deps.redis.options as ConnectionOptions, prefix: deps.config.QUEUE_PREFIX });
  const serverAdapter = new HonoAdapter(serveStatic).setBasePath(basePath);
  createBullBoard({
    queues: [new BullMQAdapter(queue, { readOnlyMode: false })],
    serverAdapter,
    options: { uiConfig: { boardTitle: '安邻 任务队列', locale: { lng: 'zh-CN' }, hideDocsLink: true } },
  });
  const guard = requireStaff(['community_admin']);
  app.use(basePath, guard);
  app.use(`${basePath}/*`, guard);
  // The dashboard links to its home with a trailing slash; the router is strict, so send it to the real path.
  app.get(`${basePath}/`, (c) => c.redirect(basePath));
  app.use(basePath, patchHtml);
  app.use(`${basePath}/*`, patchHtml);
  app.route(basePath, serverAdapter.registerPlugin() as never);
}
