// What the mediation form needs: the item, the community's staff to pick a mediator from, and the settled-per-tier counts.
import { asc, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { users } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { canMove } from '../submissions/status';
import { actionItem } from './accept-item-page';
import { mediationStats } from './mediation-stats';
import { DISPUTE_CATEGORY } from './available-actions';

export async function settleByMediationPage(db: DbOrTx, scope: StaffScope, rawId: string) {
  const { item } = await actionItem(db, scope, rawId);
  const staff = await db
    .select({ id: users.id, name: users.displayName, username: users.username })
    .from(users)
    .where(sql`${users.kind} = 'staff' and ${users.disabledAt} is null and exists (select 1 from staff_roles r where r.user_id = ${users.id} and r.community_id = ${item.communityId})`)
    .orderBy(asc(users.username));
  return {
    item,
    isDispute: item.categoryKey === DISPUTE_CATEGORY,
    canMediate: item.categoryKey === DISPUTE_CATEGORY && canMove(item.status, 'resolved'),
    staff: staff.map((s) => ({ id: s.id, label: s.name ? `${s.name}(${s.username ?? ''})` : (s.username ?? String(s.id)) })),
    stats: await mediationStats(db, item.communityId),
  };
}
