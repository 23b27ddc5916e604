// Test-data builders: random unique codes, names and phones so parallel test files never collide in a shared database.
import { randomInt, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../src/db/client';
import { communities, grids, places, staffRoleGrids, staffRoles, users, type StaffRole } from '../../src/db/schema';
import { hashPassword } from '../../src/domain/auth/passwords';

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');
const tag = () => randomBytes(4).toString('hex');

export async function makeCommunity(db: DbOrTx, opts: { code?: string; name?: string } = {}) {
  // Leading 9 keeps builder codes away from the demo fixture's 510105… range.
  const code = opts.code ?? '9' + digits(11);
  const [row] = await db.insert(communities).values({ code, name: opts.name ?? `测试社区${tag()}`, district: '测试区' }).returning();
  return row;
}

/**
 * Grid codes are the community's 12 digits plus a 3-digit suffix, so a community has only 1,000 of them, and
 * parallel test files add grids to the same demo community. Suffixes count up from a random start per process and
 * a taken code moves on to the next one (ON CONFLICT DO NOTHING), so two processes never fail on the same code.
 */
let gridSeq = randomInt(1000);
export async function makeGrid(
  db: DbOrTx,
  communityId: number,
  opts: { code?: string; name?: string; courtyardId?: number; households?: number } = {},
) {
  const values = (code: string) => ({
    communityId,
    code,
    name: opts.name ?? `网格${tag()}`,
    households: opts.households ?? 200,
    courtyardId: opts.courtyardId ?? null,
  });
  if (opts.code) {
    const [row] = await db.insert(grids).values(values(opts.code)).returning();
    return row;
  }
  const [c] = await db.select({ code: communities.code }).from(communities).where(eq(communities.id, communityId));
  for (let attempt = 0; attempt < 1000; attempt++) {
    const code = c.code + String(gridSeq++ % 1000).padStart(3, '0');
    const [row] = await db.insert(grids).values(values(code)).onConflictDoNothing({ target: grids.code }).returning();
    if (row) return row;
  }
  throw new Error(`makeGrid: all 1,000 grid codes of community ${c.code} are taken`);
}

export async function makePlace(
  db: DbOrTx,
  communityId: number,
  opts: { kind?: (typeof places.$inferInsert)['kind']; name?: string; parentId?: number; gridId?: number; key?: string } = {},
) {
  const kind = opts.kind ?? 'building';
  const [row] = await db
    .insert(places)
    .values({ communityId, kind, name: opts.name ?? `${kind}-${tag()}`, key: opts.key ?? `t-${tag()}`, parentId: opts.parentId, gridId: opts.gridId })
    .returning();
  return row;
}

export async function makeStaff(
  db: DbOrTx,
  opts: { communityId: number; role: StaffRole; gridIds?: number[]; password?: string; username?: string; mustChangePassword?: boolean },
) {
  const username = opts.username ?? `t.${opts.role.replace('_', '')}.${tag()}`;
  const password = opts.password ?? `pw-${tag()}-${tag()}`;
  const [user] = await db
    .insert(users)
    .values({ kind: 'staff', username, displayName: `职员${tag()}`, passwordHash: await hashPassword(password), mustChangePassword: opts.mustChangePassword ?? false })
    .returning();
  const scope = opts.gridIds ? 'grids' : 'community';
  const [role] = await db.insert(staffRoles).values({ userId: user.id, communityId: opts.communityId, role: opts.role, scope }).returning();
  if (opts.gridIds?.length) await db.insert(staffRoleGrids).values(opts.gridIds.map((gridId) => ({ staffRoleId: role.id, gridId })));
  return { user, password, username, role };
}

/** Phones start 17x: generated demo residents use 199, so the two never meet. */
export async function makeResident(db: DbOrTx, opts: { phone?: string; displayName?: string; homePlaceId?: number } = {}) {
  const [user] = await db
    .insert(users)
    .values({ kind: 'resident', phone: opts.phone ?? '17' + digits(9), displayName: opts.displayName ?? `居民${tag()}`, homePlaceId: opts.homePlaceId })
    .returning();
  return user;
}
