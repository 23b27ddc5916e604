// Hourly: vouchers past their validity give their points and units back (goods) or become no-shows (course seats).
import { getConfig } from '../../config';
import { expireVouchers } from '../../domain/rewards/expire-vouchers';
import { bindJob } from '../define';

export const rewardsExpireVouchers = bindJob({
  name: 'rewards.expire-vouchers',
  attempts: 3,
  backoffMs: 60_000,
  every: 60 * 60 * 1000,
  async handler(payload, ctx) {
    return expireVouchers(ctx.db, { now: ctx.now(), timeZone: getConfig().DISPLAY_TZ, limit: payload.limit });
  },
});
