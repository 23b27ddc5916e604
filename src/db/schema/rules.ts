// Incentive rule sets: versioned and immutable per community; every award records the version it used.
import { date, integer, jsonb, pgTable, serial, timestamp, unique } from 'drizzle-orm/pg-core';
import { communities } from './community';
import { users } from './users';

export const ruleSets = pgTable(
  'rule_sets',
  {
    id: serial('id').primaryKey(),
    communityId: integer('community_id').notNull().references(() => communities.id),
    version: integer('version').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    /** The rules themselves, validated by src/domain/rules/rule-set-schema.ts. Never updated: edits make a new version. */
    body: jsonb('body').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('rule_sets_community_version').on(t.communityId, t.version)],
);
