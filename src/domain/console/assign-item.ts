// Hand an item to a colleague who covers it (leaders and admins); the assignee must be active staff whose scope covers the item.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { staffRoleGrids, staffRoles, submissionEvents, users } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { fieldError } from '../errors';
import { coversItem, ITEM_STAFF_ROLES, updateItem, type ItemScopeFacts } from './item-access';
import { runItemAction, type ItemActionInput } from './item-action';

export interface StaffOption {
  id: number;
  name: string;
}

/** Active staff of the item's community whose scope covers it (grid staff, leaders, admins; police for their items). */
export async function staffWhoCover(db: DbOrTx, item: ItemScopeFacts): Promise<StaffOption[]> {
  const roles = await db
    .select({ roleId: staffRoles.id, userId: users.id, name: users.displayName, username: users.username, role: staffRoles.role, scope: staffRoles.scope })
    .from(staffRoles)
    .innerJoin(users, eq(users.id, staffRoles.userId))
    .where(and(eq(staffRoles.communityId, item.communityId), isNull(users.disabledAt), inArray(staffRoles.role, [...ITEM_STAFF_ROLES, 'police'])))
    .orderBy(asc(users.username));
  const gridRoles = roles.filter((r) => r.scope === 'grids').map((r) => r.roleId);
  const links = gridRoles.length ? await db.select().from(staffRoleGrids).where(inArray(staffRoleGrids.staffRoleId, gridRoles)) : [];
  const scopes = new Map<number, { name: string; scope: StaffScope }>();
  for (const r of roles) {
    const e = scopes.get(r.userId) ?? { name: r.name || r.username || String(r.userId), scope: [] };
    e.scope.push({ communityId: item.communityId, communityName: '', role: r.role, gridIds: r.scope === 'community' ? null : links.filter((l) => l.staffRoleId === r.roleId).map((l) => l.gridId) });
    scopes.set(r.userId, e);
  }
  return [...scopes].filter(([, e]) => coversItem(e.scope, item)).map(([id, e]) => ({ id, name: e.name }));
}

export async function assignItem(db: DbOrTx, scope: StaffScope, input: ItemActionInput) {
  return runItemAction(db, scope, input, 'assign', async ({ tx, item, now, audit }) => {
    const raw = input.form.assignee ?? '';
    if (!/^\d{1,9}$/.test(raw)) throw fieldError('assignee', 'console.err.assigneePick');
    const assignee = (await staffWhoCover(tx, item)).find((s) => s.id === Number(raw));
    if (!assignee) throw fieldError('assignee', 'console.err.assigneeScope');
    await updateItem(tx, item.id, { assignedUserId: assignee.id }, now);
    await tx.insert(submissionEvents).values({ submissionId: item.id, kind: 'assign', body: assignee.name, public: false, actorUserId: input.actorUserId, createdAt: now });
    await audit({ assignedUserId: item.assignedUserId }, { assignedUserId: assignee.id });
    return { id: item.id, assignee };
  });
}
