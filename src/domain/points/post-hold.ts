// Redemption phase two at hand-over: the held points move to the redemption sink. Idempotent; refused after a void.
import type { DbOrTx } from '../../db/client';
import type { MoveResult } from './hold-points';
import { settleHold, type SettleInput } from './settle-hold';

export const postHold = (db: DbOrTx, input: SettleInput): Promise<MoveResult> => settleHold(db, input, 'post');
