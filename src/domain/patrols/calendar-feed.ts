// A private iCal feed per person: the URL carries `<user>-<secret>`; only SHA-256 of the secret is stored, so the link
// is shown once (when made or reset) and resetting it makes the old one a 404. Built with ical-generator, in UTC.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import ical, { ICalEventStatus } from 'ical-generator';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { calendarFeeds, places, shiftSignups, shifts } from '../../db/schema';
import { AppError } from '../errors';

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Makes (or replaces) the person's feed secret; returns the path to give them once. */
export async function resetCalendarFeed(db: DbOrTx, userId: number): Promise<string> {
  const secret = randomBytes(20).toString('hex');
  await db
    .insert(calendarFeeds)
    .values({ userId, secretHash: hash(secret) })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { secretHash: hash(secret), createdAt: new Date() } });
  return `/cal/${userId}-${secret}.ics`;
}

export async function calendarFeedState(db: DbOrTx, userId: number): Promise<{ createdAt: Date } | null> {
  const [row] = await db.select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
  return row ?? null;
}

/** The feed for a token; any wrong, reset or malformed token is the same 404. */
export async function buildCalendarFeed(db: DbOrTx, rawToken: string, o: { now: Date; baseUrl: string }): Promise<string> {
  const m = /^(\d{1,10})-([a-f0-9]{40})\.ics$/.exec(rawToken);
  if (!m) throw new AppError('not_found', 'error.404');
  const userId = Number(m[1]);
  const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
  const given = Buffer.from(hash(m[2]), 'hex');
  if (!row || !timingSafeEqual(Buffer.from(row.secretHash, 'hex'), given)) throw new AppError('not_found', 'error.404');
  const items = await db
    .select({ shift: shifts, placeName: places.name })
    .from(shiftSignups)
    .innerJoin(shifts, eq(shifts.id, shiftSignups.shiftId))
    .leftJoin(places, eq(places.id, shifts.placeId))
    .where(
      and(
        eq(shiftSignups.userId, userId),
        ne(shiftSignups.status, 'cancelled'),
        sql`${shifts.startsAt} > ${new Date(o.now.getTime() - 30 * 86_400_000).toISOString()}::timestamptz`,
        sql`${shifts.startsAt} < ${new Date(o.now.getTime() + 90 * 86_400_000).toISOString()}::timestamptz`,
      ),
    )
    .orderBy(shifts.startsAt);
  const cal = ical({ name: '安邻 · 我的巡逻与志愿活动', prodId: { company: 'anlin', product: 'shifts', language: 'ZH' }, ttl: 3600 });
  const host = new URL(o.baseUrl).host;
  for (const { shift, placeName } of items) {
    cal.createEvent({
      id: `shift-${shift.id}@${host}`,
      start: shift.startsAt,
      end: shift.endsAt,
      summary: shift.title,
      location: placeName ?? undefined,
      description: shift.status === 'cancelled' ? `已取消:${shift.cancelNotice ?? ''}` : shift.description || undefined,
      url: `${o.baseUrl.replace(/\/+$/, '')}/shifts/${shift.id}`,
      status: shift.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}
