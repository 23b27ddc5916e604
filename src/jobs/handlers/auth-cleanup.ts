// Hourly: forget used or expired one-time codes and sessions idle past the timeout.
import { lt, or, isNotNull } from 'drizzle-orm';
import { otpCodes, sessions } from '../../db/schema';
import { bindJob } from '../define';

export const authCleanup = bindJob({
  name: 'auth.cleanup',
  attempts: 2,
  backoffMs: 60_000,
  every: 60 * 60 * 1000,
  async handler(payload, ctx) {
    const now = ctx.now().getTime();
    const dayAgo = new Date(now - 24 * 3600 * 1000);
    const codes = await ctx.db
      .delete(otpCodes)
      .where(or(lt(otpCodes.expiresAt, dayAgo), isNotNull(otpCodes.consumedAt)))
      .returning({ id: otpCodes.id });
    const idle = await ctx.db
      .delete(sessions)
      .where(lt(sessions.lastVerifiedAt, new Date(now - payload.idleDays * 86400 * 1000)))
      .returning({ id: sessions.id });
    return { codes: codes.length, sessions: idle.length };
  },
});
