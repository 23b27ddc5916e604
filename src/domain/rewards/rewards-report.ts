// 兑换统计 for community admins: redemptions by item and by local month, points spent (posted to the redemption sink)
// next to points issued (awards), and the same rows as an Excel-ready CSV (audited like every export).
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { managedCommunity } from '../communities/managed-community';
import { toCsv } from '../csv/stringify';
import { query } from '../points/ledger-sql';

export interface ReportRow {
  month: string;
  item: string;
  redemptions: number;
  handedOver: number;
  pointsSpent: number;
}

export interface RewardsReport {
  community: { id: number; name: string };
  rows: ReportRow[];
  byItem: Omit<ReportRow, 'month'>[];
  byMonth: { month: string; redemptions: number; handedOver: number; pointsSpent: number; pointsIssued: number }[];
}

export async function rewardsReport(db: DbOrTx, o: { scope: StaffScope; communityId: number; timeZone: string }): Promise<RewardsReport> {
  const community = await managedCommunity(db, o.scope, o.communityId);
  const tz = o.timeZone;
  // Cancelled and expired vouchers are not redemptions; a forfeited no-show is (its points were spent).
  const rows = await query<{ month: string; item: string; redemptions: string; handed_over: string; spent: string }>(
    db,
    sql`select to_char(v.created_at at time zone ${tz}, 'YYYY-MM') as month, i.name as item, count(*) as redemptions,
               count(*) filter (where v.status = 'handed_over') as handed_over,
               coalesce(sum(s.amount) filter (where s.kind = 'post'), 0) as spent
        from reward_vouchers v join reward_items i on i.id = v.item_id
        left join point_transfers s on s.id = v.settle_transfer_id
        where v.community_id = ${community.id} and v.status not in ('cancelled', 'expired')
        group by 1, 2 order by 1 desc, 2`,
  );
  const issued = await query<{ month: string; issued: string }>(
    db,
    sql`select to_char(created_at at time zone ${tz}, 'YYYY-MM') as month, sum(amount) as issued
        from point_transfers where community_id = ${community.id} and kind = 'award' group by 1`,
  );
  const list: ReportRow[] = rows.map((r) => ({ month: r.month, item: r.item, redemptions: Number(r.redemptions), handedOver: Number(r.handed_over), pointsSpent: Number(r.spent) }));
  const byItem = new Map<string, Omit<ReportRow, 'month'>>();
  const byMonth = new Map<string, RewardsReport['byMonth'][number]>();
  const monthOf = (m: string) => byMonth.get(m) ?? (byMonth.set(m, { month: m, redemptions: 0, handedOver: 0, pointsSpent: 0, pointsIssued: 0 }), byMonth.get(m)!);
  for (const r of list) {
    const i = byItem.get(r.item) ?? { item: r.item, redemptions: 0, handedOver: 0, pointsSpent: 0 };
    i.redemptions += r.redemptions; i.handedOver += r.handedOver; i.pointsSpent += r.pointsSpent;
    byItem.set(r.item, i);
    const m = monthOf(r.month);
    m.redemptions += r.redemptions; m.handedOver += r.handedOver; m.pointsSpent += r.pointsSpent;
  }
  for (const r of issued) monthOf(r.month).pointsIssued = Number(r.issued);
  return {
    community: { id: community.id, name: community.name }, rows: list,
    byItem: [...byItem.values()].sort((a, b) => b.redemptions - a.redemptions),
    byMonth: [...byMonth.values()].sort((a, b) => b.month.localeCompare(a.month)),
  };
}

const COLUMNS = [
  { key: 'month', zh: '月份' }, { key: 'item', zh: '兑换品' }, { key: 'redemptions', zh: '兑换数' },
  { key: 'handedOver', zh: '已领取' }, { key: 'pointsSpent', zh: '消耗积分' },
];

export async function exportRewardsCsv(db: DbOrTx, o: { scope: StaffScope; communityId: number; timeZone: string; actorUserId: number; ip?: string }) {
  const report = await rewardsReport(db, o);
  await recordAudit(db, { actorUserId: o.actorUserId, communityId: report.community.id, action: 'export.rewards', targetType: 'community', targetId: report.community.id, after: { rows: report.rows.length }, ip: o.ip ?? null });
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  return { fileName: `${report.community.name}-兑换统计-${day}.csv`, body: toCsv(COLUMNS, report.rows as unknown as Record<string, string | number>[]) };
}
