// Patrol test data: a community with rules, an organiser, a team with members, checkpoints with QR codes, a template.
import { randomBytes } from 'node:crypto';
import type { DbOrTx } from '../../src/db/client';
import { placeLocations, routeStops, shiftTemplates, shifts, teamMembers, teams } from '../../src/db/schema';
import { insertQrCode } from '../../src/domain/qr/insert-qr-code';
import { toRrule } from '../../src/domain/patrols/recurrence';
import type { RuleSetBody } from '../../src/domain/rules/rule-set-schema';
import { makeCommunity, makePlace, makeResident, makeStaff } from './builders';
import { makeRuleSet } from './points';

export async function makePatrolWorld(
  db: DbOrTx,
  o: { members?: number; checkpoints?: number; earnsPoints?: boolean; rules?: (r: RuleSetBody) => void; located?: boolean } = {},
) {
  const community = await makeCommunity(db);
  const ruleSet = await makeRuleSet(db, community.id, o.rules);
  const organiser = await makeStaff(db, { communityId: community.id, role: 'organiser' });
  const [team] = await db
    .insert(teams)
    .values({ communityId: community.id, name: `夜跑联防队${randomBytes(2).toString('hex')}`, earnsPoints: o.earnsPoints ?? true, createdBy: organiser.user.id })
    .returning();
  const members = [];
  for (let i = 0; i < (o.members ?? 3); i++) members.push(await makeResident(db));
  if (members.length) await db.insert(teamMembers).values(members.map((m) => ({ teamId: team.id, userId: m.id, status: 'active' as const })));
  const checkpoints = [];
  for (let i = 0; i < (o.checkpoints ?? 2); i++) {
    const place = await makePlace(db, community.id, { kind: 'checkpoint', name: `巡逻点${i + 1}` });
    const qr = await insertQrCode(db, { communityId: community.id, purpose: 'patrol_checkpoint', placeId: place.id, label: `夜巡点 ${i + 1}` });
    if (o.located) await db.insert(placeLocations).values({ placeId: place.id, lat: 30.66 + i * 0.0135, lng: 104.01, radiusM: 150 });
    checkpoints.push({ place, qr });
  }
  return { community, ruleSet, organiser, team, members, checkpoints };
}

export type PatrolWorld = Awaited<ReturnType<typeof makePatrolWorld>>;

/** A template over the world's checkpoints and one shift of it at the given instants (no generator involved). */
export async function makeShift(db: DbOrTx, w: PatrolWorld, o: { startsAt: Date; endsAt: Date; capacity?: number; minCheckpoints?: number }) {
  const [template] = await db
    .insert(shiftTemplates)
    .values({
      communityId: w.community.id, teamId: w.team.id, title: '夜跑联防', rrule: toRrule({ freq: 'daily' }), startTime: '19:00', endTime: '22:00',
      validFrom: '2026-01-01', capacity: o.capacity ?? 40, minCheckpoints: o.minCheckpoints ?? 0, createdBy: w.organiser.user.id,
    })
    .returning();
  if (w.checkpoints.length) await db.insert(routeStops).values(w.checkpoints.map((c, i) => ({ templateId: template.id, position: i + 1, placeId: c.place.id })));
  const [shift] = await db
    .insert(shifts)
    .values({
      communityId: w.community.id, kind: 'patrol', templateId: template.id, teamId: w.team.id, title: '夜跑联防', startsAt: o.startsAt, endsAt: o.endsAt,
      capacity: o.capacity ?? 40, minCheckpoints: o.minCheckpoints ?? 0, leaderSecret: randomBytes(16).toString('hex'), createdBy: w.organiser.user.id,
    })
    .returning();
  return { template, shift };
}
