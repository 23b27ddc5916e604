// Creates or edits one place from the admin form: parent by key, grid by code, and the tree rule checked with readable messages.
import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { places } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { parseForm } from '../communities/fields';
import { managedCommunity, pgCode } from '../communities/managed-community';
import { fieldError } from '../errors';
import { gridByCode, managedPlace, placeByKey } from './managed-place';
import { parentAllowed, placeForm, type PlaceInput } from './place-rules';

interface SaveInput {
  actorId: number;
  scope: StaffScope;
  form: Record<string, string>;
  ip?: string;
}

async function resolve(db: DbOrTx, communityId: number, v: PlaceInput, selfId?: number) {
  const parent = v.parent ? await placeByKey(db, communityId, v.parent) : null;
  if (v.parent && (!parent || parent.id === selfId)) throw fieldError('parent', 'place.err.parentUnknown');
  if (!parentAllowed(v.kind, parent?.kind ?? null)) throw fieldError('parent', 'place.err.parentKind');
  const grid = v.grid ? await gridByCode(db, communityId, v.grid) : null;
  if (v.grid && !grid) throw fieldError('grid', 'place.err.gridUnknown');
  if (v.key && (await placeByKey(db, communityId, v.key, selfId))) throw fieldError('key', 'place.err.keyTaken');
  return { parentId: parent?.id ?? null, gridId: grid?.id ?? null, kind: v.kind, name: v.name, floors: v.floors, units: v.units };
}

const keyRace = (err: unknown): never => {
  if (pgCode(err) === '23505') throw fieldError('key', 'place.err.keyTaken');
  throw err;
};

export async function createPlace(db: Db, input: SaveInput & { communityId: number }) {
  const community = await managedCommunity(db, input.scope, input.communityId);
  const v = parseForm(placeForm, input.form);
  const values = { ...(await resolve(db, community.id, v)), communityId: community.id, key: v.key || null };
  return db
    .transaction(async (tx) => {
      let [row] = await tx.insert(places).values(values).returning();
      // Every place gets a key, so exports can name its parent; "p<id>" is unique because ids are.
      if (!row.key) [row] = await tx.update(places).set({ key: `p${row.id}` }).where(eq(places.id, row.id)).returning();
      await recordAudit(tx, { actorUserId: input.actorId, communityId: community.id, action: 'place.create', targetType: 'place', targetId: row.id, after: row, ip: input.ip });
      return row;
    })
    .catch(keyRace);
}

export async function updatePlace(db: Db, input: SaveInput & { placeId: number }) {
  const { place, community } = await managedPlace(db, input.scope, input.placeId);
  const v = parseForm(placeForm, input.form);
  const values = { ...(await resolve(db, community.id, v, place.id)), key: v.key || place.key };
  if (values.kind !== place.kind) {
    const children = await db.select({ kind: places.kind }).from(places).where(eq(places.parentId, place.id));
    if (children.some((c) => !parentAllowed(c.kind, values.kind))) throw fieldError('kind', 'place.err.kindHasChildren', { n: children.length });
  }
  return db
    .transaction(async (tx) => {
      const [row] = await tx.update(places).set(values).where(eq(places.id, place.id)).returning();
      await recordAudit(tx, { actorUserId: input.actorId, communityId: community.id, action: 'place.update', targetType: 'place', targetId: place.id, before: place, after: values, ip: input.ip });
      return row;
    })
    .catch(keyRace);
}
