// The BullMQ dashboard (@bull-board/hono) at /admin/queues, behind the community-admin guard.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { Queue, type ConnectionOptions } from 'bullmq';
import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { requireStaff } from '../middleware/require-role';

export function mountQueueDashboard(app: Hono<AppEnv>, deps: AppDeps): void {
  if (!deps.redis) return; // in-process mode has no queue to show; the admin page says so
  const basePath = '/admin/queues';
  const queue = new Queue('main', { connection: deps.redis.options as ConnectionOptions, prefix: deps.config.QUEUE_PREFIX });
  const serverAdapter = new HonoAdapter(serveStatic).setBasePath(basePath);
  createBullBoard({ queues: [new BullMQAdapter(queue, { readOnlyMode: false })], serverAdapter });
  app.use(`${basePath}/*`, requireStaff(['community_admin']));
  app.use(basePath, requireStaff(['community_admin']));
  app.route(basePath, serverAdapter.registerPlugin() as never);
}
