// Searches one community's audit log by actor, action, target and date range (days in the display zone), newest first.
import { and, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditLog, users } from '../../db/schema';
import { likePattern, PAGE_SIZE, paged, type Paged } from '../communities/paging';
import { AppError, type Msg } from '../errors';

export interface AuditFilter {
  actor: string;
  action: string;
  target: string;
  from: string;
  to: string;
  page: number;
}

export interface AuditRow {
  id: number;
  at: Date;
  action: string;
  targetType: string;
  targetId: string | null;
  actorUsername: string | null;
  actorName: string | null;
  before: unknown;
  after: unknown;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const realDay = (s: string) => DAY.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/** Refuses impossible dates and reversed ranges with a message beside the field; everything else is plain text search. */
function checkDates(f: AuditFilter) {
  const fields: Record<string, Msg> = {};
  if (f.from && !realDay(f.from)) fields.from = { key: 'cq.audit.err.date' };
  if (f.to && !realDay(f.to)) fields.to = { key: 'cq.audit.err.date' };
  if (!fields.from && !fields.to && f.from && f.to && f.from > f.to) fields.to = { key: 'cq.audit.err.range' };
  if (Object.keys(fields).length) throw new AppError('validation', 'err.form.invalid', fields);
}

export async function searchAudit(db: DbOrTx, input: { communityId: number; filter: AuditFilter; timeZone: string }): Promise<Paged<AuditRow>> {
  const f = input.filter;
  checkDates(f);
  const conds: SQL[] = [eq(auditLog.communityId, input.communityId)];
  if (f.actor) conds.push(or(ilike(users.username, likePattern(f.actor)), ilike(users.displayName, likePattern(f.actor)))!);
  if (f.action) conds.push(ilike(auditLog.action, likePattern(f.action)));
  if (f.target) {
    // "department:12" or "department #12" names one row; digits alone match any target with that id; words match the type.
    const m = /^([a-z_]+)\s*[:#]\s*(\S+)$/i.exec(f.target);
    if (m) conds.push(and(eq(auditLog.targetType, m[1].toLowerCase()), eq(auditLog.targetId, m[2]))!);
    else if (/^\d+$/.test(f.target)) conds.push(eq(auditLog.targetId, f.target));
    else conds.push(ilike(auditLog.targetType, likePattern(f.target)));
  }
  // Days are the display zone's days: "from 11-20" starts at 00:00 Shanghai time, "to 11-21" includes all of the 21st.
  if (f.from) conds.push(sql`${auditLog.at} >= (${f.from}::date)::timestamp at time zone ${input.timeZone}`);
  if (f.to) conds.push(sql`${auditLog.at} < (${f.to}::date + 1)::timestamp at time zone ${input.timeZone}`);
  const where = and(...conds);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({
        id: auditLog.id, at: auditLog.at, action: auditLog.action, targetType: auditLog.targetType, targetId: auditLog.targetId,
        actorUsername: users.username, actorName: users.displayName, before: auditLog.before, after: auditLog.after,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(PAGE_SIZE)
      .offset((f.page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(auditLog).leftJoin(users, eq(users.id, auditLog.actorUserId)).where(where),
  ]);
  return paged(rows, Number(n), f.page);
}
