// "按此版本,上月将发放 X 分(实际发放 Y 分)": last calendar month's award transfers of a community, replayed in order
// through the pure evaluator under a draft rule set — same requested amounts, the draft's ranges, caps and budget.
// Y is the plain sum of those transfers; nothing is written.
import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { pointTransfers } from '../../db/schema';
import { localClock } from '../points/clock';
import { evaluateAward, type Contribution } from '../points/evaluate-award';
import type { StaffScope } from '../auth/staff-scope';
import { judgeRuleSetForm } from './open-rule-set-editor';
import type { RuleSetBody } from './rule-set-schema';

export interface PreviewLine {
  /** The transfer's rule: 'category:tip.fire_hazard', 'patrol', 'outcome_bonus', … */
  rule: string;
  /** Category label (draft's, else the base version's); null for the other rules (the view names them). */
  label: string | null;
  count: number;
  actual: number;
  draft: number;
  /** Transfers the draft would not pay at all (category removed, cap or budget reached). */
  refused: number;
}

export interface RuleSetPreview {
  /** The month replayed, e.g. '2026-10'. */
  period: string;
  count: number;
  actual: number;
  draft: number;
  refused: number;
  /** Awards whose amount would be above the draft's second-approver threshold. */
  needsSecondApprover: number;
  /** Transfers whose reason could not be replayed (kept at their actual amount). */
  kept: number;
  lines: PreviewLine[];
}

interface Reason {
  rule?: string;
  requested?: number;
  source?: { type?: string; id?: number | string; start?: string; end?: string; hours?: number };
}

/** The calendar month before `now`'s, in the given zone: [start, end) instants and its 'YYYY-MM'. */
export function lastMonth(now: Date, timeZone: string) {
  const thisMonth = localClock(now, timeZone);
  const prev = localClock(new Date(thisMonth.monthStart.getTime() - 1), timeZone);
  return { period: prev.period, start: prev.monthStart, end: thisMonth.monthStart };
}

export async function previewRuleSet(
  db: DbOrTx,
  o: { communityId: number; draft: RuleSetBody; base?: RuleSetBody; now?: Date; timeZone: string },
): Promise<RuleSetPreview> {
  const month = lastMonth(o.now ?? new Date(), o.timeZone);
  const rows = await db
    .select({ key: pointTransfers.idempotencyKey, to: pointTransfers.toAccountId, amount: pointTransfers.amount, reason: pointTransfers.reason, at: pointTransfers.createdAt })
    .from(pointTransfers)
    .where(and(eq(pointTransfers.communityId, o.communityId), eq(pointTransfers.kind, 'award'), gte(pointTransfers.createdAt, month.start), lt(pointTransfers.createdAt, month.end)))
    .orderBy(asc(pointTransfers.createdAt), asc(pointTransfers.id));

  // Outcome bonuses are a percentage of the matter's own award: replayed when it was paid in the same month, else as paid.
  const inMonth = new Set(rows.map((r) => r.key));
  const baseKeys = [...new Set(rows.map((r) => outcomeBaseKey(r.reason as Reason)).filter((k): k is string => k !== null && !inMonth.has(k)))];
  const earlier = baseKeys.length
    ? await db.select({ key: pointTransfers.idempotencyKey, amount: pointTransfers.amount }).from(pointTransfers).where(inArray(pointTransfers.idempotencyKey, baseKeys))
    : [];
  const baseAmount = new Map(earlier.map((r) => [r.key, r.amount]));

  const result: RuleSetPreview = { period: month.period, count: 0, actual: 0, draft: 0, refused: 0, needsSecondApprover: 0, kept: 0, lines: [] };
  const lines = new Map<string, PreviewLine>();
  const totals = new Map<string, number>();
  const add = (k: string, n: number) => totals.set(k, (totals.get(k) ?? 0) + n);
  const labels = new Map([...(o.base?.categories ?? []), ...o.draft.categories].map((c) => [c.key, c.label]));

  for (const row of rows) {
    const reason = (row.reason ?? {}) as Reason;
    const rule = reason.rule ?? 'unknown';
    const day = localClock(row.at, o.timeZone).day;
    const contribution = toContribution(reason, o.timeZone, (key) => baseAmount.get(key));
    let amount = row.amount;
    let refused = false;
    if (contribution) {
      const ev = evaluateAward({
        rules: o.draft,
        contribution,
        requested: typeof reason.requested === 'number' ? reason.requested : undefined,
        totals: { today: totals.get(`d|${row.to}|${day}`) ?? 0, thisMonth: totals.get(`m|${row.to}`) ?? 0, activityToday: totals.get(`a|${row.to}|${day}`) ?? 0 },
        fundRemaining: o.draft.budget.points - result.draft,
      });
      refused = ev.refused !== undefined;
      amount = refused ? 0 : ev.amount;
      if (ev.needsSecondApprover && !refused) result.needsSecondApprover++;
    } else {
      result.kept++;
    }
    add(`d|${row.to}|${day}`, amount);
    add(`m|${row.to}`, amount);
    if (rule === 'volunteer_activity') add(`a|${row.to}|${day}`, amount);
    if (rule.startsWith('category:')) baseAmount.set(row.key, amount);

    result.count++;
    result.actual += row.amount;
    result.draft += amount;
    if (refused) result.refused++;
    let line = lines.get(rule);
    if (!line) {
      line = { rule, label: rule.startsWith('category:') ? (labels.get(rule.slice(9)) ?? rule.slice(9)) : null, count: 0, actual: 0, draft: 0, refused: 0 };
      lines.set(rule, line);
    }
    line.count++;
    line.actual += row.amount;
    line.draft += amount;
    if (refused) line.refused++;
  }
  result.lines = [...lines.values()].sort((a, b) => b.actual - a.actual || a.rule.localeCompare(b.rule));
  return result;
}

function outcomeBaseKey(r: Reason): string | null {
  return r.rule === 'outcome_bonus' && r.source?.type === 'submission' && r.source.id != null ? `award:submission:${r.source.id}` : null;
}

/** The evaluator's view of a paid award, rebuilt from its stored reason; null when the reason cannot be replayed. */
function toContribution(r: Reason, timeZone: string, base: (key: string) => number | undefined): Contribution | null {
  const rule = r.rule ?? '';
  if (rule.startsWith('category:')) return { kind: 'category', categoryKey: rule.slice('category:'.length) };
  switch (rule) {
    case 'wish_fulfilment':
    case 'mediation':
    case 'duplicate_confirmation':
      return { kind: rule };
    case 'outcome_bonus': {
      const key = outcomeBaseKey(r);
      const amount = key === null ? undefined : base(key);
      return amount === undefined ? null : { kind: 'outcome_bonus', baseAmount: amount };
    }
    case 'patrol': {
      const start = new Date(r.source?.start ?? '');
      const end = new Date(r.source?.end ?? '');
      return Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) ? null : { kind: 'patrol', start, end, timeZone };
    }
    case 'volunteer_activity':
      return typeof r.source?.hours === 'number' ? { kind: 'activity', hours: r.source.hours } : null;
    default:
      return null;
  }
}

/** The editor's 预览: the posted draft is judged like a save (same refusals), then replayed; nothing is written. */
export async function previewRuleSetForm(
  db: DbOrTx,
  input: { scope: StaffScope; communityId: number; form: Record<string, string>; now?: Date; timeZone: string },
): Promise<RuleSetPreview> {
  const { editor, body } = await judgeRuleSetForm(db, input);
  return previewRuleSet(db, { communityId: editor.community.id, draft: body, base: editor.from.body, now: input.now, timeZone: input.timeZone });
}
