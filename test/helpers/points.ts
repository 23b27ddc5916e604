// Points test data: rule sets from the demo fixture (with overrides), bare submissions, and ledger invariant checks.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../src/db/client';
import { ruleSets, submissions, type SubmissionStatus } from '../../src/db/schema';
import { query } from '../../src/domain/points/ledger-sql';
import { reconcileBalances } from '../../src/domain/points/reconcile-balances';
import type { RuleSetBody } from '../../src/domain/rules/rule-set-schema';
import { ruleSetBodySchema } from '../../src/domain/rules/rule-set-schema';
import { makeCommunity, makeResident, makeStaff } from './builders';

const fixture = JSON.parse(readFileSync(new URL('../../src/cli/seed-data/demo-community.json', import.meta.url), 'utf8'));

export const demoRules = (): RuleSetBody => ruleSetBodySchema.parse(structuredClone(fixture.incentive_rules));

export async function makeRuleSet(db: DbOrTx, communityId: number, patch: (r: RuleSetBody) => void = () => {}, version = 1) {
  const body = demoRules();
  patch(body);
  const [row] = await db
    .insert(ruleSets)
    .values({ communityId, version, effectiveFrom: '2020-01-01', body: ruleSetBodySchema.parse(body) })
    .returning();
  return row;
}

export interface SubmissionOpts {
  communityId: number;
  authorUserId: number;
  ruleSetId: number;
  categoryKey?: string;
  status?: SubmissionStatus;
  rating?: number | null;
  anonymous?: boolean;
}

export async function makeSubmission(db: DbOrTx, o: SubmissionOpts) {
  const [row] = await makeSubmissions(db, [o]);
  return row;
}

/** Many at once (one INSERT), for the concurrency tests. */
export async function makeSubmissions(db: DbOrTx, list: SubmissionOpts[]) {
  return db
    .insert(submissions)
    .values(
      list.map((o) => {
        const categoryKey = o.categoryKey ?? 'tip.fire_hazard';
        const tag = randomBytes(6).toString('hex');
        return {
          communityId: o.communityId, trackingNo: `PT-${tag}`, kind: categoryKey.startsWith('wish.') ? ('wish' as const) : ('tip' as const),
          categoryKey, ruleSetId: o.ruleSetId, description: '楼道里堆满了杂物,存在消防隐患', authorUserId: o.authorUserId,
          anonymous: o.anonymous ?? false, status: o.status ?? 'accepted', idempotencyKey: tag, rating: o.rating ?? null,
          resolvedAt: o.status === 'resolved' ? new Date() : null,
        };
      }),
    )
    .returning();
}

/** A community with rules, two staff (approver and second approver) and `residents` residents. */
export async function makePointsWorld(db: DbOrTx, o: { residents?: number; rules?: (r: RuleSetBody) => void } = {}) {
  const community = await makeCommunity(db);
  const ruleSet = await makeRuleSet(db, community.id, o.rules);
  const approver = (await makeStaff(db, { communityId: community.id, role: 'grid_worker' })).user;
  const second = (await makeStaff(db, { communityId: community.id, role: 'community_admin' })).user;
  const residents = [];
  for (let i = 0; i < (o.residents ?? 3); i++) residents.push(await makeResident(db));
  return { community, ruleSet, approver, second, residents };
}

/** The ledger's invariants, checked from the database: what every test ends with. */
export async function ledgerInvariants(db: DbOrTx, communityId: number) {
  const report = await reconcileBalances(db, { communityId });
  const [r] = await query<{ negatives: string; fund_min: string | null; dup_keys: string; multi_settled: string }>(
    db,
    sql`select
          (select count(*) from point_accounts where community_id = ${communityId} and kind <> 'budget' and balance < 0) as negatives,
          (select min(balance) from point_accounts where community_id = ${communityId} and kind = 'fund') as fund_min,
          (select count(*) - count(distinct idempotency_key) from point_transfers where community_id = ${communityId}) as dup_keys,
          (select count(*) - count(distinct settles_transfer_id) from point_transfers where community_id = ${communityId} and settles_transfer_id is not null) as multi_settled`,
  );
  return {
    differences: report.differences,
    totalOfBalances: report.totalOfBalances,
    negatives: Number(r.negatives),
    fundMin: r.fund_min === null ? null : Number(r.fund_min),
    duplicateKeys: Number(r.dup_keys),
    multiSettled: Number(r.multi_settled),
  };
}
