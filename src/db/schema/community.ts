// Where people live: communities, their 15-digit grids and the tree of places (courtyard → building → unit, checkpoints…).
import { sql } from 'drizzle-orm';
import { check, integer, pgTable, serial, text, timestamp, unique, index, type AnyPgColumn } from 'drizzle-orm/pg-core';

export const communities = pgTable(
  'communities',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    district: text('district').notNull().default(''),
    population: integer('population'),
    /** Letters that start tracking numbers (e.g. QY-2026-000123). */
    trackingPrefix: text('tracking_prefix').notNull().default('AL'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('communities_code_12_digits', sql`${t.code} ~ '^[0-9]{12}$'`),
    check('communities_tracking_prefix', sql`${t.trackingPrefix} ~ '^[A-Z]{2,4}$'`),
  ],
);

export const places = pgTable(
  'places',
  {
    id: serial('id').primaryKey(),
    communityId: integer('community_id').notNull().references(() => communities.id),
    parentId: integer('parent_id').references((): AnyPgColumn => places.id),
    kind: text('kind', { enum: ['courtyard', 'building', 'unit', 'checkpoint', 'counter', 'other'] }).notNull(),
    name: text('name').notNull(),
    /** Stable key from imports and fixtures (e.g. "cy1-b2"), unique within a community. */
    key: text('key'),
    gridId: integer('grid_id').references((): AnyPgColumn => grids.id),
    floors: integer('floors'),
    units: integer('units'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('places_community_key').on(t.communityId, t.key), index('places_parent').on(t.parentId)],
);

export const grids = pgTable(
  'grids',
  {
    id: serial('id').primaryKey(),
    communityId: integer('community_id').notNull().references(() => communities.id),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['comprehensive', 'dedicated'] }).notNull().default('comprehensive'),
    households: integer('households').notNull().default(0),
    courtyardId: integer('courtyard_id').references((): AnyPgColumn => places.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('grids_code_15_digits', sql`${t.code} ~ '^[0-9]{15}$'`),
    check('grids_households_nonneg', sql`${t.households} >= 0`),
    index('grids_community').on(t.communityId),
  ],
);
