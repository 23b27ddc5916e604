// The staff home's "今日待办": counts of the items the member may see (open, overdue, unclaimed, mine) and the awards
// waiting for their approval, each linking into the filtered queue; members who work no items see no card.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { submissions, users } from '../../src/db/schema';
import { useTestApp } from '../helpers/app';
import { staffClients } from './console-item-helpers';
import { demoWorld, insertItem, resident, type DemoWorld } from './me-helpers';

const t = useTestApp();
const staff = staffClients(t);
let w: DemoWorld;

/** The number on the tile that links to `href`. */
const tile = (html: string, href: string) => {
  const m = new RegExp(`data-work="${href.replace(/[?]/g, '\\?')}"><strong>(\\d+)</strong>`).exec(html);
  return m ? Number(m[1]) : null;
};

beforeAll(async () => {
  w = await demoWorld(t.deps.database);
});

describe('staff home workload', () => {
  it('counts what the member may see and links each count into the queue', async () => {
    const db = t.deps.db;
    const author = await resident(db);
    const [worker1] = await db.select().from(users).where(eq(users.username, 'worker1'));
    const past = new Date(Date.now() - 3600_000);
    const future = new Date(Date.now() + 86400_000);
    const a = await insertItem(db, w, { authorUserId: author.id, status: 'pending_review' });
    const b = await insertItem(db, w, { authorUserId: author.id, status: 'in_progress' });
    await insertItem(db, w, { authorUserId: author.id, status: 'pending_review' });
    await insertItem(db, w, { authorUserId: author.id, status: 'resolved' }); // answered: not counted
    await insertItem(db, w, { authorUserId: author.id, status: 'pending_review', grid: 'grid3' }); // worker2's grid
    await db.update(submissions).set({ slaDueAt: past }).where(eq(submissions.id, a.id));
    await db.update(submissions).set({ slaDueAt: future, assignedUserId: worker1.id }).where(eq(submissions.id, b.id));

    const html = await (await (await staff('worker1')).get('/staff')).text();
    expect(tile(html, '/staff/queue')).toBe(3);
    expect(tile(html, '/staff/queue?overdue=1')).toBe(1);
    expect(tile(html, '/staff/queue?assigned=none')).toBe(2);
    expect(tile(html, '/staff/queue?assigned=me')).toBe(1);
    expect(html).not.toContain('id="to-approvals"'); // grid workers approve nothing

    // worker2 sees only the grid-3 item; the community admin sees all four open ones and the approvals link.
    expect(tile(await (await (await staff('worker2')).get('/staff')).text(), '/staff/queue')).toBe(1);
    const adminHome = await (await (await staff('admin')).get('/staff')).text();
    expect(tile(adminHome, '/staff/queue')).toBe(4);
    expect(adminHome).toMatch(/id="to-approvals">[^<]*· 0</);
  });

  it('shows no workload card to staff who work no items', async () => {
    const html = await (await (await staff('clerk.sun')).get('/staff')).text();
    expect(html).not.toContain('id="my-work"');
  });
});
