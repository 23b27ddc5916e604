// An organiser sets up a recurring shift: team, recurrence, local times, capacity and an ordered route of the
// community's checkpoints; the next occurrences are generated at once so residents can sign up straight away.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { places, routeStops, shiftTemplates } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { fieldError } from '../errors';
import { generateShifts } from './generate-shifts';
import { managedTeam } from './organiser-scope';
import { parseTemplateForm } from './template-form';

export async function createTemplate(
  db: DbOrTx,
  scope: StaffScope,
  input: { form: Record<string, string>; actorUserId: number; now: Date; timeZone: string; aheadDays: number; ip?: string | null },
) {
  const v = parseTemplateForm(input.form);
  const team = await managedTeam(db, scope, v.teamId);
  if (v.route.length) {
    const found = await db
      .select({ id: places.id })
      .from(places)
      .where(and(inArray(places.id, v.route), eq(places.communityId, team.communityId), eq(places.kind, 'checkpoint')));
    if (found.length !== v.route.length) throw fieldError('route', 'patrol.err.route');
  }
  const template = await db.transaction(async (tx) => {
    const { route, ...values } = v;
    const [t] = await tx.insert(shiftTemplates).values({ ...values, communityId: team.communityId, createdBy: input.actorUserId }).returning();
    if (route.length) await tx.insert(routeStops).values(route.map((placeId, i) => ({ templateId: t.id, position: i + 1, placeId })));
    await recordAudit(tx, { actorUserId: input.actorUserId, communityId: team.communityId, action: 'shift_template.create', targetType: 'shift_template', targetId: t.id, after: v, ip: input.ip });
    return t;
  });
  await generateShifts(db, { now: input.now, aheadDays: input.aheadDays, timeZone: input.timeZone, templateId: template.id });
  return template;
}
