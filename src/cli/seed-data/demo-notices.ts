// Demo mode only: two current announcements (a 温馨提示 for the whole community and a 警情通报) delivered to residents'
// inboxes, and the report and ranking rollups computed, so /staff/reports, /rank/… and the scan page show them at once.
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { announcementGrids, announcements, communities, grids, users } from '../../db/schema';
import { deliverAnnouncement } from '../../domain/announcements/deliver-announcement';
import { refreshRollups } from '../../domain/reports/refresh-rollups';
import { DEMO_COMMUNITY_CODE } from './demo-activity';

const DAY = 86_400_000;

export async function seedDemoNotices(database: Database, opts: { now?: Date; timeZone?: string } = {}) {
  const db = database.db;
  const now = opts.now ?? new Date();
  const [community] = await db.select({ id: communities.id }).from(communities).where(eq(communities.code, DEMO_COMMUNITY_CODE));
  if (!community) return;
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'admin'));
  const [police] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'police.liu'));
  const [grid1] = await db.select({ id: grids.id }).from(grids).where(and(eq(grids.communityId, community.id), eq(grids.code, '510105017003001')));
  const rows = await db
    .insert(announcements)
    .values([
      {
        communityId: community.id, kind: 'police', createdBy: (police ?? admin).id, publishAt: new Date(now.getTime() - 2 * DAY), expiresAt: new Date(now.getTime() + 12 * DAY),
        title: '警惕冒充快递客服的退款诈骗',
        body: '近期辖区接到多起冒充快递客服、以“丢件理赔”为由诱导转账的诈骗。快递理赔不会要求您下载软件或共享屏幕,遇到可疑电话请挂断并拨打 96110 咨询。',
      },
      {
        communityId: community.id, kind: 'notice', createdBy: admin.id, publishAt: new Date(now.getTime() - DAY), expiresAt: new Date(now.getTime() + 6 * DAY),
        title: '清波小区一网格 周四上午停水',
        body: '因二次供水设备检修,本周四 9:00–12:00 清波小区 1–3 栋停水,请提前储水。给您带来不便,敬请谅解。',
      },
    ])
    .returning({ id: announcements.id, kind: announcements.kind });
  const notice = rows.find((r) => r.kind === 'notice');
  if (notice && grid1) await db.insert(announcementGrids).values({ announcementId: notice.id, gridId: grid1.id });
  for (const r of rows) await deliverAnnouncement(db, { announcementId: r.id, now });
  await refreshRollups(db, { timeZone: opts.timeZone ?? 'Asia/Shanghai', now, communityId: community.id });
}
