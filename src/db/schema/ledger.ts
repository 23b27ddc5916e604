// The points ledger: accounts with cached balances, append-only double-entry transfers, and credit lots for expiry.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, jsonb, pgTable, serial, smallint, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { communities } from './community';
import { users } from './users';

export const POINT_ACCOUNT_KINDS = [
  'budget', // the community's source of points: credits each period's fund, so its balance is negative (issued points)
  'fund', // 奖励经费 of one period (e.g. '2026-11'), held in a few slices; awards are paid from it and it never goes below zero
  'resident', // one per resident per community
  'hold', // one per resident per community: points reserved for a redemption not yet handed over (two-phase)
  'redemption', // sink: points spent on redemptions that were handed over
  'expired', // sink: points whose credit lot expired
] as const;
export type PointAccountKind = (typeof POINT_ACCOUNT_KINDS)[number];

/** 'rebalance' moves points between slices of one period's fund (the fund's total is unchanged). */
export const POINT_TRANSFER_KINDS = ['budget', 'award', 'hold', 'post', 'void', 'reversal', 'expiry', 'rebalance'] as const;
export type PointTransferKind = (typeof POINT_TRANSFER_KINDS)[number];

export const pointAccounts = pgTable(
  'point_accounts',
  {
    id: serial('id').primaryKey(),
    communityId: integer('community_id').notNull().references(() => communities.id),
    kind: text('kind', { enum: POINT_ACCOUNT_KINDS }).notNull(),
    /** Resident and hold accounts only. */
    ownerUserId: integer('owner_user_id').references(() => users.id),
    /** Fund accounts only: the budget period, e.g. '2026-11'. */
    period: text('period'),
    /**
     * Fund accounts only: a period's fund is split over a few slices (rows) so concurrent awards do not all queue on
     * one row lock held through each commit; its balance is the sum of its slices. 0 for every other account.
     */
    slice: smallint('slice').notNull().default(0),
    /** Cached sum(in) - sum(out) of transfers; changed only in the transaction that writes the transfer. */
    balance: bigint('balance', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // NULLS NOT DISTINCT (PostgreSQL 15+): one fund per period, one resident/hold account per person, one sink each.
    unique('point_accounts_identity').on(t.communityId, t.kind, t.ownerUserId, t.period, t.slice).nullsNotDistinct(),
    check('point_accounts_balance_nonneg', sql`${t.balance} >= 0 OR ${t.kind} = 'budget'`),
    check('point_accounts_owner', sql`(${t.kind} IN ('resident', 'hold')) = (${t.ownerUserId} IS NOT NULL)`),
    check('point_accounts_period', sql`(${t.kind} = 'fund') = (${t.period} IS NOT NULL)`),
    check('point_accounts_slice', sql`${t.slice} = 0 OR (${t.kind} = 'fund' AND ${t.slice} BETWEEN 0 AND 63)`),
    index('point_accounts_owner_idx').on(t.ownerUserId),
  ],
);

export const pointTransfers = pgTable(
  'point_transfers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    communityId: integer('community_id').notNull().references(() => communities.id),
    kind: text('kind', { enum: POINT_TRANSFER_KINDS }).notNull(),
    fromAccountId: integer('from_account_id').notNull().references(() => pointAccounts.id),
    toAccountId: integer('to_account_id').notNull().references(() => pointAccounts.id),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** e.g. award:submission:123 — the same matter can never be paid twice, even by racing requests. */
    idempotencyKey: text('idempotency_key').notNull(),
    /** Why: rule set id/version, rule, source, approver(s), note — what the resident sees as "为什么得到这些积分". */
    reason: jsonb('reason').notNull(),
    /** The hold a post/void settles, or the transfer a reversal undoes: unique, so each is settled or undone once. */
    settlesTransferId: bigint('settles_transfer_id', { mode: 'number' }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('point_transfers_idempotency').on(t.idempotencyKey),
    uniqueIndex('point_transfers_settles').on(t.settlesTransferId).where(sql`${t.settlesTransferId} IS NOT NULL`),
    check('point_transfers_amount_pos', sql`${t.amount} > 0`),
    check('point_transfers_distinct', sql`${t.fromAccountId} <> ${t.toAccountId}`),
    // Caps sum a resident's awards per day/month; reconciliation and the ledger page read by account.
    index('point_transfers_to').on(t.toAccountId, t.createdAt),
    index('point_transfers_from').on(t.fromAccountId, t.createdAt),
    // The monthly rollups (reports, ranking) read one community's month of transfers.
    index('point_transfers_community_created').on(t.communityId, t.createdAt),
  ],
);

/** Credit lots: each credit to a resident account, spent soonest-expiring first; what is left at expires_at expires. */
export const pointLots = pgTable(
  'point_lots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: integer('account_id').notNull().references(() => pointAccounts.id),
    transferId: bigint('transfer_id', { mode: 'number' }).notNull().references(() => pointTransfers.id),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    remaining: bigint('remaining', { mode: 'number' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('point_lots_transfer').on(t.transferId),
    check('point_lots_remaining', sql`${t.remaining} >= 0 AND ${t.remaining} <= ${t.amount}`),
    index('point_lots_open').on(t.accountId, t.expiresAt).where(sql`${t.remaining} > 0`),
  ],
);

/** Which lots a debit drew on, so a void or reversal puts points back into the same lots (same expiry). */
export const pointLotDraws = pgTable(
  'point_lot_draws',
  {
    transferId: bigint('transfer_id', { mode: 'number' }).notNull().references(() => pointTransfers.id),
    lotId: bigint('lot_id', { mode: 'number' }).notNull().references(() => pointLots.id),
    amount: bigint('amount', { mode: 'number' }).notNull(),
  },
  (t) => [unique('point_lot_draws_pk').on(t.transferId, t.lotId), check('point_lot_draws_amount_pos', sql`${t.amount} > 0`)],
);

/** Awards above the rule set's threshold wait here for a second approver instead of being paid. */
export const pointAwardRequests = pgTable(
  'point_award_requests',
  {
    id: serial('id').primaryKey(),
    communityId: integer('community_id').notNull().references(() => communities.id),
    /** The key the award will be paid under: one open request per matter. */
    idempotencyKey: text('idempotency_key').notNull(),
    /** The award input as first approved, replayed by the second approver. */
    input: jsonb('input').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    requestedBy: integer('requested_by').notNull().references(() => users.id),
    status: text('status', { enum: ['pending', 'paid', 'rejected'] }).notNull().default('pending'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('point_award_requests_key').on(t.idempotencyKey), index('point_award_requests_open').on(t.communityId, t.status)],
);

/** Every nightly reconciliation, with what it found: the admin page and the metric read the latest row. */
export const reconciliationRuns = pgTable(
  'reconciliation_runs',
  {
    id: serial('id').primaryKey(),
    /** Null = all communities. */
    communityId: integer('community_id').references(() => communities.id),
    accounts: integer('accounts').notNull(),
    transfers: integer('transfers').notNull(),
    differenceCount: integer('difference_count').notNull(),
    /** Up to 200 differences: account id, kind, owner, cached balance, balance from transfers. */
    differences: jsonb('differences').notNull().default([]),
    ranAt: timestamp('ran_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('reconciliation_runs_ran_at').on(t.ranAt)],
);
