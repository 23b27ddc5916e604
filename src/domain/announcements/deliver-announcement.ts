// The announcements.deliver job: once an announcement's time has come, one message in the inbox of every resident of
// its audience — residents whose home is in its grids (or anywhere in the community), and residents who have reported
// something there. One INSERT … SELECT; the dedupe key makes a rerun deliver nobody twice; a withdrawn one sends nothing.
import { and, eq, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { announcementGrids, announcements } from '../../db/schema';
import { query } from '../points/ledger-sql';

export async function deliverAnnouncement(db: Db, input: { announcementId: number; now?: Date }): Promise<{ delivered: number; skipped?: 'not_due' | 'gone' }> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [a] = await tx
      .select()
      .from(announcements)
      .where(and(eq(announcements.id, input.announcementId), isNull(announcements.withdrawnAt), isNull(announcements.deliveredAt)))
      .for('update')
      .limit(1);
    if (!a) return { delivered: 0, skipped: 'gone' as const };
    if (a.publishAt > now) return { delivered: 0, skipped: 'not_due' as const };
    const gridRows = await tx.select({ gridId: announcementGrids.gridId }).from(announcementGrids).where(eq(announcementGrids.announcementId, a.id));
    const gridIds = gridRows.map((g) => g.gridId);
    const inGrids = (col: SQL) => (gridIds.length ? sql`${col} IN (${sql.join(gridIds.map((g) => sql`${g}`), sql`, `)})` : sql`true`);
    // A home place's grid may be set on it or on the building or courtyard above it.
    const homeGrid = sql`coalesce(p.grid_id, pp.grid_id, ppp.grid_id)`;
    const inserted = await query<{ one: number }>(tx, sql`
      INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key)
      SELECT u.id, ${`announcement.${a.kind}`}, ${a.title}, ${a.body}, ${`/announcements/${a.id}`}, ${`announcement:${a.id}:`} || u.id
      FROM users u
      WHERE u.kind = 'resident' AND u.disabled_at IS NULL AND u.id IN (
        SELECT r.id FROM users r
          JOIN places p ON p.id = r.home_place_id
          LEFT JOIN places pp ON pp.id = p.parent_id
          LEFT JOIN places ppp ON ppp.id = pp.parent_id
         WHERE p.community_id = ${a.communityId} AND ${inGrids(homeGrid)}
        UNION
        SELECT s.author_user_id FROM submissions s WHERE s.community_id = ${a.communityId} AND ${inGrids(sql`s.grid_id`)}
      )
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING 1 AS one`);
    const delivered = inserted.length;
    await tx.update(announcements).set({ deliveredAt: now, deliveredCount: delivered }).where(and(eq(announcements.id, a.id), lte(announcements.publishAt, now)));
    return { delivered };
  });
}
