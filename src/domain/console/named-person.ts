// The one place the console decides anything by comparing a person staff named (a phone number, a user id) with an
// item's author, and the audit of refused attempts that named someone.
//
// On an anonymous item no answer may depend on whether the named person is the author: a 422 for the author and a
// 200 for everyone else confirms a suspect in one request. So on anonymous items the comparison is never made where
// its outcome could be seen — an action that would need it is refused for EVERY person, before the person is even
// looked up (same status, same words, same audit row), and awards to the author say only that a cap applied
// (points/award-points.ts, `discreet`). On other items the author is shown to staff anyway, and the plain check stays.
import type { DbOrTx } from '../../db/client';
import { maskPhone, normalizePhone } from '../auth/phone';
import { recordAudit } from '../audit/record-audit';
import { AppError } from '../errors';

/** Raised inside an action's transaction; `auditingRefusals` rolls the action back, then writes the audit row. */
export class RefusedNamingPerson extends Error {
  constructor(
    readonly error: AppError,
    readonly audit: { actorUserId: number; communityId: number; action: string; submissionId: number; ip?: string | null; named: Record<string, unknown>; reason: string },
  ) {
    super(error.message);
  }
}

/**
 * Runs an action; a refusal that named a person leaves one audit row `<action>.refused` (outside the rolled-back
 * transaction) and is rethrown as the form error. The row records what was asked and the generic reason, never
 * whether the person is the author.
 */
export async function auditingRefusals<T>(db: DbOrTx, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof RefusedNamingPerson)) throw err;
    const a = err.audit;
    await recordAudit(db, {
      actorUserId: a.actorUserId, communityId: a.communityId, action: `${a.action}.refused`, targetType: 'submission', targetId: a.submissionId, ip: a.ip,
      after: { named: a.named, reason: a.reason, refused: (Object.values(err.error.fields)[0] ?? err.error.msg).key },
    });
    throw err.error;
  }
}

/** A typed phone for the audit row: masked (138****1234) when it parses, else only its length. */
export function namedPhone(raw: string | undefined): Record<string, unknown> {
  try {
    return { phone: maskPhone(normalizePhone(raw)) };
  } catch {
    return { phoneLength: (raw ?? '').length };
  }
}
