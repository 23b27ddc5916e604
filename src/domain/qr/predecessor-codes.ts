// Codes replaced (directly or through a chain) by the given one: their scan pages name the current code, so they go stale with it.
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { qrCodes } from '../../db/schema';

export async function predecessorCodes(db: DbOrTx, id: number): Promise<string[]> {
  const out: string[] = [];
  let frontier = [id];
  // Bounded like the chain walk in resolve-scan: chains are short, the bound only guards against a cycle.
  for (let depth = 0; frontier.length && depth < 10; depth++) {
    const rows = await db.select({ id: qrCodes.id, code: qrCodes.code }).from(qrCodes).where(inArray(qrCodes.replacedById, frontier));
    out.push(...rows.map((r) => r.code));
    frontier = rows.map((r) => r.id);
  }
  return out;
}
