// Issue 9 items 14 and 15: the staff item page and its assign form say who handles the item's grid (grid workers and
// leaders, name and role, the grid's own first), and organisers and clerks — community-wide roles for their own features —
// are never grid staff: their workbench says what they will do there instead of listing all 17 grids.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { grids, users } from '../../src/db/schema';
import { listGridTeam } from '../../src/domain/grids/grid-team';
import { useTestApp } from '../helpers/app';
import { makeStaff } from '../helpers/builders';
import { staffClients } from './console-item-helpers';
import { demoWorld, insertItem, resident, type DemoWorld } from './me-helpers';

const t = useTestApp();
const staff = staffClients(t);
let w: DemoWorld;

beforeAll(async () => {
  w = await demoWorld(t.deps.database);
});

const section = (html: string, id: string) => {
  const start = html.indexOf(`id="${id}"`);
  return start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
};

describe('who handles this grid', () => {
  it('lists the grid worker and the grid leader on the item page, and nobody else', async () => {
    const author = await resident(t.deps.db);
    const item = await insertItem(t.deps.db, w, { authorUserId: author.id });
    const html = await (await (await staff('worker1')).get(`/staff/items/${item.id}`)).text();
    const team = section(html, 'grid-team');
    expect(team).toContain('这个网格由谁负责');
    expect(team).toMatch(/<strong>张伟<\/strong>(\(您\))?<span class="muted"> · 网格员<\/span>/);
    expect(team).toContain('<strong>陈晓东</strong>');
    expect(team).toContain('网格长');
    expect(team.indexOf('张伟')).toBeLessThan(team.indexOf('陈晓东'));
    expect(team).toContain('(您)');
    // Not the grid's team: other grids' workers, the admin, police, the organiser and the clerk.
    for (const name of ['杨静', '周敏', '刘建国', '赵磊', '孙丽', '李红梅']) expect(team).not.toContain(name);
  });

  it('puts the grid team first in the assign form, marked', async () => {
    const author = await resident(t.deps.db);
    const item = await insertItem(t.deps.db, w, { authorUserId: author.id, grid: 'grid3' });
    const html = await (await (await staff('leader.chen')).get(`/staff/items/${item.id}`)).text();
    const select = html.slice(html.indexOf('id="f-assignee"'), html.indexOf('</select>'));
    const options = [...select.matchAll(/<option value="(\d+)"( data-team="1")?[^>]*>([^<]*)<\/option>/g)].map((m) => ({ team: !!m[2], label: m[3] }));
    expect(options.slice(0, 2)).toEqual([
      { team: true, label: '杨静 · 本网格' },
      { team: true, label: '陈晓东 · 本网格' },
    ]);
    expect(options.slice(2).every((o) => !o.team)).toBe(true);
    expect(options.map((o) => o.label)).toContain('周敏');
    for (const name of ['赵磊', '孙丽', '张伟']) expect(options.some((o) => o.label.startsWith(name))).toBe(false);
  });

  it('orders the named grid staff before community-wide ones and leaves out disabled accounts', async () => {
    const db = t.deps.db;
    const wide = await makeStaff(db, { communityId: w.community.id, role: 'grid_worker' });
    const gone = await makeStaff(db, { communityId: w.community.id, role: 'grid_worker', gridIds: [w.grid1.id] });
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, gone.user.id));
    await makeStaff(db, { communityId: w.community.id, role: 'organiser' });
    await makeStaff(db, { communityId: w.community.id, role: 'clerk' });
    const team = await listGridTeam(db, { id: w.grid1.id, communityId: w.community.id });
    expect(team.map((m) => [m.name, m.roles.join(','), m.wholeCommunity])).toEqual([
      ['张伟', 'grid_worker', false],
      ['陈晓东', 'grid_leader', false],
      [wide.user.displayName, 'grid_worker', true],
    ]);
  });

  it('lists a leader alone for a grid with no worker of its own', async () => {
    const [empty] = await t.deps.db.select().from(grids).where(eq(grids.code, '510105017003901'));
    const team = await listGridTeam(t.deps.db, { id: empty.id, communityId: w.community.id });
    expect(team.filter((m) => !m.wholeCommunity).map((m) => [m.name, m.roles.join(',')])).toEqual([['李红梅', 'grid_leader']]);
  });
});

describe('organiser and clerk workbench', () => {
  it.each([
    ['clerk.sun', 'clerk', '积分超市 · 兑换柜台', 'href="/clerk"'],
    ['organiser.zhao', 'organiser', '巡逻与志愿活动', 'href="/organiser"'],
  ])('%s sees what the role does here and no grid list', async (username, role, title, next) => {
    const html = await (await (await staff(username)).get('/staff')).text();
    expect(section(html, `role-home-${role}`)).toContain(title);
    // The clerk's counter is built (issue 10): a way there, not "coming soon".
    expect(section(html, `role-home-${role}`)).toContain(next);
    expect(html).not.toContain('id="my-grids"');
    expect(html).not.toContain('data-grid-code=');
    expect(html).not.toContain('您还没有被分配网格');
  });

  it('does not open grid pages for them', async () => {
    const [g] = await t.deps.db.select().from(grids).where(eq(grids.id, w.grid1.id));
    expect((await (await staff('clerk.sun')).get(`/staff/grids/${g.id}`)).status).toBe(404);
    expect((await (await staff('organiser.zhao')).get(`/staff/grids/${g.id}`)).status).toBe(404);
    expect((await (await staff('worker1')).get(`/staff/grids/${g.id}`)).status).toBe(200);
  });

  it('keeps the grid list for grid staff, without role cards', async () => {
    const html = await (await (await staff('worker1')).get('/staff')).text();
    expect(html).toContain('id="my-grids"');
    expect(html).toContain('data-grid-code="510105017003001"');
    expect(html).not.toContain('data-role-home=');
  });
});
