// Keeps shifts ready ahead: every active template's occurrences from now to `aheadDays` out. Re-running adds nothing
// (one row per template and start, enforced by a unique index), so the scheduler may run it as often as it likes.
import { and, eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { DbOrTx } from '../../db/client';
import { shiftTemplates, shifts } from '../../db/schema';
import { occurrences } from './recurrence';

export async function generateShifts(
  db: DbOrTx,
  o: { now: Date; aheadDays: number; timeZone: string; templateId?: number; from?: Date },
): Promise<{ created: number }> {
  const templates = await db
    .select()
    .from(shiftTemplates)
    .where(o.templateId ? and(eq(shiftTemplates.id, o.templateId), eq(shiftTemplates.active, true)) : eq(shiftTemplates.active, true));
  const from = o.from ?? new Date(o.now.getTime() - 86_400_000);
  const to = new Date(o.now.getTime() + o.aheadDays * 86_400_000);
  let created = 0;
  for (const t of templates) {
    const rows = occurrences(t, from, to, o.timeZone)
      .filter((x) => x.endsAt > (o.from ?? o.now))
      .map((x) => ({
        communityId: t.communityId, kind: 'patrol' as const, templateId: t.id, teamId: t.teamId, title: t.title, startsAt: x.startsAt, endsAt: x.endsAt,
        capacity: t.capacity, minCheckpoints: t.minCheckpoints, leaderSecret: randomBytes(16).toString('hex'), createdBy: t.createdBy,
      }));
    if (!rows.length) continue;
    const made = await db.insert(shifts).values(rows).onConflictDoNothing().returning({ id: shifts.id });
    created += made.length;
  }
  return { created };
}
