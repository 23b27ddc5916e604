// Pure rules of an item's life: which status may follow which, what the resident sees, and when answers are due.
import type { SubmissionStatus } from '../../db/schema';
import type { RuleSetBody } from '../rules/rule-set-schema';

/** Allowed next statuses. The worker moves received → verifying → pending_review; staff decide from there. */
export const TRANSITIONS: Record<SubmissionStatus, readonly SubmissionStatus[]> = {
  received: ['verifying', 'pending_review'],
  verifying: ['pending_review'],
  pending_review: ['accepted', 'routed', 'in_progress', 'rejected', 'duplicate', 'resolved'],
  accepted: ['routed', 'in_progress', 'resolved'],
  routed: ['in_progress', 'resolved'],
  in_progress: ['routed', 'resolved'],
  // Reopening (within 7 days, by the author) sends the item back to work.
  resolved: ['in_progress'],
  rejected: [],
  duplicate: [],
};

export const canMove = (from: SubmissionStatus, to: SubmissionStatus) => TRANSITIONS[from].includes(to);

/** Statuses that end the resident's wait (their item has an answer). */
export const FINAL_STATUSES: readonly SubmissionStatus[] = ['resolved', 'rejected', 'duplicate'];

/** The fixed path shown as a progress line on the item page; branches (rejected, duplicate) replace its tail. */
export const TIMELINE_STEPS: readonly SubmissionStatus[] = ['received', 'verifying', 'pending_review', 'accepted', 'resolved'];

export const REOPEN_WINDOW_DAYS = 7;

export function canReopen(s: { status: SubmissionStatus; resolvedAt: Date | null }, now: Date): boolean {
  return s.status === 'resolved' && !!s.resolvedAt && now.getTime() - s.resolvedAt.getTime() <= REOPEN_WINDOW_DAYS * 86400_000;
}

export const canRate = (s: { status: SubmissionStatus; rating: number | null }) => s.status === 'resolved' && s.rating === null;

/** When the first answer is due: the rule set's acknowledge hours after submission. */
export function firstAnswerDue(rules: RuleSetBody, createdAt: Date): Date {
  return new Date(createdAt.getTime() + rules.sla_hours.acknowledge * 3600_000);
}

/** When the item must be resolved at a tier. */
export function resolveDue(rules: RuleSetBody, from: Date, tier: 1 | 2 | 3): Date {
  const hours = tier === 1 ? rules.sla_hours.tier1_resolve : tier === 2 ? rules.sla_hours.tier2_resolve : rules.sla_hours.tier3_resolve;
  return new Date(from.getTime() + hours * 3600_000);
}
