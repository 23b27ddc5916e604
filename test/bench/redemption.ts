// Holds per second on one hot item at 64 concurrent redemptions (redeem: ledger hold on the resident's lots, the
// conditional stock UPDATE, the voucher, one transaction), next to the floor any redemption costs — a raw postgres.js
// transaction doing the conditional UPDATE … WHERE stock > 0 and one ledger-shaped insert — on the same database, in
// the same run, with the same pool size. More attempts than units: the run also proves nothing is oversold.
import postgres from 'postgres';
import { eq, sql } from 'drizzle-orm';
import { rewardItems, rewardVouchers, users } from '../../src/db/schema';
import { AppError } from '../../src/domain/errors';
import { query } from '../../src/domain/points/ledger-sql';
import { generateResidents } from '../../src/domain/places/generate-residents';
import { redeem } from '../../src/domain/rewards/redeem';
import { reconcileRewards } from '../../src/domain/rewards/reconcile-rewards';
import { makeCommunity } from '../helpers/builders';
import { creditPoints, makeGoods } from '../helpers/rewards';
import { result } from './format';
import { withTempDatabase } from './temp-db';

const STOCK = Number(process.env.BENCH_STOCK ?? 2000);
/** A fifth more attempts than units: the last ones meet an empty shelf. */
const ATTEMPTS = Math.round(STOCK * 1.2);
const WARM = 200;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
/** Both sides get the app's default pool size. */
const POOL = Number(process.env.BENCH_POOL ?? 10);
const TARGET = { holdsPerSecond: 500, ratio: 0.5 };

/** Runs `n` calls with CONCURRENCY in flight; returns successes and elapsed seconds (refusals counted apart). */
async function timed(n: number, fn: (i: number) => Promise<boolean>): Promise<{ ok: number; refused: number; seconds: number }> {
  let next = 0;
  let ok = 0;
  let refused = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) {
        if (await fn(next++)) ok++;
        else refused++;
      }
    }),
  );
  return { ok, refused, seconds: (performance.now() - started) / 1000 };
}

export async function benchRedemption() {
  return withTempDatabase(async (database, url) => {
    const db = database.db;
    const community = await makeCommunity(db);
    await generateResidents(db, { communityId: community.id, count: ATTEMPTS + WARM });
    const residents = (await db.select({ id: users.id }).from(users).where(sql`kind = 'resident'`).orderBy(users.id)).map((r) => r.id);
    await creditPoints(db, community.id, residents, 100);
    const warmItem = await makeGoods(db, community.id, { name: '预热', price: 100, stock: WARM });
    const hot = await makeGoods(db, community.id, { name: '大米 5 kg', price: 100, stock: STOCK });
    const attempt = (itemId: number, userId: number) =>
      redeem(db, { communityId: community.id, userId, itemId, validDays: 14, timeZone: 'Asia/Shanghai' }).then(
        () => true,
        (err: unknown) => {
          if (err instanceof AppError && err.msg.key === 'rewards.err.soldOut') return false;
          throw err;
        },
      );
    await timed(WARM, (i) => attempt(warmItem.id, residents[i]));
    const domain = await timed(ATTEMPTS, (i) => attempt(hot.id, residents[WARM + i]));
    // Checked before the baseline, whose items lose units without vouchers by design.
    const differences = await reconcileRewards(db, { communityId: community.id });

    // Baseline: the conditional stock update and one ledger-shaped row (same columns and indexes), nothing else.
    const base = await makeGoods(db, community.id, { name: '基线', price: 100, stock: STOCK });
    await db.execute(sql`create table bench_transfers (like point_transfers including defaults including constraints including indexes)`);
    const [acct] = await query<{ id: number }>(db, sql`select id from point_accounts where community_id = ${community.id} and kind = 'resident' limit 1`);
    const raw = postgres(url, { max: POOL, onnotice: () => {} });
    const one = (i: number, itemId: number) =>
      raw.begin(async (tx) => {
        const took = await tx`update reward_items set stock = stock - 1 where id = ${itemId} and stock > 0 returning stock`;
        if (!took.length) return false;
        await tx`insert into bench_transfers (community_id, kind, from_account_id, to_account_id, amount, idempotency_key, reason)
                 values (${community.id}, 'hold', ${acct.id}, ${acct.id + 1}, 100, ${`baseline:${itemId}:${i}`}, ${'{"rule":"hold"}'}::jsonb)`;
        return true;
      });
    const warmBase = await makeGoods(db, community.id, { name: '基线预热', price: 100, stock: WARM });
    await timed(WARM, (i) => one(i, warmBase.id));
    const baseline = await timed(ATTEMPTS, (i) => one(i, base.id));
    await raw.end();

    const [left] = await db.select({ stock: rewardItems.stock }).from(rewardItems).where(eq(rewardItems.id, hot.id));
    const vouchers = (await db.select({ id: rewardVouchers.id }).from(rewardVouchers).where(eq(rewardVouchers.itemId, hot.id))).length;
    const oversold = left.stock! < 0 || vouchers !== STOCK || domain.ok !== STOCK || differences.length > 0;
    const value = Math.round(domain.ok / domain.seconds);
    const baselineValue = Math.round(baseline.ok / baseline.seconds);
    const ratio = Number((value / baselineValue).toFixed(2));
    if (oversold) console.error(JSON.stringify({ oversold: true, stockLeft: left.stock, vouchers, holds: domain.ok, differences: differences.slice(0, 5) }));
    return [
      result({
        scenario: 'redemption', value, unit: 'holds/s', baseline: baselineValue, ratio,
        target: `value>=${TARGET.holdsPerSecond} && ratio>=${TARGET.ratio} && !oversold`, ok: !oversold && value >= TARGET.holdsPerSecond && ratio >= TARGET.ratio,
        detail: { concurrency: CONCURRENCY, stock: STOCK, attempts: ATTEMPTS, refused: domain.refused, stock_left: left.stock, vouchers, oversold },
      }),
    ];
  }, { max: POOL });
}
