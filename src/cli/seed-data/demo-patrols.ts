// The demo community's own security force, alive: 夜跑联防队 (a few dozen members, two leaders) and the paid 物业联巡队
// (hours only), a nightly 19:00–22:00 template over the eight seeded checkpoints and a 22:00–02:00 property patrol,
// a volunteer activity this week, tonight's sign-ups, and a month of past attendance. Demo flag only.
//
// Past nights go through the real use cases (sign-up, check-in at the posters, check-out, the closing job) with `now`
// set to the moment it happened, so credit is in the ledger with its explained reason, a few no-shows and flags are
// there for the organiser to review, and the heat map has a month to show. Deterministic (seeded RNG); a community
// that already has a team is left alone.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { communities, placeLocations, places, qrCodes, routeStops, shiftTemplates, shifts, teamMembers, teams, users } from '../../db/schema';
import { AppError } from '../../domain/errors';
import { checkIn } from '../../domain/patrols/check-in';
import { checkOut } from '../../domain/patrols/check-out';
import { closeShifts } from '../../domain/patrols/close-shifts';
import { generateShifts } from '../../domain/patrols/generate-shifts';
import { toRrule } from '../../domain/patrols/recurrence';
import { signUp } from '../../domain/patrols/sign-up';
import { generateResidents } from '../../domain/places/generate-residents';
import { localClock } from '../../domain/points/clock';
import { randomBytes } from 'node:crypto';
import { DEMO_COMMUNITY_CODE } from './demo-activity';
import { mulberry32 } from '../../domain/random/mulberry32';

const TZ = 'Asia/Shanghai';
const MINUTE = 60_000;
/** The demo story's cast are the first residents by id; the patrol takes the next ones, so neither disturbs the other. */
const SKIP = 34;
const NIGHT_RUN = 36;
const PROPERTY = 12;
/** Roughly around 清源社区 (青羊区): checkpoints a few hundred metres apart, so the speed check means something. */
const ORIGIN = { lat: 30.6745, lng: 104.0248 };


export async function seedDemoPatrols(database: Database, opts: { now?: Date; seed?: number } = {}) {
  const db = database.db;
  const now = opts.now ?? new Date();
  const rand = mulberry32((opts.seed ?? 2026) + 11);
  const [community] = await db.select({ id: communities.id }).from(communities).where(eq(communities.code, DEMO_COMMUNITY_CODE));
  if (!community) return { seeded: false };
  const cid = community.id;
  if ((await db.select({ id: teams.id }).from(teams).where(eq(teams.communityId, cid)).limit(1)).length) return { seeded: false };

  const [organiser] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'organiser.zhao'));
  if (!organiser) throw new Error('demo patrols: organiser.zhao missing');
  const cps = await db.select().from(places).where(and(eq(places.communityId, cid), eq(places.kind, 'checkpoint'))).orderBy(asc(places.key));
  const [center] = await db.select().from(places).where(and(eq(places.communityId, cid), eq(places.key, 'center')));
  const cpQr = await db.select().from(qrCodes).where(and(eq(qrCodes.communityId, cid), eq(qrCodes.purpose, 'patrol_checkpoint'), eq(qrCodes.status, 'active')));
  const qrOf = new Map(cpQr.map((q) => [q.placeId, q.code]));
  const located = cps.map((p, i) => ({ placeId: p.id, lat: ORIGIN.lat + 0.0022 * Math.cos(i * 0.8), lng: ORIGIN.lng + 0.0026 * Math.sin(i * 0.8), radiusM: 150 }));
  if (located.length) await db.insert(placeLocations).values(located).onConflictDoNothing();

  const communityPlaces = db.select({ id: places.id }).from(places).where(eq(places.communityId, cid));
  const loadPeople = () =>
    db.select({ id: users.id }).from(users).where(and(eq(users.kind, 'resident'), inArray(users.homePlaceId, communityPlaces))).orderBy(asc(users.id)).offset(SKIP).limit(NIGHT_RUN + PROPERTY);
  let people = await loadPeople();
  if (people.length < NIGHT_RUN + PROPERTY) {
    await generateResidents(db, { communityId: cid, count: NIGHT_RUN + PROPERTY + SKIP, seed: (opts.seed ?? 2026) + 7 });
    people = await loadPeople();
  }
  const runners = people.slice(0, NIGHT_RUN);
  const guards = people.slice(NIGHT_RUN);

  const [nightRun] = await db.insert(teams).values({ communityId: cid, key: 'night-run', name: '夜跑联防队', description: '每晚 19:00–22:00 夜跑巡逻,戴红袖标。', earnsPoints: true, createdBy: organiser.id }).returning();
  const [property] = await db.insert(teams).values({ communityId: cid, key: 'property-patrol', name: '物业联巡队', description: '8 家物业公司保安联合巡逻,只记时长。', earnsPoints: false, createdBy: organiser.id }).returning();
  const joined = new Date(now.getTime() - 45 * 86_400_000);
  await db.insert(teamMembers).values([
    ...runners.map((r, i) => ({ teamId: nightRun.id, userId: r.id, status: 'active' as const, role: i < 2 ? ('leader' as const) : ('member' as const), requestedAt: joined, decidedBy: organiser.id, decidedAt: joined })),
    ...guards.map((r, i) => ({ teamId: property.id, userId: r.id, status: 'active' as const, role: i === 0 ? ('leader' as const) : ('member' as const), requestedAt: joined, decidedBy: organiser.id, decidedAt: joined })),
  ]);
  // Two people waiting for approval, so the organiser has something to decide.
  const pending = await db.select({ id: users.id }).from(users).where(and(eq(users.kind, 'resident'), inArray(users.homePlaceId, communityPlaces))).orderBy(asc(users.id)).offset(SKIP + NIGHT_RUN + PROPERTY).limit(2);
  if (pending.length) await db.insert(teamMembers).values(pending.map((p) => ({ teamId: nightRun.id, userId: p.id, status: 'pending' as const, requestedAt: new Date(now.getTime() - 86_400_000) })));

  const monthAgo = localClock(new Date(now.getTime() - 31 * 86_400_000), TZ).day;
  const [nightly] = await db
    .insert(shiftTemplates)
    .values({ communityId: cid, teamId: nightRun.id, title: '夜跑联防', rrule: toRrule({ freq: 'daily' }), startTime: '19:00', endTime: '22:00', validFrom: monthAgo, capacity: 40, minCheckpoints: 6, createdBy: organiser.id })
    .returning();
  await db.insert(routeStops).values(cps.map((p, i) => ({ templateId: nightly.id, position: i + 1, placeId: p.id })));
  const propertyRoute = cps.filter((p) => ['cp1', 'cp2', 'cp5', 'cp8'].includes(p.key ?? ''));
  const [late] = await db
    .insert(shiftTemplates)
    .values({ communityId: cid, teamId: property.id, title: '物业联巡(夜间)', rrule: toRrule({ freq: 'daily' }), startTime: '22:00', endTime: '02:00', crossesMidnight: true, validFrom: monthAgo, capacity: 2, minCheckpoints: 3, createdBy: organiser.id })
    .returning();
  await db.insert(routeStops).values(propertyRoute.map((p, i) => ({ templateId: late.id, position: i + 1, placeId: p.id })));
  await generateShifts(db, { now, aheadDays: 14, timeZone: TZ, from: new Date(now.getTime() - 31 * 86_400_000) });

  // A month of nights that have ended: sign-ups the morning before, scans along the route, check-out near 22:00.
  const past = await db.select().from(shifts).where(and(eq(shifts.communityId, cid), sql`${shifts.endsAt} < ${new Date(now.getTime() - 20 * MINUTE).toISOString()}::timestamptz`)).orderBy(asc(shifts.startsAt));
  for (const shift of past) {
    const crew = shift.teamId === nightRun.id ? runners : guards;
    const route = shift.teamId === nightRun.id ? cps : propertyRoute;
    const n = shift.teamId === nightRun.id ? 6 + Math.floor(rand() * 6) : 2;
    const picked = [...crew].sort(() => rand() - 0.5).slice(0, n);
    const morning = new Date(shift.startsAt.getTime() - 9 * 60 * MINUTE);
    for (const p of picked) await ok(signUp(db, { rawShiftId: shift.id, userId: p.id, now: morning, timeZone: TZ }));
    for (const p of picked) {
      if (rand() < 0.08) continue; // a no-show, found by the closing job
      const noLocation = rand() < 0.06;
      const stops = route.slice(0, Math.max(2, route.length - Math.floor(rand() * 3)));
      let at = shift.startsAt.getTime() + Math.floor(rand() * 10) * MINUTE;
      const step = (shift.endsAt.getTime() - shift.startsAt.getTime() - 30 * MINUTE) / stops.length;
      for (const stop of stops) {
        const loc = located.find((l) => l.placeId === stop.id)!;
        await ok(checkIn(db, {
          rawCode: qrOf.get(stop.id), userId: p.id, now: new Date(at), windowMinutes: 15, deviceId: `demo-${p.id}`,
          location: noLocation ? null : { lat: loc.lat + (rand() - 0.5) * 0.0005, lng: loc.lng + (rand() - 0.5) * 0.0005 },
        }));
        at += step;
      }
      if (rand() < 0.9) await ok(checkOut(db, { rawShiftId: shift.id, userId: p.id, now: new Date(shift.endsAt.getTime() - Math.floor(rand() * 12) * MINUTE), timeZone: TZ }));
    }
  }
  await closeShifts(db, { now, windowMinutes: 15, timeZone: TZ, limit: 10_000 });

  // Whatever is running right now has people out on it, with the checkpoints they have reached so far.
  const running = await db.select().from(shifts).where(and(eq(shifts.communityId, cid), sql`${shifts.startsAt} <= ${now.toISOString()}::timestamptz`, sql`${shifts.endsAt} > ${now.toISOString()}::timestamptz`));
  for (const shift of running) {
    const night = shift.teamId === nightRun.id;
    const route = night ? cps : propertyRoute;
    const step = (shift.endsAt.getTime() - shift.startsAt.getTime() - 30 * MINUTE) / route.length;
    for (const [i, p] of (night ? runners.slice(12, 22) : guards.slice(0, 2)).entries()) {
      await ok(signUp(db, { rawShiftId: shift.id, userId: p.id, now: new Date(shift.startsAt.getTime() - 3 * 60 * MINUTE), timeZone: TZ }));
      for (const [k, stop] of route.entries()) {
        const at = shift.startsAt.getTime() + (i % 4) * MINUTE + k * step;
        if (at > now.getTime()) break;
        const loc = located.find((l) => l.placeId === stop.id)!;
        await ok(checkIn(db, { rawCode: qrOf.get(stop.id), userId: p.id, now: new Date(at), windowMinutes: 15, deviceId: `demo-${p.id}`, location: { lat: loc.lat, lng: loc.lng } }));
      }
    }
  }

  // The next night not yet started (tonight, or tomorrow once tonight's is out): a dozen signed up already.
  const [tonight] = await db.select().from(shifts).where(and(eq(shifts.templateId, nightly.id), sql`${shifts.startsAt} > ${now.toISOString()}::timestamptz`)).orderBy(asc(shifts.startsAt)).limit(1);
  if (tonight) for (const p of runners.slice(0, 12)) await ok(signUp(db, { rawShiftId: tonight.id, userId: p.id, now, timeZone: TZ }));

  // One volunteer activity this week, open to every resident, checked in through the centre's 活动签到 poster.
  if (center) {
    const day = localClock(new Date(now.getTime() + 2 * 86_400_000), TZ).day;
    const startsAt = new Date(`${day}T09:00:00+08:00`);
    await db.insert(shifts).values({
      communityId: cid, kind: 'activity', title: '周末环境整治', description: '清理楼道堆物和小区死角垃圾,社区提供手套和工具。', placeId: center.id,
      startsAt, endsAt: new Date(startsAt.getTime() + 2 * 60 * MINUTE), capacity: 30, leaderSecret: randomBytes(16).toString('hex'), createdBy: organiser.id,
    });
  }
  return { seeded: true, pastShifts: past.length };
}

/** A refusal the story can meet (a cap, a full shift) is not an error in demo data; anything else is. */
async function ok<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof AppError && err.status < 500) return null;
    throw err;
  }
}
