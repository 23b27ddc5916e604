// Community-admin pages: the admin home (status, links to each community's pages), staff password reset, the queue test.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env';
import { managedCommunities } from '../domain/communities/managed-community';
import { findManagedStaff } from '../domain/staff/list-staff';
import { resetStaffPassword } from '../domain/staff/reset-staff-password';
import { notFound } from '../domain/errors';
import { recordJob } from '../infra/jobs/record-job';
import { recordAudit } from '../domain/audit/record-audit';
import { clientIp } from '../middleware/client-ip';
import { requireStaff } from '../middleware/require-role';
import { AdminHome, ConfirmReset } from '../../views/pages/admin/home';
import { detail as staffDetail } from './admin-structure/staff';
import { render, viewCtx } from './render';

export const adminRoutes = new Hono<AppEnv>();
adminRoutes.use('/admin', requireStaff(['community_admin']));
adminRoutes.use('/admin/*', requireStaff(['community_admin']));

const idParam = (raw: string) => {
  if (!/^\d{1,9}$/.test(raw)) throw notFound();
  return Number(raw);
};

async function adminHome(c: Context<AppEnv>, notice?: string) {
  const { db, jobs } = c.var.deps;
  const [communities, counts] = await Promise.all([managedCommunities(db, c.var.staffScope), jobs.counts().catch(() => ({}))]);
  return render(c, { title: c.var.t('admin.title'), body: <AdminHome v={viewCtx(c)} mode={jobs.mode} counts={counts} communities={communities} notice={notice} /> });
}

adminRoutes.get('/admin', (c) => adminHome(c));

adminRoutes.get('/admin/staff/:id/reset-password', async (c) => {
  const staff = await findManagedStaff(c.var.deps.db, c.var.staffScope, idParam(c.req.param('id')));
  if (!staff) throw notFound();
  return render(c, { title: c.var.t('admin.resetPassword'), body: <ConfirmReset v={viewCtx(c)} staff={staff} /> });
});

adminRoutes.post('/admin/staff/:id/reset-password', async (c) => {
  const targetId = idParam(c.req.param('id'));
  const staff = await findManagedStaff(c.var.deps.db, c.var.staffScope, targetId);
  if (!staff) throw notFound();
  const done = await resetStaffPassword(c.var.deps.db, { actorId: c.var.user!.id, scope: c.var.staffScope, targetId, ip: clientIp(c) });
  // Shown once, on this response only; it is never stored in clear.
  c.header('Cache-Control', 'no-store');
  return staffDetail(c, staff.communityId, staff.id, { notice: c.var.t('admin.resetDone', { name: done.name, password: done.password }) });
});

adminRoutes.post('/admin/queue-test', async (c) => {
  const { db, jobs } = c.var.deps;
  const id = await db.transaction(async (tx) => {
    const outboxId = await recordJob(tx, 'diagnostics.echo', { message: `admin ${c.var.user!.id}`, delayMs: 0 });
    await recordAudit(tx, { actorUserId: c.var.user!.id, action: 'queue.test', targetType: 'job', targetId: outboxId, ip: clientIp(c) });
    return outboxId;
  });
  await jobs.dispatch([id]);
  return adminHome(c, c.var.t('admin.queueTestDone', { id }));
});
