// Staff of one community with their roles there and each role's grid scope; a user without a role here reads as "not found".
import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { grids, staffRoleGrids, staffRoles, users, type StaffRole } from '../../db/schema';
import { likePattern, PAGE_SIZE, paged } from '../communities/paging';
import { notFound } from '../errors';

export interface StaffRoleView {
  id: number;
  role: StaffRole;
  /** null = the whole community. */
  grids: { id: number; code: string; name: string }[] | null;
}

async function rolesOf(db: DbOrTx, communityId: number, userIds: number[]) {
  if (!userIds.length) return new Map<number, StaffRoleView[]>();
  const roles = await db
    .select()
    .from(staffRoles)
    .where(and(eq(staffRoles.communityId, communityId), inArray(staffRoles.userId, userIds)))
    .orderBy(asc(staffRoles.id));
  const scoped = roles.filter((r) => r.scope === 'grids').map((r) => r.id);
  const links = scoped.length
    ? await db
        .select({ roleId: staffRoleGrids.staffRoleId, id: grids.id, code: grids.code, name: grids.name })
        .from(staffRoleGrids)
        .innerJoin(grids, eq(grids.id, staffRoleGrids.gridId))
        .where(inArray(staffRoleGrids.staffRoleId, scoped))
        .orderBy(asc(grids.code))
    : [];
  const out = new Map<number, StaffRoleView[]>();
  for (const r of roles) {
    const view = { id: r.id, role: r.role, grids: r.scope === 'community' ? null : links.filter((l) => l.roleId === r.id) };
    out.set(r.userId, [...(out.get(r.userId) ?? []), view]);
  }
  return out;
}

const columns = { id: users.id, username: users.username, name: users.displayName, mustChangePassword: users.mustChangePassword, disabledAt: users.disabledAt };

export async function listCommunityStaff(db: DbOrTx, communityId: number, f: { q: string; role: StaffRole | ''; page: number }) {
  // Qualified by hand: drizzle leaves columns unqualified in single-table selects, and r.id would shadow users.id.
  const member = sql`exists (select 1 from staff_roles r where r.user_id = "users"."id" and r.community_id = ${communityId}${
    f.role ? sql` and r.role = ${f.role}` : sql``
  })`;
  const conds: SQL[] = [member];
  if (f.q) conds.push(or(ilike(users.username, likePattern(f.q)), ilike(users.displayName, likePattern(f.q)))!);
  const where = and(...conds);
  const [rows, [{ n }]] = await Promise.all([
    db.select(columns).from(users).where(where).orderBy(asc(users.username)).limit(PAGE_SIZE).offset((f.page - 1) * PAGE_SIZE),
    db.select({ n: sql<number>`count(*)::int` }).from(users).where(where),
  ]);
  const roles = await rolesOf(db, communityId, rows.map((r) => r.id));
  return paged(rows.map((r) => ({ ...r, username: r.username ?? '', roles: roles.get(r.id) ?? [] })), Number(n), f.page);
}

export async function staffInCommunity(db: DbOrTx, communityId: number, userId: number) {
  if (!Number.isSafeInteger(userId)) throw notFound();
  const [user] = await db.select(columns).from(users).where(and(eq(users.id, userId), eq(users.kind, 'staff'))).limit(1);
  const roles = user ? (await rolesOf(db, communityId, [user.id])).get(user.id) : undefined;
  if (!user || !roles?.length) throw notFound();
  return { ...user, username: user.username ?? '', roles };
}

/** Every staff member of a community, for export (a few hundred at most). */
export async function allCommunityStaff(db: DbOrTx, communityId: number) {
  const rows = await db
    .select(columns)
    .from(users)
    .where(sql`exists (select 1 from staff_roles r where r.user_id = "users"."id" and r.community_id = ${communityId})`)
    .orderBy(asc(users.username));
  const roles = await rolesOf(db, communityId, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, username: r.username ?? '', roles: roles.get(r.id) ?? [] }));
}
