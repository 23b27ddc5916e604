// When an announcement's time comes (queued at publishing with that delay): its residents' inbox messages.
import { deliverAnnouncement } from '../../domain/announcements/deliver-announcement';
import { bindJob } from '../define';

export const announcementsDeliver = bindJob({
  name: 'announcements.deliver',
  attempts: 5,
  backoffMs: 30_000,
  async handler(payload, ctx) {
    const r = await deliverAnnouncement(ctx.db, { announcementId: payload.announcementId, now: ctx.now() });
    // Queued with the publish time as its delay; a clock a little behind the queue's runs it again shortly.
    if (r.skipped === 'not_due') throw new Error('announcement not due yet');
    return r;
  },
});
