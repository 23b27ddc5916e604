// QR codes posted around the community, and per-day scan counts (no personal data).
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, serial, text, timestamp, unique, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { communities, grids, places } from './community';

export const QR_PURPOSES = ['report', 'patrol_checkpoint', 'event_checkin', 'redemption_counter'] as const;
export type QrPurpose = (typeof QR_PURPOSES)[number];

export const qrCodes = pgTable(
  'qr_codes',
  {
    id: serial('id').primaryKey(),
    communityId: integer('community_id').notNull().references(() => communities.id),
    /** Unguessable, short, no look-alike characters: 13 of 31 symbols ≈ 64 random bits. */
    code: text('code').notNull().unique(),
    purpose: text('purpose', { enum: QR_PURPOSES }).notNull(),
    placeId: integer('place_id').references(() => places.id),
    gridId: integer('grid_id').references(() => grids.id),
    label: text('label').notNull(),
    /** Stable key from imports and fixtures (e.g. "cy1-b1-lobby"), unique within a community. */
    key: text('key'),
    status: text('status', { enum: ['active', 'disabled', 'replaced'] }).notNull().default('active'),
    replacedById: integer('replaced_by_id').references((): AnyPgColumn => qrCodes.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [
    check('qr_codes_code_format', sql`${t.code} ~ '^[2-9A-HJKMNP-Z]{13}$'`),
    check('qr_codes_replaced_has_successor', sql`${t.status} <> 'replaced' OR ${t.replacedById} IS NOT NULL`),
    unique('qr_codes_community_key').on(t.communityId, t.key),
    index('qr_codes_community').on(t.communityId),
  ],
);

export const qrScanDaily = pgTable(
  'qr_scan_daily',
  {
    qrCodeId: integer('qr_code_id').notNull().references(() => qrCodes.id),
    /** Day in the display zone (Asia/Shanghai), the way staff read the figures. */
    day: date('day').notNull(),
    scans: integer('scans').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.qrCodeId, t.day] })],
);
