// 称呼 in 我的账户: a resident names themself (shared text rule, values kept on refusal) and the wish wall shows it masked.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema';
import { useTestApp } from '../helpers/app';
import { DEMO_PASSWORD, demoWorld, insertItem, resident, type DemoWorld } from './me-helpers';

const t = useTestApp();
let w: DemoWorld;
beforeAll(async () => {
  w = await demoWorld(t.deps.database);
});

describe('称呼', () => {
  it('a phone-only resident sets a name; the wish wall shows it masked; markup is refused with the value kept', async () => {
    const user = await resident(t.deps.db, '');
    await insertItem(t.deps.db, w, { authorUserId: user.id, kind: 'wish', publicWish: true, grid: 'grid1', description: '想请邻居帮忙修一下自行车的链条。' });
    const client = t.client();
    await client.signInResident(user.phone);
    expect(await (await client.get('/wishes')).text()).toContain('一位邻居');

    const page = await (await client.get('/account')).text();
    expect(page).toContain('name="displayName"');

    const bad = await client.post('/account/name', { displayName: '<b>王</b>' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('&lt;b&gt;王&lt;/b&gt;');
    expect((await t.deps.db.select().from(users).where(eq(users.id, user.id)))[0].displayName).toBe('');

    const ok = await client.post('/account/name', { displayName: '  王阿姨 ' });
    expect(ok.status).toBe(303);
    expect((await t.deps.db.select().from(users).where(eq(users.id, user.id)))[0].displayName).toBe('王阿姨');
    const wall = await (await t.client().get('/wishes')).text();
    expect(wall).toContain('王**');
    expect(wall).not.toContain('王阿姨');
  });

  it('staff have no 称呼 form and cannot post one', async () => {
    const staff = t.client();
    expect((await staff.signInStaff('worker1', DEMO_PASSWORD)).status).toBe(303);
    expect(await (await staff.get('/account')).text()).not.toContain('name="displayName"');
    expect((await staff.post('/account/name', { displayName: '张' })).status).toBe(403);
  });
});
