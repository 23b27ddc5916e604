// One announcement as residents see it (its inbox message links here): once it has appeared it stays readable, marked
// when it has expired or was withdrawn; before its time it does not exist for anyone but the staff who manage it.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { announcements, communities } from '../../db/schema';
import { notFound } from '../errors';

export type AnnouncementState = 'scheduled' | 'live' | 'expired' | 'withdrawn';

export const announcementState = (a: { publishAt: Date; expiresAt: Date; withdrawnAt: Date | null }, now: Date): AnnouncementState =>
  a.withdrawnAt ? 'withdrawn' : a.publishAt > now ? 'scheduled' : a.expiresAt <= now ? 'expired' : 'live';

export async function getPublicAnnouncement(db: DbOrTx, input: { id: number; now?: Date }) {
  const now = input.now ?? new Date();
  if (!Number.isSafeInteger(input.id) || input.id <= 0) throw notFound();
  const [a] = await db
    .select({ id: announcements.id, kind: announcements.kind, title: announcements.title, body: announcements.body, publishAt: announcements.publishAt, expiresAt: announcements.expiresAt, withdrawnAt: announcements.withdrawnAt, communityName: communities.name })
    .from(announcements)
    .innerJoin(communities, eq(communities.id, announcements.communityId))
    .where(eq(announcements.id, input.id))
    .limit(1);
  if (!a || a.publishAt > now) throw notFound();
  return { ...a, state: announcementState(a, now) };
}
