// Imports one community from a fixture file (places, grids, staff and their scopes) in a single transaction.
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client';
import { communities, grids, places, staffRoleGrids, staffRoles, users, STAFF_ROLES, type StaffRole } from '../../db/schema';
import { hashPassword } from '../auth/passwords';

/** Every demo staff account signs in with this; the demo is meant to be explored, not guarded. */
export const DEMO_STAFF_PASSWORD = 'anlin-demo-2026';

const placeKind = z.enum(['courtyard', 'building', 'unit', 'checkpoint', 'counter', 'other']);
const gridCode = z.string().regex(/^[0-9]{15}$/, 'grid code must be 15 digits');

// Only what this importer uses is described; other sections (qr_codes, teams, rewards…) pass through untouched.
export const fixtureSchema = z
  .object({
    community: z.object({
      name: z.string().min(1),
      code: z.string().regex(/^[0-9]{12}$/, 'community code must be 12 digits'),
      district: z.string().default(''),
      population: z.number().int().nonnegative().optional(),
      /** Letters that start tracking numbers (e.g. QY-2026-000123). */
      tracking_prefix: z.string().regex(/^[A-Z]{2,4}$/).default('AL'),
    }),
    grids: z.array(
      z.object({
        code: gridCode,
        name: z.string().min(1),
        kind: z.enum(['comprehensive', 'dedicated']).default('comprehensive'),
        households: z.number().int().nonnegative().default(0),
        courtyard: z.string().nullish(),
      }),
    ),
    places: z.array(
      z.object({
        key: z.string().min(1),
        kind: placeKind,
        name: z.string().min(1),
        parent: z.string().nullish(),
        floors: z.number().int().positive().optional(),
        units: z.number().int().positive().max(99).optional(),
        grid: gridCode.nullish(),
      }),
    ),
    staff: z.array(
      z.object({
        name: z.string().min(1),
        username: z.string().regex(/^[a-z0-9._-]{3,32}$/, 'username: 3-32 chars of a-z 0-9 . _ -'),
        roles: z
          .array(z.object({ role: z.enum(STAFF_ROLES), scope: z.enum(['community', 'grids']), grids: z.array(gridCode).optional() }))
          .min(1),
      }),
    ),
    residents: z.object({ generate: z.number().int().nonnegative() }).partial().optional(),
  })
  .superRefine((f, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const placeKinds = new Map<string, string>();
    f.places.forEach((p, i) => (placeKinds.has(p.key) ? issue(['places', i, 'key'], `duplicate key ${p.key}`) : placeKinds.set(p.key, p.kind)));
    const gridCodes = new Set<string>();
    f.grids.forEach((g, i) => {
      if (gridCodes.has(g.code)) issue(['grids', i, 'code'], `duplicate grid ${g.code}`);
      gridCodes.add(g.code);
      if (!g.code.startsWith(f.community.code)) issue(['grids', i, 'code'], `grid ${g.code} does not start with the community code`);
      if (g.courtyard && placeKinds.get(g.courtyard) !== 'courtyard') issue(['grids', i, 'courtyard'], `${g.courtyard} is not a courtyard`);
    });
    f.places.forEach((p, i) => {
      if (p.parent && !placeKinds.has(p.parent)) issue(['places', i, 'parent'], `unknown parent ${p.parent}`);
      if (p.grid && !gridCodes.has(p.grid)) issue(['places', i, 'grid'], `unknown grid ${p.grid}`);
    });
    const usernames = new Set<string>();
    f.staff.forEach((s, i) => {
      if (usernames.has(s.username)) issue(['staff', i, 'username'], `duplicate username ${s.username}`);
      usernames.add(s.username);
      if (new Set(s.roles.map((r) => r.role)).size !== s.roles.length) issue(['staff', i, 'roles'], 'a role is listed twice');
      s.roles.forEach((r, j) => {
        if (r.scope === 'grids' && !r.grids?.length) issue(['staff', i, 'roles', j, 'grids'], 'scope "grids" needs a grid list');
        for (const g of r.grids ?? []) if (!gridCodes.has(g)) issue(['staff', i, 'roles', j, 'grids'], `unknown grid ${g}`);
      });
    });
  });

export type CommunityFixture = z.infer<typeof fixtureSchema>;
export interface ImportedStaff {
  username: string;
  name: string;
  roles: StaffRole[];
}

export function parseFixture(input: unknown): CommunityFixture {
  const r = fixtureSchema.safeParse(input);
  if (!r.success) throw new Error(`社区数据文件无效 / invalid community fixture:\n${z.prettifyError(r.error)}`);
  return r.data;
}

export async function importCommunity(
  db: Db,
  input: unknown,
  opts: { staffPassword?: (username: string) => string } = {},
): Promise<{ communityId: number; staff: ImportedStaff[] }> {
  const f = parseFixture(input);
  const passwordOf = opts.staffPassword ?? (() => DEMO_STAFF_PASSWORD);
  // argon2 is deliberately slow: hash each distinct password once, outside the transaction.
  const hashes = new Map<string, string>();
  for (const s of f.staff) {
    const pw = passwordOf(s.username);
    if (!hashes.has(pw)) hashes.set(pw, await hashPassword(pw));
  }

  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: communities.id }).from(communities).where(eq(communities.code, f.community.code));
    if (existing) throw new Error(`社区 ${f.community.code} 已存在 / community ${f.community.code} already exists (id ${existing.id})`);
    await refuseTaken(tx, f);

    const { name, code, district, population } = f.community;
    const [community] = await tx.insert(communities).values({ name, code, district, population, trackingPrefix: f.community.tracking_prefix }).returning({ id: communities.id });
    const communityId = community.id;

    const gridRows = f.grids.length
      ? await tx
          .insert(grids)
          .values(f.grids.map((g) => ({ communityId, code: g.code, name: g.name, kind: g.kind, households: g.households })))
          .returning({ id: grids.id, code: grids.code })
      : [];
    const gridId = new Map(gridRows.map((g) => [g.code, g.id]));

    const placeId = await insertPlaces(tx, communityId, f, gridId);
    for (const g of f.grids) {
      if (g.courtyard) await tx.update(grids).set({ courtyardId: placeId.get(g.courtyard) }).where(eq(grids.id, gridId.get(g.code)!));
    }

    const staff = await insertStaff(tx, communityId, f, gridId, (u) => hashes.get(passwordOf(u))!);
    return { communityId, staff };
  });
}

/** Grid codes and usernames are unique across communities: say which one clashes instead of a constraint name. */
async function refuseTaken(tx: DbOrTx, f: CommunityFixture) {
  const codes = f.grids.map((g) => g.code);
  const takenGrids = codes.length ? await tx.select({ code: grids.code }).from(grids).where(inArray(grids.code, codes)) : [];
  if (takenGrids.length) throw new Error(`网格编码已被占用 / grid codes already in use: ${takenGrids.map((g) => g.code).join(', ')}`);
  const names = f.staff.map((s) => s.username);
  const takenUsers = names.length ? await tx.select({ u: users.username }).from(users).where(inArray(users.username, names)) : [];
  if (takenUsers.length) throw new Error(`用户名已被占用 / usernames already in use: ${takenUsers.map((u) => u.u).join(', ')}`);
}

type PlaceRow = typeof places.$inferInsert;

/** Inserts the place tree level by level (a parent must exist before its children), then one unit per building unit. */
async function insertPlaces(tx: DbOrTx, communityId: number, f: CommunityFixture, gridId: Map<string, number>) {
  const ids = new Map<string, number>();
  const insert = async (rows: PlaceRow[]) => {
    if (!rows.length) return;
    const out = await tx.insert(places).values(rows).returning({ id: places.id, key: places.key });
    for (const r of out) ids.set(r.key!, r.id);
  };
  let pending = [...f.places];
  while (pending.length) {
    // Courtyards first among the roots keeps ids readable (cy1 < its buildings); order is otherwise irrelevant.
    const ready = pending.filter((p) => !p.parent || ids.has(p.parent)).sort((a, b) => rank(a.kind) - rank(b.kind));
    if (!ready.length) throw new Error(`地点层级有环 / cycle in place parents: ${pending.map((p) => p.key).join(', ')}`);
    await insert(
      ready.map((p) => ({
        communityId,
        parentId: p.parent ? ids.get(p.parent)! : null,
        kind: p.kind,
        name: p.name,
        key: p.key,
        gridId: p.grid ? gridId.get(p.grid)! : null,
        floors: p.floors ?? null,
        units: p.units ?? null,
      })),
    );
    pending = pending.filter((p) => !ids.has(p.key));
  }
  const unitRows: PlaceRow[] = f.places
    .filter((p) => p.kind === 'building' && p.units)
    .flatMap((b) =>
      Array.from({ length: b.units! }, (_, i) => ({
        communityId,
        parentId: ids.get(b.key)!,
        kind: 'unit' as const,
        name: `${i + 1}单元`,
        key: `${b.key}-u${i + 1}`,
        gridId: b.grid ? gridId.get(b.grid)! : null,
        floors: b.floors ?? null,
      })),
    );
  await insert(unitRows);
  return ids;
}

const rank = (kind: string) => (kind === 'courtyard' ? 0 : 1);

async function insertStaff(
  tx: DbOrTx,
  communityId: number,
  f: CommunityFixture,
  gridId: Map<string, number>,
  hashOf: (username: string) => string,
): Promise<ImportedStaff[]> {
  if (!f.staff.length) return [];
  const userRows = await tx
    .insert(users)
    .values(f.staff.map((s) => ({ kind: 'staff' as const, username: s.username, displayName: s.name, passwordHash: hashOf(s.username) })))
    .returning({ id: users.id, username: users.username });
  const userId = new Map(userRows.map((u) => [u.username!, u.id]));
  const roleRows = await tx
    .insert(staffRoles)
    .values(f.staff.flatMap((s) => s.roles.map((r) => ({ userId: userId.get(s.username)!, communityId, role: r.role, scope: r.scope }))))
    .returning({ id: staffRoles.id, userId: staffRoles.userId, role: staffRoles.role });
  const roleId = new Map(roleRows.map((r) => [`${r.userId}:${r.role}`, r.id]));
  const links = f.staff.flatMap((s) =>
    s.roles
      .filter((r) => r.scope === 'grids')
      .flatMap((r) => [...new Set(r.grids)].map((g) => ({ staffRoleId: roleId.get(`${userId.get(s.username)}:${r.role}`)!, gridId: gridId.get(g)! }))),
  );
  if (links.length) await tx.insert(staffRoleGrids).values(links);
  return f.staff.map((s) => ({ username: s.username, name: s.name, roles: s.roles.map((r) => r.role) }));
}

/** Unit places are generated, not listed: tests and reports need the expanded count. */
export const countUnits = (f: CommunityFixture) => f.places.reduce((n, p) => n + (p.kind === 'building' ? (p.units ?? 0) : 0), 0);
