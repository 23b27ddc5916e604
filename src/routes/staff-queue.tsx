// /staff/queue (everyone who works items) and /staff/police (community police): one list, its #queue-list partial for htmx.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env';
import { findItemByTrackingNo } from '../domain/console/find-item-by-tracking-no';
import { ITEM_STAFF_ROLES } from '../domain/console/item-access';
import { listQueue, type QueueView } from '../domain/console/list-queue';
import { queueFilterOf } from '../domain/console/queue-filter';
import { requireStaff } from '../middleware/require-role';
import { QueueList, QueuePage, type QueueScreen } from '../../views/pages/staff/queue';
import { redirectTo, render, viewCtx } from './render';

export const staffQueueRoutes = new Hono<AppEnv>();
staffQueueRoutes.use('/staff/queue', requireStaff([...ITEM_STAFF_ROLES, 'police']));
staffQueueRoutes.use('/staff/police', requireStaff(['police']));

async function queuePage(c: Context<AppEnv>, view: QueueView) {
  const filter = queueFilterOf((name) => c.req.query(name));
  // A worker told a tracking number on the phone lands straight on the item (when it is theirs to see).
  const found = filter.q ? await findItemByTrackingNo(c.var.deps.db, { scope: c.var.staffScope, police: view === 'police', q: filter.q }) : null;
  if (found !== null) return redirectTo(c, `/staff/items/${found}`);
  const data = await listQueue(c.var.deps.db, { scope: c.var.staffScope, userId: c.var.user!.id, view, filter });
  const s: QueueScreen = { base: view === 'police' ? '/staff/police' : '/staff/queue', filter, data };
  const v = viewCtx(c);
  return render(c, {
    title: c.var.t(view === 'police' ? 'cq.police.title' : 'cq.title'),
    body: <QueuePage v={v} s={s} />,
    partial: <QueueList v={v} s={s} />,
  });
}

staffQueueRoutes.get('/staff/queue', (c) => queuePage(c, 'queue'));
staffQueueRoutes.get('/staff/police', (c) => queuePage(c, 'police'));
