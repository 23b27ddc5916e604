// 积分对账 for community admins: the latest reconciliation run and its history; "立即对账" queues the job.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { notFound } from '../domain/errors';
import { requestReconciliation } from '../domain/points/reconcile-now';
import { getLedgerOverview } from '../domain/points/reconcile-runs';
import { adminCommunities } from '../domain/staff/list-staff';
import { clientIp } from '../middleware/client-ip';
import { requireStaff } from '../middleware/require-role';
import { LedgerPage } from '../../views/pages/admin/ledger';
import { redirectTo, render, viewCtx } from './render';

export const adminLedgerRoutes = new Hono<AppEnv>();
adminLedgerRoutes.use('/admin/ledger', requireStaff(['community_admin']));
adminLedgerRoutes.use('/admin/ledger/*', requireStaff(['community_admin']));

adminLedgerRoutes.get('/admin/ledger', async (c) => {
  const overview = await getLedgerOverview(c.var.deps.db, adminCommunities(c.var.staffScope));
  const notice = c.req.query('done') === 'queued' ? c.var.t('ledger.queued') : undefined;
  return render(c, { title: c.var.t('ledger.title'), body: <LedgerPage v={viewCtx(c)} overview={overview} notice={notice} /> });
});

adminLedgerRoutes.post('/admin/ledger/reconcile', async (c) => {
  const [communityId] = adminCommunities(c.var.staffScope);
  if (communityId === undefined) throw notFound();
  const outboxId = await requestReconciliation(c.var.deps.db, { actorUserId: c.var.user!.id, communityId, ip: clientIp(c) });
  await c.var.deps.jobs.dispatch([outboxId]);
  return redirectTo(c, '/admin/ledger?done=queued');
});
