// A small credit that rides on a staff decision (duplicate confirmation, mediation): the decision stands whatever the
// ledger says, so a cap or an empty fund only means "no credit this time", with the reason kept to show the staff member.
import type { DbOrTx } from '../../db/client';
import { AppError, type Msg } from '../errors';
import { awardPoints, isDiscreetCapRefusal, type AwardInput } from '../points/award-points';

export type Credit =
  | { credited: true; amount: number }
  | { credited: false; why?: Msg }
  /**
   * The recipient is an anonymous item's author and a cap applied (paid up to it, possibly nothing): staff are told
   * only that, in one message, since the amount or the kind of cap would tell the author's totals.
   */
  | { credited: 'capped'; why: Msg };

const CAP_APPLIED: Msg = { key: 'act.credit.capApplied' };

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
    if (paid.status === 'paid' && paid.discreet && paid.evaluation?.cappedBy) return { credited: 'capped', why: CAP_APPLIED };
    return paid.status === 'paid' ? { credited: true, amount: paid.amount } : { credited: false };
  } catch (err) {
    if (isDiscreetCapRefusal(err)) return { credited: 'capped', why: CAP_APPLIED };
    if (!(err instanceof AppError) || err.code !== 'conflict') throw err;
    return { credited: false, why: err.msg };
  }
}
