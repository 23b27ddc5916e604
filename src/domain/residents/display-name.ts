// A resident's optional 称呼: short, one line, plain text under the shared text rule. Shown whole to staff and masked
// (张**) wherever the public sees it (wish wall, rankings).
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { users } from '../../db/schema';
import { nameRule, requireText } from '../text/text-rules';

export const DISPLAY_NAME_MAX = 12;

/** Sets (or, with an empty value, clears) the signed-in resident's own 称呼; a refusal is a field error on `displayName`. */
export async function setResidentName(db: DbOrTx, userId: number, raw: unknown): Promise<string> {
  const name = requireText(raw, 'displayName', nameRule(DISPLAY_NAME_MAX, { optional: true }));
  await db.update(users).set({ displayName: name }).where(and(eq(users.id, userId), eq(users.kind, 'resident')));
  return name;
}
