// Announcements staff publish to residents: 温馨提示 (notice) and 警情通报 (police), to a community or chosen grids,
// now or at a set time, until they expire. Residents see current ones on the scan page, the home page and in the inbox.
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { communities, grids } from './community';
import { users } from './users';

export const ANNOUNCEMENT_KINDS = ['notice', 'police'] as const;
export type AnnouncementKind = (typeof ANNOUNCEMENT_KINDS)[number];

export const announcements = pgTable(
  'announcements',
  {
    id: serial('id').primaryKey(),
    communityId: integer('community_id').notNull().references(() => communities.id),
    kind: text('kind', { enum: ANNOUNCEMENT_KINDS }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    publishAt: timestamp('publish_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: integer('withdrawn_by').references(() => users.id),
    /** Set once the inbox messages are written (by the announcements.deliver sweep once publish_at has come). */
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    /** How many residents' inboxes got it (shown to staff). */
    deliveredCount: integer('delivered_count').notNull().default(0),
  },
  (t) => [
    check('announcements_expiry_after_publish', sql`${t.expiresAt} > ${t.publishAt}`),
    index('announcements_current').on(t.communityId, t.expiresAt),
    index('announcements_undelivered').on(t.publishAt).where(sql`${t.deliveredAt} IS NULL AND ${t.withdrawnAt} IS NULL`),
  ],
);

/** The grids an announcement is for; none = the whole community. */
export const announcementGrids = pgTable(
  'announcement_grids',
  {
    announcementId: integer('announcement_id').notNull().references(() => announcements.id, { onDelete: 'cascade' }),
    gridId: integer('grid_id').notNull().references(() => grids.id),
  },
  (t) => [primaryKey({ columns: [t.announcementId, t.gridId] })],
);
