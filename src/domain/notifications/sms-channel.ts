// The SMS channel: the notification's text, in the reader's language, to their phone through the SMS provider interface.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { users } from '../../db/schema';
import { translator } from '../../i18n/messages';
import type { SmsProvider } from '../../infra/sms';
import { smsText } from './notification-text';
import type { NotificationChannel } from './notify';

export function smsChannel(db: DbOrTx, sms: SmsProvider): NotificationChannel {
  return {
    name: 'sms',
    async deliver(n) {
      const [user] = await db.select({ phone: users.phone, locale: users.locale, disabledAt: users.disabledAt }).from(users).where(eq(users.id, n.userId));
      // Staff have no phone on file; disabled accounts get nothing.
      if (!user?.phone || user.disabledAt) return;
      await sms.sendText(user.phone, smsText(translator(user.locale), { kind: n.kind, title: n.title, body: n.body ?? '' }));
    },
  };
}
