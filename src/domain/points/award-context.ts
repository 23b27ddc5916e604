// ONE statement loads everything an award needs to be judged (item, rule set, approvers, recipient), locks the
// resident's account (or, for the optimistic award, notes its row version) and reads what the caps need; wrong
// awards are refused before anything is written. A batch (group commit) runs the same statement once per input row
// of a JSON recordset: loadAwardContexts.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { SubmissionStatus } from '../../db/schema';
import { AppError } from '../errors';
import { knownRuleSetStamps, ruleSetBodyFromRead } from '../rules/rule-set-body';
import type { RuleSetBody } from '../rules/rule-set-schema';
import type { AwardInput } from './award-input';
import { submissionAwardKey } from './award-input';
import type { LocalClock } from './clock';
import { statement } from './ledger-sql';
import { awardTotals, toState, type ResidentState } from './resident-state';

export interface AwardContext {
  ruleSet: { id: number; version: number; body: RuleSetBody };
  recipientUserId: number;
  /** Locked by the context statement (unless read with lock: false); null when the resident has no account yet. */
  residentAccountId: number | null;
  /**
   * The account row's version (xmin) that `state` was read from. Every transfer to or from the account updates its
   * cached balance, so an unchanged xmin at write time means the caps were judged on current totals.
   */
  residentXmin: string | null;
  awardKey: string;
  /**
   * Read in the same statement that took the lock. If another transaction changed the account while this one waited
   * for the lock, the statement's snapshot predates it: `state` is then null and must be read again under the lock.
   */
  state: ResidentState | null;
  /** The period's fund exists (else the award opens it). */
  fundReady: boolean;
  categoryKey: string | null;
  /** The matter's original award, for the outcome bonus. */
  baseAward: number | null;
  /** Anonymous authors stay hidden from staff: their id is kept out of the audit log. */
  anonymous: boolean;
  trackingNo: string | null;
}

interface Row {
  sid: number | null;
  s_community: number | null;
  author_user_id: number | null;
  status: SubmissionStatus | null;
  s_kind: 'tip' | 'wish' | null;
  category_key: string | null;
  rating: number | null;
  anonymous: boolean | null;
  tracking_no: string | null;
  rs_id: number | null;
  rs_version: number | null;
  rs_stamp: string | null;
  rs_body: string | null;
  recipient_id: number | null;
  recipient_kind: 'resident' | 'staff' | null;
  approver_ok: boolean;
  second_ok: boolean;
  resident_account_id: number | null;
  locked_xmin: string | null;
  snapshot_xmin: string | null;
  award_key: string;
  fund_ready: boolean;
  base_award: string | number | null;
}

const WORKED: readonly SubmissionStatus[] = ['accepted', 'routed', 'in_progress', 'resolved'];

const P = sql.placeholder;
/** How the context statement refers to an input value: a placeholder (one award) or a column of the inputs (a batch). */
type ValueRef = (name: string) => SQL;
const placeholder: ValueRef = (name) => sql`${P(name)}`;

/** Day and month windows as statement values (placeholders d0, d1, m0, m1 of awardTotals). */
const windowValues = (clock: LocalClock) => ({
  d0: clock.dayStart.toISOString(), d1: clock.dayEnd.toISOString(), m0: clock.monthStart.toISOString(), m1: clock.monthEnd.toISOString(),
});

const contextSql = (lock: boolean, v: ValueRef = placeholder) => sql`select s.id as sid, s.community_id as s_community, s.author_user_id, s.status, s.kind as s_kind, s.category_key,
      s.rating, s.anonymous, s.tracking_no, rs.id as rs_id, rs.version as rs_version, rs.created_at::text as rs_stamp,
      -- The body only when this process has not cached it (rule sets never change): see knownRuleSetStamps.
      case when rs.created_at::text = (${P('known')}::text::jsonb ->> rs.id::text) then null else rs.body::text end as rs_body,
      ru.id as recipient_id, ru.kind as recipient_kind,
      exists (select 1 from staff_roles r where r.user_id = ${v('approver')}::int and r.community_id = ${v('cid')}::int) as approver_ok,
      exists (select 1 from staff_roles r where r.user_id = ${v('second')}::int and r.community_id = ${v('cid')}::int) as second_ok,
      ra.id as resident_account_id, ra.xmin as locked_xmin,
      (select p.xmin::text from point_accounts p where p.id = ra.id) as snapshot_xmin,
      k.key as award_key, e.id as existing_id, e.amount as existing_amount, tot.today, tot.month, tot.activity_today,
      (select coalesce(sum(balance), 0) from point_accounts f where f.community_id = ${v('cid')}::int and f.kind = 'fund'
        and f.period = ${v('period')}::text) as fund_balance,
      exists (select 1 from point_accounts fa where fa.community_id = ${v('cid')}::int and fa.kind = 'fund' and fa.period = ${v('period')}::text
        and fa.slice = 0) as fund_ready,
      case when ${v('wantBase')}::boolean then (select t.amount from point_transfers t where t.idempotency_key = ${v('baseKey')}::text
        and not exists (select 1 from point_transfers v where v.settles_transfer_id = t.id and v.kind = 'reversal')) end as base_award
    from (select 1) as one
    left join submissions s on s.id = ${v('sid')}::int
    left join rule_sets rs on rs.id = coalesce(s.rule_set_id, (select id from rule_sets where community_id = ${v('cid')}::int
      and effective_from <= ${v('day')}::date order by version desc limit 1))
    left join users ru on ru.id = coalesce(${v('recipient')}::int, s.author_user_id)
    left join lateral (select pa.id, pa.xmin::text as xmin from point_accounts pa
      where pa.community_id = ${v('cid')}::int and pa.kind = 'resident' and pa.owner_user_id = ru.id ${lock ? sql`for no key update` : sql``}) ra on true
    cross join lateral (select case when coalesce((rs.body->>'one_reward_per_matter')::boolean, true)
      then ${v('k1')}::text else ${v('k2')}::text end as key) k
    left join point_transfers e on e.idempotency_key = k.key
    cross join lateral ${awardTotals(sql`ra.id`, v)} tot`;
const lockingContext = statement<Row & Record<string, string | number | null>>(() => contextSql(true));
const readingContext = statement<Row & Record<string, string | number | null>>(() => contextSql(false));

export async function loadAwardContext(
  tx: DbOrTx,
  input: AwardInput,
  clock: LocalClock,
  /** The matter's key if the rule set pays once per matter, and otherwise. */
  keys: { onePerMatter: string; perRequest: string },
  /** false: read only (the optimistic award checks the row version when it writes). */
  opts: { lock: boolean } = { lock: true },
): Promise<AwardContext> {
  const [row] = await (opts.lock ? lockingContext : readingContext)(tx, { ...contextValues(input, clock, keys), known: knownRuleSetStamps() });
  return contextFrom(input, row, await bodyOf(tx, row));
}

export interface ContextRequest {
  input: AwardInput;
  clock: LocalClock;
  keys: { onePerMatter: string; perRequest: string };
}

/** The column list of the inputs of a batch read: every value the context statement refers to, by name. */
const INPUT_COLUMNS = sql.raw(
  '"ord" int, "approver" int, "second" int, "cid" int, "period" text, "day" date, "wantBase" boolean, "baseKey" text, "sid" int, ' +
    '"recipient" int, "k1" text, "k2" text, "d0" timestamptz, "d1" timestamptz, "m0" timestamptz, "m1" timestamptz',
);
const batchContext = statement<Row & { ord: number } & Record<string, string | number | null>>(
  () => sql`select inp.ord, ctx.* from jsonb_to_recordset(${P('inputs')}::text::jsonb) as inp(${INPUT_COLUMNS})
    cross join lateral (${contextSql(false, (name) => sql`inp.${sql.identifier(name)}`)}) ctx`,
);

/**
 * The contexts of several awards in ONE statement, read without locks (the batch write checks each resident's row
 * version, like the optimistic award): each the context, or the refusal its checks gave, in input order.
 */
export async function loadAwardContexts(tx: DbOrTx, requests: readonly ContextRequest[]): Promise<(AwardContext | AppError)[]> {
  const inputs = requests.map((r, ord) => ({ ord, ...contextValues(r.input, r.clock, r.keys) }));
  const rows = await batchContext(tx, { inputs: JSON.stringify(inputs), known: knownRuleSetStamps() });
  const byOrd = new Map(rows.map((r) => [Number(r.ord), r]));
  const out: (AwardContext | AppError)[] = [];
  for (const [ord, r] of requests.entries()) {
    const row = byOrd.get(ord)!;
    try {
      out.push(contextFrom(r.input, row, await bodyOf(tx, row)));
    } catch (err) {
      if (err instanceof AppError) out.push(err);
      else throw err;
    }
  }
  return out;
}

function contextValues(input: AwardInput, clock: LocalClock, keys: { onePerMatter: string; perRequest: string }) {
  const c = input.contribution;
  const sid = 'submissionId' in c ? c.submissionId : null;
  return {
    approver: input.approverUserId, second: input.secondApproverUserId ?? null, cid: input.communityId, period: clock.period, day: clock.day,
    wantBase: c.kind === 'outcome_bonus', baseKey: sid === null ? null : submissionAwardKey(sid), sid,
    recipient: 'recipientUserId' in c ? c.recipientUserId : null, k1: keys.onePerMatter, k2: keys.perRequest, ...windowValues(clock),
  };
}

/** The rule set's body: cached per process, validated once; read again only if the cache changed meanwhile. */
async function bodyOf(tx: DbOrTx, row: Row): Promise<RuleSetBody | null> {
  if (row.rs_id === null || row.rs_stamp === null) return null;
  return ruleSetBodyFromRead(tx, row.rs_id, row.rs_stamp, row.rs_body);
}

/** Judges the statement's row: refusals (AppError) for a wrong award, else the context. */
function contextFrom(input: AwardInput, row: Row & Record<string, string | number | null>, body: RuleSetBody | null): AwardContext {
  const c = input.contribution;
  const sid = 'submissionId' in c ? c.submissionId : null;
  const cid = input.communityId;
  // Another community's item reads as "not found": staff cannot probe other communities.
  if (sid !== null && (row.sid === null || row.s_community !== cid)) throw new AppError('not_found', 'points.err.matterNotFound');
  if (!row.approver_ok) throw new AppError('forbidden', 'points.err.notStaff');
  if (row.author_user_id !== null && row.author_user_id === input.approverUserId) throw new AppError('forbidden', 'points.err.ownSubmission');
  if (row.recipient_id !== null && row.recipient_id === input.approverUserId) throw new AppError('forbidden', 'points.err.selfAward');
  const second = input.secondApproverUserId;
  if (second != null && (!row.second_ok || second === input.approverUserId || second === row.recipient_id || second === row.author_user_id)) {
    throw new AppError('forbidden', 'points.err.secondApproverSame');
  }
  if (row.recipient_kind !== 'resident') throw new AppError('validation', 'points.err.notResident');
  if (row.rs_id === null || body === null) throw new AppError('unavailable', 'rules.err.none');
  checkStatus(input, row);
  return {
    ruleSet: { id: row.rs_id, version: Number(row.rs_version), body },
    recipientUserId: row.recipient_id as number,
    residentAccountId: row.resident_account_id,
    residentXmin: row.locked_xmin,
    awardKey: row.award_key,
    state: row.resident_account_id !== null && row.locked_xmin === row.snapshot_xmin ? toState(row) : null,
    fundReady: row.fund_ready,
    categoryKey: row.category_key,
    baseAward: row.base_award === null ? null : Number(row.base_award),
    anonymous: row.anonymous === true,
    trackingNo: row.tracking_no,
  };
}

function checkStatus(input: AwardInput, row: Row): void {
  const status = row.status;
  switch (input.contribution.kind) {
    case 'submission':
    case 'mediation':
      if (!status || !WORKED.includes(status)) throw new AppError('conflict', 'points.err.statusNotEligible');
      return;
    case 'wish_fulfilment':
      if (row.s_kind !== 'wish') throw new AppError('validation', 'points.err.notWish');
      if (!status || !WORKED.includes(status)) throw new AppError('conflict', 'points.err.statusNotEligible');
      return;
    case 'duplicate_confirmation':
      if (status !== 'duplicate') throw new AppError('conflict', 'points.err.statusNotEligible');
      return;
    case 'outcome_bonus':
      if (status !== 'resolved' || row.rating === null) throw new AppError('conflict', 'points.err.notRated');
      if (row.base_award === null) throw new AppError('conflict', 'points.err.noBaseAward');
      return;
    default:
      return;
  }
}
