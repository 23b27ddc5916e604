// Creates or edits a grid from the admin form: code rules checked with readable messages before the constraints would fire.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { grids } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { parseForm } from '../communities/fields';
import { managedCommunity, pgCode } from '../communities/managed-community';
import { fieldError } from '../errors';
import { codePrefixError, gridForm } from './grid-rules';
import { gridCodeTaken, managedGrid } from './managed-grid';

interface SaveInput {
  actorId: number;
  scope: StaffScope;
  form: Record<string, string>;
  ip?: string;
}

export async function createGrid(db: Db, input: SaveInput & { communityId: number }) {
  const community = await managedCommunity(db, input.scope, input.communityId);
  const v = parseForm(gridForm, input.form);
  const prefix = codePrefixError(v.code, community.code);
  if (prefix) throw fieldError('code', prefix.key, prefix.params);
  if (await gridCodeTaken(db, v.code)) throw fieldError('code', 'grid.err.codeTaken');
  const values = { ...v, households: v.households ?? 0, communityId: community.id };
  return db
    .transaction(async (tx) => {
      const [row] = await tx.insert(grids).values(values).returning();
      await recordAudit(tx, { actorUserId: input.actorId, communityId: community.id, action: 'grid.create', targetType: 'grid', targetId: row.id, after: values, ip: input.ip });
      return row;
    })
    .catch(codeRace);
}

export async function updateGrid(db: Db, input: SaveInput & { gridId: number }) {
  const { grid, community } = await managedGrid(db, input.scope, input.gridId);
  const v = parseForm(gridForm, input.form);
  const prefix = codePrefixError(v.code, community.code);
  if (prefix) throw fieldError('code', prefix.key, prefix.params);
  if (await gridCodeTaken(db, v.code, grid.id)) throw fieldError('code', 'grid.err.codeTaken');
  const values = { ...v, households: v.households ?? 0 };
  return db
    .transaction(async (tx) => {
      const [row] = await tx.update(grids).set(values).where(eq(grids.id, grid.id)).returning();
      const before = { code: grid.code, name: grid.name, kind: grid.kind, households: grid.households };
      await recordAudit(tx, { actorUserId: input.actorId, communityId: community.id, action: 'grid.update', targetType: 'grid', targetId: grid.id, before, after: values, ip: input.ip });
      return row;
    })
    .catch(codeRace);
}

/** Two admins saving the same new code at once: the unique index decides, and the loser gets the same message. */
function codeRace(err: unknown): never {
  if (pgCode(err) === '23505') throw fieldError('code', 'grid.err.codeTaken');
  throw err;
}
