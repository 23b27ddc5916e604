// Every job's handler, bound once to its contract (src/infra/jobs/contracts.ts). Boot fails on a gap or a broken binding.
import { JOB_CONTRACTS } from '../infra/jobs/contracts';
import type { JobDef } from './define';
import { authCleanup } from './handlers/auth-cleanup';
import { diagnosticsEcho } from './handlers/diagnostics-echo';
import { outboxSweep } from './handlers/outbox-sweep';
import { photosCleanup } from './handlers/photos-cleanup';
import { pointsExpire } from './handlers/points-expire';
import { pointsReconcile } from './handlers/points-reconcile';
import { pointsAward } from './handlers/points-award';
import { pointsRemindExpiry } from './handlers/points-remind-expiry';
import { verifySubmission } from './handlers/verify-submission';
import { notificationsDeliver } from './handlers/notifications-deliver';
import { submissionEscalateOverdue } from './handlers/escalate-overdue';
import { announcementsDeliver } from './handlers/announcements-deliver';
import { reportsRefresh } from './handlers/reports-refresh';
import { rewardsExpireVouchers } from './handlers/rewards-expire';
import { patrolCloseShifts, patrolGenerateShifts, patrolRemind } from './handlers/patrols';

export const JOBS = [diagnosticsEcho, outboxSweep, authCleanup, verifySubmission, photosCleanup, notificationsDeliver, pointsReconcile, pointsExpire, pointsAward, pointsRemindExpiry, submissionEscalateOverdue, announcementsDeliver, reportsRefresh, rewardsExpireVouchers, patrolGenerateShifts, patrolRemind, patrolCloseShifts] as const;
export type { JobName } from '../infra/jobs/contracts';

export function buildRegistry(defs: readonly JobDef[] = JOBS as unknown as JobDef[]): Map<string, JobDef> {
  const map = new Map<string, JobDef>();
  for (const def of defs) {
    if (!/^[a-z]+(\.[a-z-]+)+$/.test(def.name)) throw new Error(`job registry: bad name "${def.name}"`);
    if (map.has(def.name)) throw new Error(`job registry: "${def.name}" declared twice`);
    if (typeof def.handler !== 'function') throw new Error(`job registry: "${def.name}" has no handler`);
    if (!(def.attempts >= 1)) throw new Error(`job registry: "${def.name}" needs attempts >= 1`);
    if (def.every !== undefined && !def.payload.safeParse({}).success) {
      throw new Error(`job registry: scheduled "${def.name}" must accept an empty payload`);
    }
    map.set(def.name, def);
  }
  // Only the full set must cover every contract; tests may build a registry from a few bindings.
  if (defs === (JOBS as unknown as JobDef[])) {
    for (const name of Object.keys(JOB_CONTRACTS)) if (!map.has(name)) throw new Error(`job registry: "${name}" has no handler`);
  }
  return map;
}
