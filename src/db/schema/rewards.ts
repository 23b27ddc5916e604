// 积分超市: reward items (goods and courses), course sessions, vouchers (each backed by one ledger hold) and every
// stock/seat change, so stock can be recomputed from its history (reconciliation) and every correction is audited.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { communities } from './community';
import { pointTransfers } from './ledger';
import { users } from './users';

export const REWARD_KINDS = ['goods', 'course'] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];

/**
 * pending 待领取 (points held, unit/seat taken) → handed_over 已领取 (hold posted) | cancelled 已取消 (hold voided,
 * unit back) | expired 已过期 (not collected in time: voided, unit back) | no_show 未到场 (a course seat not used:
 * voided or forfeited per the rule set; the session is over, so the seat stays taken).
 */
export const VOUCHER_STATUSES = ['pending', 'handed_over', 'cancelled', 'expired', 'no_show'] as const;
export type VoucherStatus = (typeof VOUCHER_STATUSES)[number];

export const rewardItems = pgTable(
  'reward_items',
  {
    id: serial('id').primaryKey(),
    communityId: integer('community_id').notNull().references(() => communities.id),
    kind: text('kind', { enum: REWARD_KINDS }).notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Points per unit (goods) or per seat (course). */
    price: integer('price').notNull(),
    /** Goods only: units left. Changed by conditional updates in the redemption's transaction. */
    stock: integer('stock'),
    /** Goods only: units one resident may redeem per local month; null = no limit. */
    monthlyLimit: integer('monthly_limit'),
    /** Where and when to collect (goods) or meet (course), shown on the confirmation and voucher pages. */
    pickup: text('pickup').notNull().default(''),
    photoKey: text('photo_key'),
    activeFrom: timestamp('active_from', { withTimezone: true }),
    activeTo: timestamp('active_to', { withTimezone: true }),
    /** false = deactivated by staff: hidden from residents, existing vouchers still honoured. */
    active: boolean('active').notNull().default(true),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('reward_items_price', sql`${t.price} > 0 AND ${t.price} <= 100000`),
    check('reward_items_stock', sql`(${t.kind} = 'goods') = (${t.stock} IS NOT NULL) AND (${t.stock} IS NULL OR ${t.stock} >= 0)`),
    check('reward_items_limit', sql`${t.monthlyLimit} IS NULL OR ${t.monthlyLimit} > 0`),
    index('reward_items_community').on(t.communityId, t.active),
  ],
);

export const rewardSessions = pgTable(
  'reward_sessions',
  {
    id: serial('id').primaryKey(),
    itemId: integer('item_id').notNull().references(() => rewardItems.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    place: text('place').notNull(),
    seats: integer('seats').notNull(),
    /** Seats not yet booked: the conditional update's column. */
    seatsLeft: integer('seats_left').notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [
    check('reward_sessions_seats', sql`${t.seatsLeft} >= 0 AND ${t.seats} >= 0`),
    check('reward_sessions_time', sql`${t.endsAt} > ${t.startsAt}`),
    index('reward_sessions_item').on(t.itemId, t.startsAt),
  ],
);

export const rewardVouchers = pgTable(
  'reward_vouchers',
  {
    id: serial('id').primaryKey(),
    communityId: integer('community_id').notNull().references(() => communities.id),
    itemId: integer('item_id').notNull().references(() => rewardItems.id),
    /** Courses: the session booked. */
    sessionId: integer('session_id').references(() => rewardSessions.id),
    userId: integer('user_id').notNull().references(() => users.id),
    /** 8 symbols of the unambiguous alphabet; what the QR holds and the clerk types. */
    code: text('code').notNull(),
    price: integer('price').notNull(),
    holdTransferId: bigint('hold_transfer_id', { mode: 'number' }).notNull().references(() => pointTransfers.id),
    status: text('status', { enum: VOUCHER_STATUSES }).notNull().default('pending'),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
    settledBy: integer('settled_by').references(() => users.id),
    /** The post or void transfer that settled the hold. */
    settleTransferId: bigint('settle_transfer_id', { mode: 'number' }).references(() => pointTransfers.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reward_vouchers_code').on(t.code),
    uniqueIndex('reward_vouchers_hold').on(t.holdTransferId),
    // One seat per resident per course, whichever session: enforced by the database, not by a read-then-write.
    uniqueIndex('reward_vouchers_one_seat')
      .on(t.itemId, t.userId)
      .where(sql`${t.sessionId} IS NOT NULL AND ${t.status} IN ('pending', 'handed_over')`),
    check('reward_vouchers_code_format', sql`${t.code} ~ '^[2-9A-HJKMNP-Z]{8}$'`),
    index('reward_vouchers_user').on(t.userId, t.createdAt),
    index('reward_vouchers_item').on(t.itemId, t.status),
    index('reward_vouchers_due').on(t.status, t.validUntil),
  ],
);

/** Every change of stock or seats by staff (creation included), before/after: stock = sum(delta) − units in vouchers. */
export const rewardStockChanges = pgTable(
  'reward_stock_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    itemId: integer('item_id').notNull().references(() => rewardItems.id),
    sessionId: integer('session_id').references(() => rewardSessions.id),
    delta: integer('delta').notNull(),
    before: integer('before').notNull(),
    after: integer('after').notNull(),
    reason: text('reason', { enum: ['create', 'restock', 'correction'] }).notNull(),
    note: text('note').notNull().default(''),
    actorUserId: integer('actor_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('reward_stock_changes_item').on(t.itemId, t.sessionId)],
);
