// Sends one inbox notification through the outside channels (SMS when NOTIFY_SMS is on). The inbox row already exists.
import { getConfig } from '../../config';
import { smsNotificationsEnabled } from '../../domain/notifications/channels';
import { deliverNotification } from '../../domain/notifications/deliver-notification';
import { smsChannel } from '../../domain/notifications/sms-channel';
import { smsFromConfig } from '../../infra/sms';
import { bindJob } from '../define';

export const notificationsDeliver = bindJob({
  name: 'notifications.deliver',
  attempts: 5,
  backoffMs: 10_000,
  async handler(payload, ctx) {
    // Switched off after the job was written: nothing to send.
    if (!smsNotificationsEnabled()) return { delivered: [], reason: 'off' };
    const config = getConfig();
    // At-least-once: the outbox row skips a finished run, but a crash between sending and marking done resends one text.
    return deliverNotification(ctx.db, [smsChannel(ctx.db, smsFromConfig(config, ctx.logger))], payload.notificationId);
  },
});
