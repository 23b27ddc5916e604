// What an award is for, and the idempotency key that makes each matter payable once.
import type { Contribution } from './evaluate-award';

export type AwardContribution =
  /** A tip or wish by its category, paid to the author (anonymous authors too). */
  | { kind: 'submission'; submissionId: number }
  /** The resident who fulfilled a wish. */
  | { kind: 'wish_fulfilment'; submissionId: number; recipientUserId: number }
  /** A resident who mediated the dispute an item reported. */
  | { kind: 'mediation'; submissionId: number; recipientUserId: number }
  /** The author of an item confirmed as a duplicate (it corroborated the first report). */
  | { kind: 'duplicate_confirmation'; submissionId: number }
  /** The author, once the item is resolved and rated: a percentage of the matter's original award. */
  | { kind: 'outcome_bonus'; submissionId: number }
  | { kind: 'patrol'; shiftId: string | number; recipientUserId: number; start: Date; end: Date }
  | { kind: 'activity'; activityId: string | number; recipientUserId: number; hours: number };

export interface AwardInput {
  /** The community the approving staff member manages; an item of another community is refused. */
  communityId: number;
  approverUserId: number;
  /** Needed above the rule set's second_approver_above; without it the award waits in point_award_requests. */
  secondApproverUserId?: number | null;
  contribution: AwardContribution;
  /** Requested points for range rules (categories, wish fulfilment, mediation); omitted = the rule's default. Validated strictly. */
  amount?: unknown;
  note?: string;
  /** Distinguishes awards when the rule set allows more than one reward per matter. */
  requestKey?: string;
  now?: Date;
  timeZone?: string;
}

export const submissionAwardKey = (submissionId: number) => `award:submission:${submissionId}`;

export function awardKey(c: AwardContribution, onePerMatter: boolean, extra: string): string {
  switch (c.kind) {
    case 'submission':
      return onePerMatter ? submissionAwardKey(c.submissionId) : `${submissionAwardKey(c.submissionId)}:${extra}`;
    case 'wish_fulfilment':
      return `award:wish_fulfilment:${c.submissionId}`;
    case 'mediation':
      return `award:mediation:${c.submissionId}:${c.recipientUserId}`;
    case 'duplicate_confirmation':
      return `award:duplicate:${c.submissionId}`;
    case 'outcome_bonus':
      return `award:outcome:${c.submissionId}`;
    case 'patrol':
      return `award:patrol:${c.shiftId}:${c.recipientUserId}`;
    case 'activity':
      return `award:activity:${c.activityId}:${c.recipientUserId}`;
  }
}

/** The pure evaluator's view of the contribution. */
export function toContribution(c: AwardContribution, ctx: { categoryKey: string | null; baseAward: number | null; timeZone: string }): Contribution {
  switch (c.kind) {
    case 'submission':
      return { kind: 'category', categoryKey: ctx.categoryKey ?? '' };
    case 'outcome_bonus':
      return { kind: 'outcome_bonus', baseAmount: ctx.baseAward ?? 0 };
    case 'patrol':
      return { kind: 'patrol', start: c.start, end: c.end, timeZone: ctx.timeZone };
    case 'activity':
      return { kind: 'activity', hours: c.hours };
    default:
      return { kind: c.kind };
  }
}

/** JSON-safe copy for a pending request (dates as ISO strings). */
export const contributionJson = (c: AwardContribution) =>
  JSON.parse(JSON.stringify(c, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))) as Record<string, unknown>;
