// Pure: the progress line on 我的诉求 (已受理 → 核实中 → 待审核 → 已采纳/已转派/处理中 → 已办结, or 未采纳/重复 as the end).
import type { SubmissionStatus } from '../../db/schema';

export type StepState = 'done' | 'current' | 'todo';
export interface ProgressStep {
  status: SubmissionStatus;
  state: StepState;
}

const MIDDLE: readonly SubmissionStatus[] = ['accepted', 'routed', 'in_progress'];

/**
 * `seen` is every status the item has had (from its public events), oldest first: the fourth step is labelled with
 * the latest handling status actually reached, so a routed item reads 已转派 rather than a generic 已采纳.
 * Steps the worker skipped (received → pending_review skips 核实中) still show as done: the item is past them.
 */
export function progressSteps(status: SubmissionStatus, seen: readonly SubmissionStatus[] = []): ProgressStep[] {
  const middleSeen = [...seen, status].filter((s) => MIDDLE.includes(s));
  const middle: SubmissionStatus = middleSeen.length ? middleSeen[middleSeen.length - 1] : 'accepted';
  if (status === 'rejected' || status === 'duplicate') {
    // A refused item never reaches handling: its end replaces the tail of the line.
    return [
      { status: 'received', state: 'done' },
      { status: 'verifying', state: 'done' },
      { status: 'pending_review', state: 'done' },
      { status, state: 'current' },
    ];
  }
  const path: SubmissionStatus[] = ['received', 'verifying', 'pending_review', middle, 'resolved'];
  const at = MIDDLE.includes(status) ? 3 : path.indexOf(status);
  return path.map((s, i) => ({ status: s, state: i < at ? 'done' : i === at ? 'current' : 'todo' }));
}
