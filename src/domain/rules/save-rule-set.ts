// An admin saves an edited rule set: validated (nothing written on any refusal), then stored as version max+1 — never an
// update — with its audit row, in one transaction. Two saves from the same starting point cannot both win: the second is
// told the rules changed meanwhile (a lost update otherwise), and the unique (community, version) key stays the last guard.
import { eq, max } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { communities, ruleSets } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { pgCode } from '../communities/managed-community';
import { AppError } from '../errors';
import { judgeRuleSetForm } from './open-rule-set-editor';

export interface SaveRuleSetInput {
  actorId: number;
  scope: StaffScope;
  communityId: number;
  form: Record<string, string>;
  ip?: string;
  now?: Date;
  timeZone: string;
}

export async function saveRuleSet(db: Db, input: SaveRuleSetInput): Promise<{ id: number; version: number }> {
  const { editor, posted, body, effectiveFrom } = await judgeRuleSetForm(db, input);
  const communityId = editor.community.id;
  try {
    return await db.transaction(async (tx) => {
      // Saves of one community queue here (NO KEY UPDATE: new submissions' foreign-key checks are not blocked).
      await tx.select({ id: communities.id }).from(communities).where(eq(communities.id, communityId)).for('no key update');
      const [{ v }] = await tx.select({ v: max(ruleSets.version) }).from(ruleSets).where(eq(ruleSets.communityId, communityId));
      const newest = v ?? 0;
      if (newest !== posted.latest) throw stale(newest);
      const [row] = await tx
        .insert(ruleSets)
        .values({ communityId, version: newest + 1, effectiveFrom, body, createdBy: input.actorId })
        .returning({ id: ruleSets.id, version: ruleSets.version });
      await recordAudit(tx, {
        actorUserId: input.actorId,
        communityId,
        action: 'rules.create',
        targetType: 'rule_set',
        targetId: row.id,
        before: { version: editor.from.version, effectiveFrom: editor.from.effectiveFrom, body: editor.from.body },
        after: { version: row.version, effectiveFrom, body },
        ip: input.ip,
      });
      return row;
    });
  } catch (err) {
    // Only reachable if something bypassed the lock above: the unique key refuses a second version N.
    if (pgCode(err) === '23505') throw stale(posted.latest + 1);
    throw err;
  }
}

const stale = (version: number) => new AppError('conflict', { key: 'rules.err.stale', params: { version } });
