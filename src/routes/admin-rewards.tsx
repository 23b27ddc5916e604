// 兑换统计 for community admins: the report page and its CSV export.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env';
import { attachmentHeader } from '../domain/csv/stringify';
import { exportRewardsCsv, rewardsReport } from '../domain/rewards/rewards-report';
import { requireStaff } from '../middleware/require-role';
import { RewardsReportPage } from '../../views/pages/admin/rewards-report';
import { render, viewCtx } from './render';

export const adminRewardsRoutes = new Hono<AppEnv>();
adminRewardsRoutes.use('/admin/rewards', requireStaff(['community_admin']));
adminRewardsRoutes.use('/admin/rewards/*', requireStaff(['community_admin']));

/** The community asked for, else the admin's first. */
const communityOf = (c: Context<AppEnv>) => {
  const q = c.req.query('community');
  const own = c.var.staffScope.filter((r) => r.role === 'community_admin').map((r) => r.communityId);
  return q && /^\d{1,9}$/.test(q) ? Number(q) : own[0];
};

adminRewardsRoutes.get('/admin/rewards', async (c) => {
  const report = await rewardsReport(c.var.deps.db, { scope: c.var.staffScope, communityId: communityOf(c), timeZone: c.var.deps.config.DISPLAY_TZ });
  return render(c, { title: c.var.t('report.title'), body: <RewardsReportPage v={viewCtx(c)} report={report} /> });
});

adminRewardsRoutes.get('/admin/rewards/export.csv', async (c) => {
  const out = await exportRewardsCsv(c.var.deps.db, { scope: c.var.staffScope, communityId: communityOf(c), timeZone: c.var.deps.config.DISPLAY_TZ, actorUserId: c.var.user!.id });
  return c.body(out.body, 200, {
    'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachmentHeader(out.fileName), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff',
  });
});
