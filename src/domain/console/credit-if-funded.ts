// A small credit that rides on a staff decision (duplicate confirmation, mediation): the decision stands whatever the
// ledger says, so a cap or an empty fund only means "no credit this time", with the reason kept to show the staff member.
import type { DbOrTx } from '../../db/client';
import { AppError, type Msg } from '../errors';
import { awardPoints, type AwardInput } from '../points/award-points';

export type Credit = { credited: true; amount: number } | { credited: false; why?: Msg };

/** The staff-action input shared by the console's points actions (raw form fields; parsed in the use case). */
export interface ConsoleActionInput {
  rawId: string;
  form: Record<string, string>;
  actorUserId: number;
  ip?: string | null;
  now?: Date;
  timeZone?: string;
}

export async function creditIfFunded(tx: DbOrTx, input: AwardInput): Promise<Credit> {
  try {
    // awardPoints runs in a savepoint inside the caller's transaction, so a refusal leaves nothing behind.
    const paid = await awardPoints(tx, input);
    return paid.status === 'paid' ? { credited: true, amount: paid.amount } : { credited: false };
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'conflict') throw err;
    return { credited: false, why: err.msg };
  }
}
