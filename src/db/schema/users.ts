// People: residents (phone sign-in) and staff (password sign-in) with roles scoped to a community or some of its grids.
import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, primaryKey, serial, text, timestamp, unique, index } from 'drizzle-orm/pg-core';
import { communities, grids, places } from './community';

export const STAFF_ROLES = ['grid_worker', 'police', 'grid_leader', 'organiser', 'clerk', 'community_admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: ['resident', 'staff'] }).notNull(),
    /** Normalised mainland mobile (11 digits); residents only. Never logged. */
    phone: text('phone').unique(),
    username: text('username').unique(),
    displayName: text('display_name').notNull().default(''),
    passwordHash: text('password_hash'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    homePlaceId: integer('home_place_id').references(() => places.id),
    locale: text('locale', { enum: ['zh-CN', 'en'] }).notNull().default('zh-CN'),
    /** Residents who asked (我的账户) not to appear on the public monthly ranking. */
    rankingOptOut: boolean('ranking_opt_out').notNull().default(false),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('users_resident_has_phone', sql`${t.kind} <> 'resident' OR ${t.phone} IS NOT NULL`),
    check('users_staff_has_username', sql`${t.kind} <> 'staff' OR ${t.username} IS NOT NULL`),
    check('users_phone_format', sql`${t.phone} IS NULL OR ${t.phone} ~ '^1[3-9][0-9]{9}$'`),
  ],
);

export const staffRoles = pgTable(
  'staff_roles',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    communityId: integer('community_id').notNull().references(() => communities.id),
    role: text('role', { enum: STAFF_ROLES }).notNull(),
    /** "community": every grid of the community; "grids": only those in staff_role_grids. */
    scope: text('scope', { enum: ['community', 'grids'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('staff_roles_user_community_role').on(t.userId, t.communityId, t.role), index('staff_roles_user').on(t.userId)],
);

export const staffRoleGrids = pgTable(
  'staff_role_grids',
  {
    staffRoleId: integer('staff_role_id').notNull().references(() => staffRoles.id, { onDelete: 'cascade' }),
    gridId: integer('grid_id').notNull().references(() => grids.id),
  },
  (t) => [primaryKey({ columns: [t.staffRoleId, t.gridId] })],
);
