// The demo community's 积分超市: everyday goods and 公益课程 (with sessions in the coming weeks) created through the
// catalog use cases as clerk.sun, and — with the demo activity — a few past redemptions by residents who earned points
// (collected, waiting, cancelled), through redeem / hand-over / cancel with `now` set to when they happened.
// Idempotent: a community that already has a catalog is left alone.
import { and, desc, eq, gte } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { pointAccounts, rewardItems, users } from '../../db/schema';
import { loadStaffScope } from '../../domain/auth/staff-scope';
import { localClock } from '../../domain/points/clock';
import { addSession } from '../../domain/rewards/catalog/add-session';
import { saveItem } from '../../domain/rewards/catalog/save-item';
import { cancelVoucher } from '../../domain/rewards/cancel-voucher';
import { handOver } from '../../domain/rewards/hand-over';
import { redeem } from '../../domain/rewards/redeem';

const TZ = 'Asia/Shanghai';
const DAY = 86_400_000;
const COUNTER = '社区党群服务中心一楼积分超市,周一至周六 9:00–17:00';

const GOODS = [
  { name: '大米 5 kg', description: '东北大米,5 公斤装', price: 120, stock: 30, monthlyLimit: 1 },
  { name: '食用油 5 L', description: '非转基因菜籽油', price: 100, stock: 24, monthlyLimit: 1 },
  { name: '洗衣液 2 kg', description: '', price: 40, stock: 60, monthlyLimit: 2 },
  { name: '抽纸 10 包', description: '', price: 20, stock: 0, monthlyLimit: null },
];

const COURSES = [
  { name: '书法课', description: '硬笔、毛笔入门,笔墨纸由社区提供', price: 30, place: '社区活动室 201', seats: 15, start: '09:30', end: '11:00', days: [3, 10, 17] },
  { name: '智能手机使用课', description: '专为老年朋友开设:视频通话、健康码、防诈骗', price: 10, place: '社区老年活动中心', seats: 20, start: '14:30', end: '16:00', days: [2, 9] },
  { name: '少儿编程', description: '8–12 岁,图形化编程入门,家长陪同', price: 50, place: '社区图书室', seats: 12, start: '10:00', end: '11:30', days: [6, 13] },
];

export async function seedDemoRewards(db: Db, o: { communityId: number; redemptions: boolean; now?: Date }): Promise<{ items: number; redemptions: number }> {
  const [any] = await db.select({ id: rewardItems.id }).from(rewardItems).where(eq(rewardItems.communityId, o.communityId)).limit(1);
  if (any) return { items: 0, redemptions: 0 };
  const now = o.now ?? new Date();
  const [clerk] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'clerk.sun'));
  if (!clerk) return { items: 0, redemptions: 0 };
  const base = { communityId: o.communityId, actorUserId: clerk.id, timeZone: TZ, now };
  const goods = [];
  for (const g of GOODS) {
    goods.push(await saveItem(db, { ...base, form: { kind: 'goods', name: g.name, description: g.description, price: String(g.price), stock: String(g.stock), monthlyLimit: g.monthlyLimit ? String(g.monthlyLimit) : '', pickup: COUNTER } }));
  }
  const today = localClock(now, TZ);
  const sessions = [];
  for (const k of COURSES) {
    const item = await saveItem(db, { ...base, form: { kind: 'course', name: k.name, description: k.description, price: String(k.price), pickup: k.place } });
    for (const d of k.days) {
      const date = localClock(new Date(today.dayStart.getTime() + d * DAY + 12 * 3600_000), TZ).day;
      sessions.push({ item, session: await addSession(db, { ...base, itemId: item.id, form: { date, start: k.start, end: k.end, place: k.place, seats: String(k.seats) } }) });
    }
  }
  if (!o.redemptions) return { items: GOODS.length + COURSES.length, redemptions: 0 };
  // Residents who earned enough in the demo month, richest first (deterministic: ties by id).
  const rich = await db
    .select({ userId: pointAccounts.ownerUserId, balance: pointAccounts.balance })
    .from(pointAccounts)
    .where(and(eq(pointAccounts.communityId, o.communityId), eq(pointAccounts.kind, 'resident'), gte(pointAccounts.balance, 40)))
    .orderBy(desc(pointAccounts.balance), pointAccounts.id)
    .limit(5);
  const scope = await loadStaffScope(db, clerk.id);
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3600_000);
  const r = { ...base, validDays: 14 };
  let n = 0;
  const plan: { goods: number; hoursAgo: number; then: 'hand_over' | 'cancel' | 'wait' }[] = [
    { goods: 2, hoursAgo: 50, then: 'hand_over' }, { goods: 0, hoursAgo: 30, then: 'hand_over' }, { goods: 2, hoursAgo: 20, then: 'cancel' }, { goods: 1, hoursAgo: 5, then: 'wait' },
  ];
  for (const [i, who] of rich.entries()) {
    const p = plan[i % plan.length];
    // The planned item, else the 洗衣液 most demo earners can afford.
    const item = who.balance >= goods[p.goods].price ? goods[p.goods] : goods[2];
    if (who.balance < item.price || !who.userId) continue;
    const v = await redeem(db, { ...r, userId: who.userId, itemId: item.id, now: at(p.hoursAgo) }).catch(() => null);
    if (!v) continue;
    n++;
    if (p.then === 'hand_over') await handOver(db, { actorUserId: clerk.id, scope, voucherId: v.voucherId, timeZone: TZ, now: at(p.hoursAgo - 2) });
    if (p.then === 'cancel') await cancelVoucher(db, { userId: who.userId, voucherId: v.voucherId, now: at(p.hoursAgo - 1) });
  }
  // One course seat booked by the first of them, so the attendance list is not empty.
  const first = rich[0];
  if (first?.userId && sessions[0]) {
    if (await redeem(db, { ...r, userId: first.userId, itemId: sessions[0].item.id, sessionId: sessions[0].session.id, now: at(3) }).catch(() => null)) n++;
  }
  return { items: GOODS.length + COURSES.length, redemptions: n };
}
