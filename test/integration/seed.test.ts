// Seeding and the first-admin CLI path against real PostgreSQL (own throwaway database), plus a smoke run on PGlite.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { openDatabase, openMemoryDatabase, type Database } from '../../src/db/client';
import { migrateDatabase } from '../../src/db/migrate';
import { auditLog, communities, grids, places, staffRoleGrids, staffRoles, users } from '../../src/db/schema';
import { DEMO_STAFF_PASSWORD, loadDemoFixture, seedDemo } from '../../src/cli/seed-data/demo';
import { countUnits, importCommunity } from '../../src/domain/places/import-demo-community';
import { generateResidents } from '../../src/domain/places/generate-residents';
import { createCommunityAdmin } from '../../src/domain/auth/create-staff-account';
import { verifyPassword } from '../../src/domain/auth/passwords';
import { makeCommunity } from '../helpers/builders';

// Independent of any shared global setup: this file makes and drops its own database.
const SERVER = process.env.ANLIN_TEST_PG_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
const dbName = `anlin_seed_${randomBytes(6).toString('hex')}`;
const url = `${SERVER}/${dbName}`;
const fixture = loadDemoFixture();
let database: Database;

beforeAll(async () => {
  const admin = postgres(`${SERVER}/postgres`, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${dbName}`);
  await admin.end();
  database = await openDatabase({ url, dataDir: '/nonexistent' });
  await migrateDatabase(database, url);
}, 60_000);

afterAll(async () => {
  await database?.close();
  const admin = postgres(`${SERVER}/postgres`, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}, 60_000);

const n = async (q: Promise<{ n: number }[]>) => Number((await q)[0].n);

describe('seed on PostgreSQL', () => {
  // Runs first, while the database is still empty.
  it('createCommunityAdmin refuses when no community exists and creates nothing', async () => {
    await expect(createCommunityAdmin(database.db, { username: 'early.admin' })).rejects.toThrow(/npm run seed/);
    expect(await n(database.db.select({ n: count() }).from(users))).toBe(0);
  });

  it('imports the demo community with 1000 residents', { timeout: 60_000 }, async () => {
    const logins = await seedDemo(database, { residents: 1000 });
    expect(logins).toHaveLength(15);
    expect(logins.every((l) => l.password === DEMO_STAFF_PASSWORD)).toBe(true);
    const db = database.db;

    const [c] = await db.select().from(communities).where(eq(communities.code, '510105017003'));
    expect(c.name).toBe('清源社区');
    expect(await n(db.select({ n: count() }).from(grids).where(eq(grids.communityId, c.id)))).toBe(17);
    expect(countUnits(fixture)).toBe(117);
    expect(await n(db.select({ n: count() }).from(places).where(eq(places.communityId, c.id)))).toBe(62 + 117);
    expect(await n(db.select({ n: count() }).from(places).where(and(eq(places.kind, 'unit'), sql`${places.gridId} is not null`)))).toBe(117);

    const [unit] = await db.select().from(places).where(eq(places.key, 'cy2-b2-u4'));
    const [building] = await db.select().from(places).where(eq(places.key, 'cy2-b2'));
    expect(unit).toMatchObject({ name: '4单元', parentId: building.id, gridId: building.gridId });
    const [market] = await db.select().from(places).where(eq(places.key, 'market'));
    const [center] = await db.select().from(places).where(eq(places.key, 'center'));
    expect(market.parentId).toBe(center.id);
    const [g1] = await db.select().from(grids).where(eq(grids.code, '510105017003001'));
    const [cy1] = await db.select().from(places).where(eq(places.key, 'cy1'));
    expect(g1.courtyardId).toBe(cy1.id);
  });

  it('gives 15 staff their roles and exactly the listed grids', async () => {
    const db = database.db;
    const staff = await db.select().from(users).where(eq(users.kind, 'staff'));
    expect(staff).toHaveLength(15);
    const admin = staff.find((u) => u.username === 'admin')!;
    expect(admin.displayName).toBe('周敏');
    expect(await verifyPassword(admin.passwordHash!, DEMO_STAFF_PASSWORD)).toBe(true);

    const links = await db
      .select({ username: users.username, role: staffRoles.role, scope: staffRoles.scope, grid: grids.code })
      .from(staffRoles)
      .innerJoin(users, eq(users.id, staffRoles.userId))
      .leftJoin(staffRoleGrids, eq(staffRoleGrids.staffRoleId, staffRoles.id))
      .leftJoin(grids, eq(grids.id, staffRoleGrids.gridId));
    for (const s of fixture.staff) {
      for (const r of s.roles) {
        const mine = links.filter((l) => l.username === s.username && l.role === r.role);
        expect(mine[0]?.scope).toBe(r.scope);
        const got = mine.map((l) => l.grid).filter(Boolean).sort();
        expect(got).toEqual(r.scope === 'grids' ? [...r.grids!].sort() : []);
      }
    }
  });

  it('creates 1000 residents with valid unique phones living in units', async () => {
    const db = database.db;
    const residents = await db.select({ phone: users.phone, name: users.displayName, home: users.homePlaceId }).from(users).where(eq(users.kind, 'resident'));
    expect(residents).toHaveLength(1000);
    expect(residents.every((r) => /^1[3-9]\d{9}$/.test(r.phone!))).toBe(true);
    expect(new Set(residents.map((r) => r.phone)).size).toBe(1000);
    expect(residents.every((r) => /^[\u4e00-\u9fff]{2,3}$/.test(r.name))).toBe(true);
    const homes = [...new Set(residents.map((r) => r.home!))];
    const kinds = await db.selectDistinct({ kind: places.kind }).from(places).where(inArray(places.id, homes));
    expect(kinds).toEqual([{ kind: 'unit' }]);
    expect(homes.length).toBeGreaterThan(100);
  });

  it('continues the phone counter on a second run', async () => {
    const [c] = await database.db.select().from(communities).where(eq(communities.code, '510105017003'));
    const r = await generateResidents(database.db, { communityId: c.id, count: 5, seed: 1 });
    expect(r).toEqual({ count: 5, firstPhone: '19900001000', lastPhone: '19900001004' });
  });

  it('refuses to import the same community twice, and seedDemo skips', async () => {
    await expect(importCommunity(database.db, fixture)).rejects.toThrow(/already exists/);
    expect(await seedDemo(database, { residents: 10 })).toEqual([]);
    expect(await n(database.db.select({ n: count() }).from(communities))).toBe(1);
  });

  it('rejects an invalid fixture with a readable message', async () => {
    const bad = { ...fixture, community: { ...fixture.community, code: '123' } };
    await expect(importCommunity(database.db, bad)).rejects.toThrow(/12 digits/);
  });
});

describe('createCommunityAdmin', () => {
  it('creates an admin with a one-time password that must be changed, and audits it', async () => {
    const db = database.db;
    // Two communities now exist, so the code must be given.
    const other = await makeCommunity(db);
    await expect(createCommunityAdmin(db, { username: 'ops.two' })).rejects.toThrow(/--community/);

    const r = await createCommunityAdmin(db, { username: '  Ops.Admin ', displayName: '运维', communityCode: other.code });
    expect(r.username).toBe('ops.admin');
    expect(r.password).toMatch(/^[a-z2-9]{10}$/);
    const [u] = await db.select().from(users).where(eq(users.id, r.userId));
    expect(u).toMatchObject({ kind: 'staff', mustChangePassword: true, displayName: '运维' });
    expect(await verifyPassword(u.passwordHash!, r.password)).toBe(true);
    const roles = await db.select().from(staffRoles).where(eq(staffRoles.userId, r.userId));
    expect(roles).toMatchObject([{ role: 'community_admin', scope: 'community', communityId: other.id }]);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'staff.create'), eq(auditLog.targetId, String(r.userId))));
    expect(audit.actorUserId).toBeNull();
    expect(JSON.stringify(audit.after)).not.toContain(r.password);
  });

  it('refuses bad usernames, taken usernames and unknown communities', async () => {
    const db = database.db;
    for (const username of ['ab', 'has space', 'x'.repeat(33), '张三', 'semi;colon']) {
      await expect(createCommunityAdmin(db, { username, communityCode: '510105017003' })).rejects.toThrow(/invalid username/);
    }
    await expect(createCommunityAdmin(db, { username: 'admin', communityCode: '510105017003' })).rejects.toThrow(/already exists/);
    await expect(createCommunityAdmin(db, { username: 'nobody.here', communityCode: '999999999999' })).rejects.toThrow(/no community/);
  });
});

describe('seed on PGlite', () => {
  it('imports the demo community and generates residents', { timeout: 120_000 }, async () => {
    const lite = await openMemoryDatabase();
    try {
      await migrateDatabase(lite);
      const logins = await seedDemo(lite, { residents: 300 });
      expect(logins).toHaveLength(15);
      expect(await n(lite.db.select({ n: count() }).from(places))).toBe(179);
      expect(await n(lite.db.select({ n: count() }).from(users).where(eq(users.kind, 'resident')))).toBe(300);
    } finally {
      await lite.close();
    }
  });
});
