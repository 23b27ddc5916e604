// CSV uploads held between preview and confirm: the parsed rows wait here so the confirm step writes exactly what was previewed.
import { check, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { communities } from './community';
import { users } from './users';

export const IMPORT_ENTITIES = ['grids', 'places', 'staff'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

export const importBatches = pgTable(
  'import_batches',
  {
    id: serial('id').primaryKey(),
    communityId: integer('community_id').notNull().references(() => communities.id),
    /** Only the admin who uploaded may confirm; anyone else reads it as "not found". */
    actorUserId: integer('actor_user_id').notNull().references(() => users.id),
    entity: text('entity', { enum: IMPORT_ENTITIES }).notNull(),
    fileName: text('file_name').notNull().default(''),
    /** Cells keyed by field name, in file order; re-validated at confirm time against the database as it is then. */
    rows: jsonb('rows').notNull(),
    rowCount: integer('row_count').notNull(),
    status: text('status', { enum: ['pending', 'done'] }).notNull().default('pending'),
    /** Counts only: one-time passwords of imported staff are never stored. */
    result: jsonb('result'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    check('import_batches_row_count_nonneg', sql`${t.rowCount} >= 0`),
    index('import_batches_actor').on(t.actorUserId, t.createdAt),
  ],
);
