// Teams, recurring patrol shifts with routes of checkpoints, one-off volunteer activities, sign-ups and check-ins.
// Activities are shifts of kind 'activity' (no template, one place): sign-up, waitlist, check-in, credit, reminders,
// the iCal feed and the certificate then work the same way for both.
import { sql } from 'drizzle-orm';
import {
  bigserial, boolean, check, date, doublePrecision, index, integer, pgTable, primaryKey, serial, smallint, text, timestamp, unique, uniqueIndex,
} from 'drizzle-orm/pg-core';
import { communities, places } from './community';
import { qrCodes } from './qr';
import { users } from './users';

export const teams = pgTable(
  'teams',
  {
    id: serial('id').primaryKey(),
    communityId: integer('community_id').notNull().references(() => communities.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Volunteers earn points; the paid property patrol only has its hours tracked. */
    earnsPoints: boolean('earns_points').notNull().default(true),
    /** Stable key for fixtures and the demo seed (e.g. "night-run"), unique within a community. */
    key: text('key'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('teams_community_key').on(t.communityId, t.key), index('teams_community').on(t.communityId)],
);

export const TEAM_MEMBER_STATUSES = ['pending', 'active', 'declined', 'left'] as const;
export const teamMembers = pgTable(
  'team_members',
  {
    teamId: integer('team_id').notNull().references(() => teams.id),
    userId: integer('user_id').notNull().references(() => users.id),
    role: text('role', { enum: ['member', 'leader'] }).notNull().default('member'),
    status: text('status', { enum: TEAM_MEMBER_STATUSES }).notNull().default('pending'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user').on(t.userId)],
);

export const shiftTemplates = pgTable(
  'shift_templates',
  {
    id: serial('id').primaryKey(),
    communityId: integer('community_id').notNull().references(() => communities.id),
    teamId: integer('team_id').notNull().references(() => teams.id),
    title: text('title').notNull(),
    /** RFC 5545 RRULE (no DTSTART), read by the `rrule` library over local wall-clock dates. */
    rrule: text('rrule').notNull(),
    /** Local wall-clock start and end ('19:00', '22:00') in DISPLAY_TZ; end before start only with crossesMidnight. */
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    crossesMidnight: boolean('crosses_midnight').notNull().default(false),
    validFrom: date('valid_from').notNull(),
    validUntil: date('valid_until'),
    capacity: integer('capacity').notNull(),
    minCheckpoints: integer('min_checkpoints').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('shift_templates_capacity', sql`${t.capacity} BETWEEN 1 AND 1000`),
    check('shift_templates_times', sql`${t.startTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND ${t.endTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    check('shift_templates_midnight', sql`(${t.endTime} > ${t.startTime}) <> ${t.crossesMidnight}`),
    check('shift_templates_min_cp', sql`${t.minCheckpoints} >= 0`),
    index('shift_templates_team').on(t.teamId),
  ],
);

/** The ordered route of a template: existing checkpoint places (their patrol_checkpoint QR codes open check-in). */
export const routeStops = pgTable(
  'route_stops',
  {
    templateId: integer('template_id').notNull().references(() => shiftTemplates.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    placeId: integer('place_id').notNull().references(() => places.id),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.position] }), unique('route_stops_place').on(t.templateId, t.placeId)],
);

/** Where a checkpoint is, when known: check-ins far from it (or without a location) are flagged, never refused. */
export const placeLocations = pgTable('place_locations', {
  placeId: integer('place_id').primaryKey().references(() => places.id),
  lat: doublePrecision('lat').notNull(),
  lng: doublePrecision('lng').notNull(),
  radiusM: integer('radius_m').notNull().default(150),
});

export const SHIFT_KINDS = ['patrol', 'activity'] as const;
export const shifts = pgTable(
  'shifts',
  {
    id: serial('id').primaryKey(),
    communityId: integer('community_id').notNull().references(() => communities.id),
    kind: text('kind', { enum: SHIFT_KINDS }).notNull(),
    /** Patrols: the template it was generated from. Activities: none. */
    templateId: integer('template_id').references(() => shiftTemplates.id),
    /** Null = an activity open to every resident of the community. */
    teamId: integer('team_id').references(() => teams.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** Activities: where it happens (its event_checkin QR code checks people in). */
    placeId: integer('place_id').references(() => places.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    /** Confirmed sign-ups, changed only under the shift's row lock together with the sign-up rows. */
    confirmedCount: integer('confirmed_count').notNull().default(0),
    minCheckpoints: integer('min_checkpoints').notNull().default(0),
    status: text('status', { enum: ['scheduled', 'cancelled', 'closed'] }).notNull().default('scheduled'),
    cancelNotice: text('cancel_notice'),
    /** Key for the leader's rotating check-in code (HMAC per 30 s window). */
    leaderSecret: text('leader_secret').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('shifts_window', sql`${t.endsAt} > ${t.startsAt} AND ${t.endsAt} - ${t.startsAt} <= interval '24 hours'`),
    check('shifts_capacity', sql`${t.capacity} >= 1 AND ${t.confirmedCount} BETWEEN 0 AND ${t.capacity}`),
    check('shifts_kind_template', sql`(${t.kind} = 'patrol') = (${t.templateId} IS NOT NULL)`),
    // One occurrence per template and start: the generator can run any number of times.
    uniqueIndex('shifts_template_start').on(t.templateId, t.startsAt).where(sql`${t.templateId} IS NOT NULL`),
    index('shifts_community_start').on(t.communityId, t.startsAt),
  ],
);

export const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export const CREDIT_STATUSES = ['pending', 'credited', 'hours_only', 'flagged', 'voided', 'no_show', 'nothing'] as const;
export type CreditStatus = (typeof CREDIT_STATUSES)[number];

export const shiftSignups = pgTable(
  'shift_signups',
  {
    id: serial('id').primaryKey(),
    shiftId: integer('shift_id').notNull().references(() => shifts.id),
    userId: integer('user_id').notNull().references(() => users.id),
    status: text('status', { enum: SIGNUP_STATUSES }).notNull(),
    /** Arrival order, taken under the shift's row lock: the waitlist is promoted in this order. */
    arrival: bigserial('arrival', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    promotedAt: timestamp('promoted_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
    /** Minutes served inside the window (verified once credited or hours_only). */
    creditMinutes: integer('credit_minutes'),
    creditPoints: integer('credit_points'),
    creditStatus: text('credit_status', { enum: CREDIT_STATUSES }).notNull().default('pending'),
    /** Why the credit waits for an organiser: far, no_location, too_fast, shared_device, route_incomplete. */
    flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  },
  (t) => [
    unique('shift_signups_one_per_person').on(t.shiftId, t.userId),
    index('shift_signups_user').on(t.userId),
    index('shift_signups_waitlist').on(t.shiftId, t.arrival).where(sql`${t.status} = 'waitlisted'`),
  ],
);

export const checkIns = pgTable(
  'check_ins',
  {
    id: serial('id').primaryKey(),
    signupId: integer('signup_id').notNull().references(() => shiftSignups.id),
    shiftId: integer('shift_id').notNull().references(() => shifts.id),
    /** The checkpoint scanned; null for a check-in through the leader's code. */
    placeId: integer('place_id').references(() => places.id),
    qrCodeId: integer('qr_code_id').references(() => qrCodes.id),
    via: text('via', { enum: ['poster', 'leader'] }).notNull().default('poster'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    /** Random id kept in a cookie on the phone: one account per device per scan. */
    deviceId: text('device_id'),
    flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    // A second check-in at the same checkpoint is refused by the database too, whatever races.
    uniqueIndex('check_ins_once_per_place').on(t.signupId, t.placeId).where(sql`${t.placeId} IS NOT NULL`),
    uniqueIndex('check_ins_once_by_leader').on(t.signupId).where(sql`${t.via} = 'leader'`),
    index('check_ins_shift').on(t.shiftId, t.at),
  ],
);

/** Private iCal feed per person: only SHA-256 of the secret is kept; resetting it kills the old link. */
export const calendarFeeds = pgTable('calendar_feeds', {
  userId: integer('user_id').primaryKey().references(() => users.id),
  secretHash: text('secret_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Issued volunteer service record certificates: the public check URL carries the unguessable id. */
export const serviceCertificates = pgTable('service_certificates', {
  id: text('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id),
  communityId: integer('community_id').notNull().references(() => communities.id),
  periodFrom: date('period_from').notNull(),
  periodTo: date('period_to').notNull(),
  minutes: integer('minutes').notNull(),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
});
