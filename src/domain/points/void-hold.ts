// Redemption cancelled or timed out: the held points go back to the resident, into the lots they came from.
import type { DbOrTx } from '../../db/client';
import type { MoveResult } from './hold-points';
import { settleHold, type SettleInput } from './settle-hold';

export const voidHold = (db: DbOrTx, input: SettleInput): Promise<MoveResult> => settleHold(db, input, 'void');
