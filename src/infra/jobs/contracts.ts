// What each job *is*: its name and its zod payload. The domain records jobs against these contracts; the handlers that
// run them are bound in src/jobs/registry.ts, so the domain never depends on a handler (and no import circle forms).
import { z } from 'zod';

const id = z.number().int().positive();
const date = z.coerce.date();

/** The award input as JSON-safe data (dates as ISO strings); see src/domain/points/award-input.ts. */
export const awardPayload = z.object({
  communityId: id,
  approverUserId: id,
  secondApproverUserId: id.nullable().optional(),
  contribution: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('submission'), submissionId: id }),
    z.object({ kind: z.literal('wish_fulfilment'), submissionId: id, recipientUserId: id }),
    z.object({ kind: z.literal('mediation'), submissionId: id, recipientUserId: id }),
    z.object({ kind: z.literal('duplicate_confirmation'), submissionId: id }),
    z.object({ kind: z.literal('outcome_bonus'), submissionId: id }),
    z.object({ kind: z.literal('patrol'), shiftId: z.union([z.string().max(100), id]), recipientUserId: id, start: date, end: date }),
    z.object({ kind: z.literal('activity'), activityId: z.union([z.string().max(100), id]), recipientUserId: id, hours: z.number().positive().max(24) }),
  ]),
  amount: z.number().int().positive().optional(),
  note: z.string().max(500).optional(),
  requestKey: z.string().max(200).optional(),
  now: date.optional(),
  timeZone: z.string().max(64).optional(),
});

/** Every job's payload by name. Adding a job: add its contract here, then bind a handler in src/jobs/registry.ts. */
export const JOB_CONTRACTS = {
  'diagnostics.echo': z.object({ message: z.string().max(200), delayMs: z.number().int().min(0).max(60_000).default(0) }),
  'outbox.sweep': z.object({ limit: z.number().int().min(1).max(5000).default(500) }),
  'auth.cleanup': z.object({ idleDays: z.number().int().min(1).default(14) }),
  'submission.verify': z.object({ submissionId: id }),
  'photos.cleanup': z.object({}),
  'notifications.deliver': z.object({ notificationId: id }),
  'points.reconcile': z.object({ communityId: id.optional() }),
  'points.expire': z.object({ limit: z.number().int().min(1).max(100_000).default(10_000) }),
  'points.award': awardPayload,
  'points.remind-expiry': z.object({ limit: z.number().int().min(1).max(100_000).default(50_000) }),
  'rewards.expire-vouchers': z.object({ limit: z.number().int().min(1).max(100_000).default(5000) }),
  'submission.escalate-overdue': z.object({ limit: z.number().int().min(1).max(10_000).default(500) }),
  'patrol.generate-shifts': z.object({}),
  'patrol.remind': z.object({}),
  'patrol.close-shifts': z.object({ limit: z.number().int().min(1).max(10_000).default(200) }),
  'announcements.deliver': z.object({ announcementId: id }),
  'reports.refresh': z.object({ communityId: id.optional() }),
} as const satisfies Record<string, z.ZodType>;

export type JobName = keyof typeof JOB_CONTRACTS;
export type JobPayload<N extends JobName> = z.input<(typeof JOB_CONTRACTS)[N]>;
