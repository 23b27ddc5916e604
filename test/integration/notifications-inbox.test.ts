// The inbox (消息): unread count in the navigation, open marks read and follows the link, mark all read, own messages only.
import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { jobOutbox, notifications } from '../../src/db/schema';
import { notify } from '../../src/domain/notifications/notify';
import { recordStatusChange } from '../../src/domain/submissions/record-status-change';
import { useTestApp } from '../helpers/app';
import { badInputs } from '../helpers/bad-inputs';
import { DEMO_PASSWORD, demoWorld, insertItem, resident, type DemoWorld } from './me-helpers';

const t = useTestApp();
let w: DemoWorld;
beforeAll(async () => {
  w = await demoWorld(t.deps.database);
});

async function signedIn() {
  const user = await resident(t.deps.db);
  const client = t.client();
  await client.signInResident(user.phone);
  return { user, client };
}

const navCount = (html: string) => /<a href="\/me\/inbox"[^>]*>消息(?:<span class="count"[^>]*>(\d+)<\/span>)?<\/a>/.exec(html);

describe('inbox', () => {
  it('every status change reaches the author; the count shows in the navigation until opened', async () => {
    const { user, client } = await signedIn();
    expect(navCount(await (await client.get('/')).text())?.[1]).toBeUndefined();
    const item = await insertItem(t.deps.db, w, { authorUserId: user.id, status: 'received' });
    await t.deps.db.transaction(async (tx) => {
      await recordStatusChange(tx, { submission: item, from: 'received', to: 'pending_review', actorUserId: null });
      await recordStatusChange(tx, { submission: item, from: 'pending_review', to: 'accepted', actorUserId: null, body: '感谢您的线索' });
    });
    const home = await (await client.get('/')).text();
    expect(navCount(home)?.[1]).toBe('2');
    expect(home).toContain('aria-label="消息,2 条未读"');

    const inbox = await (await client.get('/me/inbox')).text();
    expect(inbox).toContain(`诉求 ${item.trackingNo} 状态更新:已采纳`);
    expect(inbox).toContain('感谢您的线索');
    expect(inbox).toContain('2 条未读');
    const ids = [...inbox.matchAll(/data-notification="(\d+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);

    // Opening the newest marks it read and lands on the item page.
    const open = await client.get(`/me/inbox/${ids[0]}`);
    expect(open.status).toBe(303);
    expect(open.headers.get('location')).toBe(`/me/submissions/${item.trackingNo}`);
    const [row] = await t.deps.db.select().from(notifications).where(eq(notifications.id, Number(ids[0])));
    expect(row.readAt).toBeInstanceOf(Date);
    expect(navCount(await (await client.get(`/me/submissions/${item.trackingNo}`)).text())?.[1]).toBe('1');

    // Opening again keeps the first read time.
    await client.get(`/me/inbox/${ids[0]}`);
    const [again] = await t.deps.db.select().from(notifications).where(eq(notifications.id, Number(ids[0])));
    expect(again.readAt!.getTime()).toBe(row.readAt!.getTime());
  });

  it('mark all read', async () => {
    const { user, client } = await signedIn();
    for (let i = 0; i < 3; i++) await notify(t.deps.db, { userId: user.id, kind: 'reply', title: `QY-2026-00000${i}`, body: '回复' });
    const res = await client.post('/me/inbox/read-all', {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/me/inbox?marked=3');
    const page = await (await client.get('/me/inbox?marked=3')).text();
    expect(page).toContain('已将 3 条消息标为已读');
    expect(page).toContain('全部已读');
    expect(page).not.toContain('全部标为已读');
    expect(navCount(page)?.[1]).toBeUndefined();
    expect(await t.deps.db.select().from(notifications).where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)))).toEqual([]);
  });

  it("someone else's message is not found and stays unread", async () => {
    const { client } = await signedIn();
    const other = await resident(t.deps.db, '李四');
    const id = await notify(t.deps.db, { userId: other.id, kind: 'reply', title: 'QY-2026-000001', body: '别人的消息' });
    const res = await client.get(`/me/inbox/${id}`);
    expect(res.status).toBe(404);
    const [row] = await t.deps.db.select().from(notifications).where(eq(notifications.id, id!));
    expect(row.readAt).toBeNull();
    expect(await (await client.get('/me/inbox')).text()).not.toContain('别人的消息');
    for (const bad of badInputs.ids) expect((await client.get(`/me/inbox/${encodeURIComponent(bad)}`)).status, bad).toBe(404);
  });

  it('a message without a link opens on its own page', async () => {
    const { user, client } = await signedIn();
    const id = await notify(t.deps.db, { userId: user.id, kind: 'announcement', title: '停水通知', body: '周六 9:00–12:00 停水' });
    const res = await client.get(`/me/inbox/${id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('停水通知');
    expect(html).toContain('周六 9:00–12:00 停水');
  });

  it('an empty inbox says what will arrive; 20 per page', async () => {
    const { user, client } = await signedIn();
    expect(await (await client.get('/me/inbox')).text()).toContain('您提交的线索和心愿有进展');
    for (let i = 0; i < 21; i++) await notify(t.deps.db, { userId: user.id, kind: 'reply', title: `QY-2026-0000${String(i).padStart(2, '0')}`, body: '' });
    const p1 = await (await client.get('/me/inbox')).text();
    expect([...p1.matchAll(/data-notification=/g)]).toHaveLength(20);
    const p2 = await (await client.get('/me/inbox?page=2')).text();
    expect([...p2.matchAll(/data-notification=/g)]).toHaveLength(1);
    expect(p2).toContain('QY-2026-000000');
  });

  it('signed out → sign in; staff have no inbox count in their navigation', async () => {
    expect((await t.client().get('/me/inbox')).status).toBe(303);
    const staff = t.client();
    await staff.signInStaff('worker1', DEMO_PASSWORD);
    const html = await (await staff.get('/staff')).text();
    expect(html).not.toContain('href="/me/inbox"');
    expect(html).toContain('href="/staff/wishes"');
  });

  it('with NOTIFY_SMS off (the default) nothing is queued for SMS', async () => {
    const user = await resident(t.deps.db);
    const id = await notify(t.deps.db, { userId: user.id, kind: 'reply', title: 'QY-2026-000777', body: '' });
    const jobs = await t.deps.db.select().from(jobOutbox).where(eq(jobOutbox.dedupeKey, `notify:${id}`));
    expect(jobs).toEqual([]);
  });
});
