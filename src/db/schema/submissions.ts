// Tips (线索) and wishes (心愿): the item, its public/internal timeline, photos, wish-fulfilment offers, tracking numbers.
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn, bigserial, boolean, check, doublePrecision, index, integer, pgTable, primaryKey, serial, text, timestamp, unique, uniqueIndex,
} from 'drizzle-orm/pg-core';
import { communities, grids, places } from './community';
import { qrCodes } from './qr';
import { ruleSets } from './rules';
import { users } from './users';

export const SUBMISSION_STATUSES = [
  'received', // 已受理
  'verifying', // 核实中
  'pending_review', // 待审核
  'accepted', // 已采纳
  'routed', // 已转派
  'in_progress', // 处理中
  'resolved', // 已办结
  'rejected', // 未采纳
  'duplicate', // 重复
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
/** Timeline entries. Staff-only kinds are stored with public = false unless the resident should see them. */
export const SUBMISSION_EVENT_KINDS = [
  'status', 'reply', 'note', 'rating', 'reopen', 'offer',
  'assign', // claimed or assigned (private)
  'route', // routed to a department (public: "已转派至 物业公司")
  'department_answer', // what the department answered (recorded by staff)
  'escalate', // tier changed (public: the resident sees the new tier)
  'mediation', // settled by mediation
  'merge', // linked as duplicate of / merged into another item
] as const;
export const CONTACT_PREFS = ['in_app', 'sms', 'phone', 'none'] as const;

export const submissions = pgTable(
  'submissions',
  {
    id: serial('id').primaryKey(),
    communityId: integer('community_id').notNull().references(() => communities.id),
    /** Shown to the resident, e.g. QY-2026-000123. */
    trackingNo: text('tracking_no').notNull().unique(),
    kind: text('kind', { enum: ['tip', 'wish'] }).notNull(),
    categoryKey: text('category_key').notNull(),
    ruleSetId: integer('rule_set_id').notNull().references(() => ruleSets.id),
    description: text('description').notNull(),
    placeId: integer('place_id').references(() => places.id),
    gridId: integer('grid_id').references(() => grids.id),
    qrCodeId: integer('qr_code_id').references(() => qrCodes.id),
    authorUserId: integer('author_user_id').notNull().references(() => users.id),
    /** Hidden from every staff view and export; points still reach the author. */
    anonymous: boolean('anonymous').notNull().default(false),
    contactPref: text('contact_pref', { enum: CONTACT_PREFS }).notNull().default('in_app'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    status: text('status', { enum: SUBMISSION_STATUSES }).notNull().default('received'),
    /** Wishes only: shown on the 心愿墙 with the author's name masked. */
    publicWish: boolean('public_wish').notNull().default(false),
    /** One per form: a double tap makes one item. */
    idempotencyKey: text('idempotency_key').notNull(),
    policeRelated: boolean('police_related').notNull().default(false),
    tier: integer('tier').notNull().default(1),
    slaDueAt: timestamp('sla_due_at', { withTimezone: true }),
    firstAnsweredAt: timestamp('first_answered_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    reopenCount: integer('reopen_count').notNull().default(0),
    /** Staff member handling the item (claimed or assigned); null = unclaimed. */
    assignedUserId: integer('assigned_user_id').references(() => users.id),
    /** Set when staff mark the item a duplicate: the original keeps the award, this one gets the confirmation credit. */
    duplicateOfId: integer('duplicate_of_id').references((): AnyPgColumn => submissions.id),
    /** Found by the verification job (similar text, same category and place/grid); staff confirm or ignore it. */
    probableDuplicateOfId: integer('probable_duplicate_of_id').references((): AnyPgColumn => submissions.id),
    probableDuplicateScore: doublePrecision('probable_duplicate_score'),
    /** Suggested by the verification job from the rule set (category default), shown on the accept form. */
    suggestedPoints: integer('suggested_points'),
    /** Why the verification job refused the item (garbage text, too many per hour); null when not auto-refused. */
    autoRefusal: text('auto_refusal'),
    /** When the item reached its current tier (SLA clocks of tier 2 and 3 start here). */
    tierSince: timestamp('tier_since', { withTimezone: true }),
    /** Disputes closed by mediation: the tier they were settled at and who mediated (the "42 / 4 / 0" statistic). */
    settledTier: integer('settled_tier'),
    mediatorUserId: integer('mediator_user_id').references(() => users.id),
    /** Bumped by every change, so a staff action on a stale page is refused. */
    version: integer('version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('submissions_author_idempotency').on(t.authorUserId, t.idempotencyKey),
    check('submissions_rating_range', sql`${t.rating} IS NULL OR ${t.rating} BETWEEN 1 AND 5`),
    check('submissions_tier_range', sql`${t.tier} BETWEEN 1 AND 3`),
    check('submissions_public_only_wish', sql`${t.publicWish} = false OR ${t.kind} = 'wish'`),
    index('submissions_author').on(t.authorUserId, t.createdAt),
    index('submissions_community_status').on(t.communityId, t.status),
    index('submissions_grid_status').on(t.gridId, t.status),
    index('submissions_due').on(t.communityId, t.slaDueAt),
    // The monthly report rollup reads one community's month of items.
    index('submissions_community_created').on(t.communityId, t.createdAt),
    // The SLA sweep reads every community's overdue open items by deadline (escalate-overdue.ts): lead on the deadline,
    // and hold only the items it can move (a district's year of settled items would otherwise be walked past first).
    // The predicate is the sweep's own, literally (FINAL_STATUSES, TOP_TIER): a test checks the two agree.
    index('submissions_sla_sweep')
      .on(t.slaDueAt)
      .where(sql`${t.status} not in ('resolved', 'rejected', 'duplicate') and ${t.tier} < 3`),
    // The staff queue lists open items by deadline within a community or a grid (list-queue.ts, openSql): a district's
    // settled history (97% of the rows) is not in these at all. Same literal predicate as the sweep's. The queue's
    // whole order (deadline, then age, then id) is in the key, so a page is the first 25 entries, not a sort of all.
    index('submissions_open_by_community')
      .on(t.communityId, t.slaDueAt, t.createdAt, t.id)
      .where(sql`${t.status} not in ('resolved', 'rejected', 'duplicate')`),
    index('submissions_open_by_grid')
      .on(t.gridId, t.slaDueAt, t.createdAt, t.id)
      .where(sql`${t.status} not in ('resolved', 'rejected', 'duplicate')`),
    // The queue's tab counts (count-queue.ts) group a grid's items by status; with the community id in the index they
    // are read from the index alone, not from thousands of heap pages per page view.
    index('submissions_grid_status_community').on(t.gridId, t.status, t.communityId),
    // Duplicate candidates: same community and category within the recent window (probable-duplicate.ts); the text
    // itself goes through the GiST trigram index of the custom migration (submissions_duplicate_trgm).
    index('submissions_recent_by_category').on(t.communityId, t.categoryKey, t.createdAt),
    check('submissions_settled_tier_range', sql`${t.settledTier} IS NULL OR ${t.settledTier} BETWEEN 1 AND 3`),
  ],
);

export const submissionEvents = pgTable(
  'submission_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    submissionId: integer('submission_id').notNull().references(() => submissions.id),
    kind: text('kind', { enum: SUBMISSION_EVENT_KINDS }).notNull(),
    fromStatus: text('from_status', { enum: SUBMISSION_STATUSES }),
    toStatus: text('to_status', { enum: SUBMISSION_STATUSES }),
    body: text('body'),
    /** Public events appear on the resident's timeline; private notes only to staff. */
    public: boolean('public').notNull().default(true),
    actorUserId: integer('actor_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('submission_events_submission').on(t.submissionId, t.id)],
);

export const submissionPhotos = pgTable(
  'submission_photos',
  {
    id: serial('id').primaryKey(),
    /** Null while the photo belongs to a draft form (before submit). */
    submissionId: integer('submission_id').references(() => submissions.id),
    /** Random token of the draft form the photo was uploaded with; lets a signed-out visitor keep photos across sign-in. */
    draftToken: text('draft_token'),
    uploaderUserId: integer('uploader_user_id').references(() => users.id),
    storageKey: text('storage_key').notNull().unique(),
    thumbKey: text('thumb_key').notNull(),
    mime: text('mime').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('submission_photos_submission').on(t.submissionId), index('submission_photos_draft').on(t.draftToken)],
);

export const wishOffers = pgTable(
  'wish_offers',
  {
    id: serial('id').primaryKey(),
    submissionId: integer('submission_id').notNull().references(() => submissions.id),
    helperUserId: integer('helper_user_id').notNull().references(() => users.id),
    status: text('status', { enum: ['offered', 'accepted', 'declined', 'withdrawn', 'fulfilled'] }).notNull().default('offered'),
    note: text('note').notNull().default(''),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One helper per wish at a time; one open offer per helper per wish.
    uniqueIndex('wish_offers_one_accepted').on(t.submissionId).where(sql`status = 'accepted'`),
    uniqueIndex('wish_offers_one_open_per_helper').on(t.submissionId, t.helperUserId).where(sql`status in ('offered', 'accepted')`),
  ],
);

export const trackingCounters = pgTable(
  'tracking_counters',
  {
    communityId: integer('community_id').notNull().references(() => communities.id),
    year: integer('year').notNull(),
    last: integer('last').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.year] })],
);

export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    link: text('link'),
    /** Same key = same notification: a retried job cannot notify twice. */
    dedupeKey: text('dedupe_key').unique(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notifications_user').on(t.userId, t.readAt, t.id)],
);
