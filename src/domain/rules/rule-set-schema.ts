// The shape of an incentive rule set (see the demo fixture's incentive_rules); every stored body is parsed by this.
import { z } from 'zod';

const points = z.number().int().min(0).max(100_000);
const range = z
  .object({ min: points, max: points, default: points })
  .refine((r) => r.min <= r.default && r.default <= r.max, { message: 'min ≤ default ≤ max' });
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const categorySchema = z
  .object({
    key: z.string().regex(/^(tip|wish)\.[a-z_]+$/),
    kind: z.enum(['tip', 'wish']),
    label: z.string().min(1).max(60),
    /** One-line Chinese hint shown under the category on the form. */
    hint: z.string().max(120).optional(),
    min: points,
    max: points,
    default: points,
    police: z.boolean(),
  })
  .refine((c) => c.min <= c.default && c.default <= c.max, { message: 'min ≤ default ≤ max' })
  .refine((c) => c.key.startsWith(`${c.kind}.`), { message: 'key must start with its kind' });

export const ruleSetBodySchema = z.object({
  categories: z.array(categorySchema).min(1),
  one_reward_per_matter: z.boolean(),
  duplicate_confirmation_points: points,
  outcome_bonus_percent: z.number().int().min(0).max(100),
  wish_fulfilment: range.and(z.object({ to: z.literal('fulfiller') })),
  mediation: range.and(z.object({ to: z.literal('mediator') })),
  caps: z.object({ per_resident_per_day: points, per_resident_per_month: points }),
  second_approver_above: points,
  budget: z.object({ period: z.enum(['month']), points: z.number().int().min(0).max(100_000_000) }),
  patrol: z.object({
    points_per_hour: points,
    night_multiplier: z.object({ from: clock, to: clock, factor: z.number().min(1).max(5) }),
    max_per_shift: points,
    no_show_penalty_points: points,
    max_no_shows_before_signup_block: z.number().int().min(0).max(100),
  }),
  volunteer_activity: z.object({ points_per_hour: points, max_per_day: points }),
  /** 公益课程 bookings: a seat not used is released or forfeited; this many no-shows block new course bookings. */
  courses: z
    .object({ no_show: z.enum(['release', 'forfeit']), max_no_shows_before_booking_block: z.number().int().min(0).max(100) })
    .optional(),
  expiry: z.object({ months: z.number().int().min(1).max(120), reminder_days: z.number().int().min(0).max(365) }),
  sla_hours: z.object({
    acknowledge: z.number().int().min(1).max(720),
    tier1_resolve: z.number().int().min(1).max(2000),
    tier2_resolve: z.number().int().min(1).max(2000),
    tier3_resolve: z.number().int().min(1).max(2000),
  }),
});

export type RuleSetBody = z.infer<typeof ruleSetBodySchema>;
export type Category = z.infer<typeof categorySchema>;
