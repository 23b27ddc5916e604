// The staff console's data: departments items are routed to (网格吹哨、部门报到), their answers, and reply templates.
import { boolean, index, integer, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { communities } from './community';
import { submissions } from './submissions';
import { users } from './users';

/** Departments are data: each community keeps its own list (物业公司, 城管, 市场监管, 派出所 …). */
export const departments = pgTable(
  'departments',
  {
    id: serial('id').primaryKey(),
    communityId: integer('community_id').notNull().references(() => communities.id),
    name: text('name').notNull(),
    /** Free text shown next to the name, e.g. a phone number or the contact person. */
    contact: text('contact').notNull().default(''),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('departments_community_name').on(t.communityId, t.name)],
);

/** One row per time an item was routed to a department; the department's answer is recorded by staff. */
export const departmentRequests = pgTable(
  'department_requests',
  {
    id: serial('id').primaryKey(),
    submissionId: integer('submission_id').notNull().references(() => submissions.id),
    departmentId: integer('department_id').notNull().references(() => departments.id),
    note: text('note').notNull().default(''),
    routedBy: integer('routed_by').notNull().references(() => users.id),
    routedAt: timestamp('routed_at', { withTimezone: true }).notNull().defaultNow(),
    answer: text('answer'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    recordedBy: integer('recorded_by').references(() => users.id),
  },
  (t) => [index('department_requests_submission').on(t.submissionId), index('department_requests_open').on(t.departmentId, t.answeredAt)],
);

/** Reply templates managed by community admins; staff pick one to fill the reply box. */
export const replyTemplates = pgTable(
  'reply_templates',
  {
    id: serial('id').primaryKey(),
    communityId: integer('community_id').notNull().references(() => communities.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    active: boolean('active').notNull().default(true),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('reply_templates_community_title').on(t.communityId, t.title)],
);
