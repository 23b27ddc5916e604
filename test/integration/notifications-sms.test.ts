// The SMS channel with NOTIFY_SMS on: notify() queues one notifications.deliver job, which texts the reader in their language.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobOutbox, notifications, users } from '../../src/db/schema';
import { deliverNotification } from '../../src/domain/notifications/deliver-notification';
import { notify } from '../../src/domain/notifications/notify';
import { smsChannel } from '../../src/domain/notifications/sms-channel';
import type { SmsProvider } from '../../src/infra/sms';
import { notificationsDeliver } from '../../src/jobs/handlers/notifications-deliver';
import { createLogger } from '../../src/logger';
import { useTestDatabase } from '../helpers/db';
import { makeStaff, makeCommunity } from '../helpers/builders';
import { verifySubmission } from '../../src/domain/verification/verify-submission';
import { makeRuleSet, makeSubmissions } from '../helpers/points';
import { resident } from './me-helpers';

// Read once, lazily, by the channel switch: set before the first notify() of this file (each file has its own modules).
// BASE_URL too: under vitest it holds Vite's '/', and the job handler reads the whole process config like a worker does.
const before = { NOTIFY_SMS: process.env.NOTIFY_SMS, BASE_URL: process.env.BASE_URL };
Object.assign(process.env, { NOTIFY_SMS: '1', BASE_URL: 'http://anlin.test' });
afterAll(() => {
  for (const [k, v] of Object.entries(before)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const tdb = useTestDatabase();

function recordingSms() {
  const sent: { phone: string; text: string }[] = [];
  const sms: SmsProvider = {
    name: 'recording',
    sendCode: async () => {},
    sendText: async (phone, text) => void sent.push({ phone, text }),
  };
  return { sms, sent };
}

describe('SMS channel (NOTIFY_SMS=1)', () => {
  let userId: number;
  let phone: string;
  beforeAll(async () => {
    const u = await resident(tdb.db);
    userId = u.id;
    phone = u.phone;
  });

  it('notify() writes one deliver job with the inbox row, in the same transaction', async () => {
    const id = await notify(tdb.db, { userId, kind: 'status.accepted', title: 'QY-2026-000123', dedupeKey: 'sms-test:1' });
    const again = await notify(tdb.db, { userId, kind: 'status.accepted', title: 'QY-2026-000123', dedupeKey: 'sms-test:1' });
    expect(again).toBeNull();
    const jobs = await tdb.db.select().from(jobOutbox).where(eq(jobOutbox.dedupeKey, `notify:${id}`));
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ name: 'notifications.deliver', payload: { notificationId: id }, status: 'pending' });

    // A rolled-back change notifies nobody and queues nothing.
    await tdb.db
      .transaction(async (tx) => {
        await notify(tx, { userId, kind: 'reply', title: 'QY-2026-000124', dedupeKey: 'sms-test:rollback' });
        throw new Error('rollback');
      })
      .catch(() => {});
    expect(await tdb.db.select().from(notifications).where(eq(notifications.dedupeKey, 'sms-test:rollback'))).toEqual([]);
  });

  it('delivers the worded text to the phone in the reader’s language', async () => {
    const { sms, sent } = recordingSms();
    const id = await notify(tdb.db, { userId, kind: 'status.resolved', title: 'QY-2026-000125', body: '已修复楼道灯' });
    expect(await deliverNotification(tdb.db, [smsChannel(tdb.db, sms)], id!)).toEqual({ delivered: ['sms'] });
    expect(sent).toEqual([{ phone, text: '【安邻】诉求 QY-2026-000125 状态更新:已办结:已修复楼道灯' }]);

    await tdb.db.update(users).set({ locale: 'en' }).where(eq(users.id, userId));
    const id2 = await notify(tdb.db, { userId, kind: 'reply', title: 'QY-2026-000126' });
    await deliverNotification(tdb.db, [smsChannel(tdb.db, sms)], id2!);
    expect(sent[1].text).toBe('【Anlin】Report QY-2026-000126: staff replied');
  });

  it('skips what was already read in the app, staff without phones, and missing rows', async () => {
    const { sms, sent } = recordingSms();
    const id = await notify(tdb.db, { userId, kind: 'reply', title: 'QY-2026-000127' });
    await tdb.db.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, id!));
    expect(await deliverNotification(tdb.db, [smsChannel(tdb.db, sms)], id!)).toEqual({ delivered: [], reason: 'read' });
    const community = await makeCommunity(tdb.db);
    const staff = await makeStaff(tdb.db, { communityId: community.id, role: 'grid_worker' });
    const sid = await notify(tdb.db, { userId: staff.user.id, kind: 'reply', title: 'QY-2026-000128' });
    await deliverNotification(tdb.db, [smsChannel(tdb.db, sms)], sid!);
    expect(await deliverNotification(tdb.db, [smsChannel(tdb.db, sms)], 999_999_999)).toEqual({ delivered: [], reason: 'missing' });
    expect(sent).toEqual([]);
  });

  it('the job handler sends through the configured provider, which logs only a masked number', async () => {
    const id = await notify(tdb.db, { userId, kind: 'reply', title: 'QY-2026-000129', body: '私人内容' });
    const lines: string[] = [];
    const logger = createLogger('info');
    const spy = { ...logger, info: (obj: unknown, msg?: string) => void lines.push(JSON.stringify(obj) + (msg ?? '')), child: () => spy } as never;
    const result = await notificationsDeliver.handler({ notificationId: id! }, { db: tdb.db, logger: spy, attempt: 1, now: () => new Date(), runtime: { redispatchLost: async () => 0 } });
    expect(result).toEqual({ delivered: ['sms'] });
    const log = lines.join('\n');
    expect(log).toContain(`${phone.slice(0, 3)}****${phone.slice(7)}`);
    expect(log).not.toContain(phone);
    expect(log).not.toContain('私人内容');
  });

  it('a verification (two statements, no transaction of its own) queues the text for its inbox message too', async () => {
    const community = await makeCommunity(tdb.db);
    const rules = await makeRuleSet(tdb.db, community.id);
    const [item] = await makeSubmissions(tdb.db, [{ communityId: community.id, authorUserId: userId, ruleSetId: rules.id, status: 'received' }]);
    expect(await verifySubmission(tdb.db, { submissionId: item.id, now: new Date() })).toMatchObject({ moved: true });
    const [n] = await tdb.db.select().from(notifications).where(eq(notifications.title, item.trackingNo));
    expect(n.kind).toBe('status.pending_review');
    const jobs = await tdb.db.select().from(jobOutbox).where(eq(jobOutbox.dedupeKey, `notify:${n.id}`));
    expect(jobs).toHaveLength(1);
    expect(jobs[0].name).toBe('notifications.deliver');
  });
});

