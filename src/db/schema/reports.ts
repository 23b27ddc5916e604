// Rollups for reports and the public ranking, refreshed by the reports.refresh job: a month is recomputed only while
// it can still change (this month and last), so reading a report costs the same however long the history is.
import { bigint, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { communities } from './community';
import { users } from './users';

/** Per community (grid_id 0), per grid (grid_id), and items in no grid (-1), per local month of filing. */
export const reportMonthly = pgTable(
  'report_monthly',
  {
    communityId: integer('community_id').notNull().references(() => communities.id),
    gridId: integer('grid_id').notNull(),
    /** 'YYYY-MM' in the display time zone. */
    month: text('month').notNull(),
    items: integer('items').notNull(),
    tips: integer('tips').notNull(),
    wishes: integer('wishes').notNull(),
    police: integer('police').notNull(),
    answeredInSla: integer('answered_in_sla').notNull(),
    resolvable: integer('resolvable').notNull(),
    resolved: integer('resolved').notNull(),
    rated: integer('rated').notNull(),
    satisfied: integer('satisfied').notNull(),
    overdue: integer('overdue').notNull(),
    settledTier1: integer('settled_tier1').notNull(),
    settledTier2: integer('settled_tier2').notNull(),
    settledTier3: integer('settled_tier3').notNull(),
    firstAnswerP50Min: doublePrecision('first_answer_p50_min'),
    firstAnswerP90Min: doublePrecision('first_answer_p90_min'),
    resolveP50Min: doublePrecision('resolve_p50_min'),
    resolveP90Min: doublePrecision('resolve_p90_min'),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.month, t.gridId] })],
);

export const reportCategoryMonthly = pgTable(
  'report_category_monthly',
  {
    communityId: integer('community_id').notNull().references(() => communities.id),
    gridId: integer('grid_id').notNull(),
    month: text('month').notNull(),
    kind: text('kind').notNull(),
    categoryKey: text('category_key').notNull(),
    items: integer('items').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.month, t.gridId, t.categoryKey] })],
);

/** Points per community and month: issued (awards less their reversals), the period's budget, spent in the 积分超市. */
export const reportPointsMonthly = pgTable(
  'report_points_monthly',
  {
    communityId: integer('community_id').notNull().references(() => communities.id),
    month: text('month').notNull(),
    issued: bigint('issued', { mode: 'number' }).notNull(),
    budget: bigint('budget', { mode: 'number' }).notNull(),
    spent: bigint('spent', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.month] })],
);

/** Per grid worker (the item's handler) and month of filing. */
export const reportStaffMonthly = pgTable(
  'report_staff_monthly',
  {
    communityId: integer('community_id').notNull().references(() => communities.id),
    month: text('month').notNull(),
    userId: integer('user_id').notNull().references(() => users.id),
    handled: integer('handled').notNull(),
    answered: integer('answered').notNull(),
    overdue: integer('overdue').notNull(),
    rated: integer('rated').notNull(),
    satisfied: integer('satisfied').notNull(),
    firstAnswerP50Min: doublePrecision('first_answer_p50_min'),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.month, t.userId] })],
);

/** Points each resident earned in a month, per community (grid_id 0) and per grid of their home. */
export const rankingMonthly = pgTable(
  'ranking_monthly',
  {
    communityId: integer('community_id').notNull().references(() => communities.id),
    gridId: integer('grid_id').notNull(),
    month: text('month').notNull(),
    userId: integer('user_id').notNull().references(() => users.id),
    points: bigint('points', { mode: 'number' }).notNull(),
    awards: integer('awards').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.month, t.gridId, t.userId] }), // Top of the board straight from the index, ties in a fixed order: the read stops after the first 50 rows.
    index('ranking_monthly_top').on(t.communityId, t.month, t.gridId, t.points, t.userId)],
);

/** Patrols and activities per community and month of the shift: turnout and verified hours (voided or flagged never count). */
export const reportPatrolMonthly = pgTable(
  'report_patrol_monthly',
  {
    communityId: integer('community_id').notNull().references(() => communities.id),
    month: text('month').notNull(),
    shifts: integer('shifts').notNull(),
    signups: integer('signups').notNull(),
    attended: integer('attended').notNull(),
    noShows: integer('no_shows').notNull(),
    verifiedMinutes: bigint('verified_minutes', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.month] })],
);
