// Inserts a QR code under a fresh random code; on the (astronomically rare) clash with an existing code it draws again.
import type { DbOrTx } from '../../db/client';
import { qrCodes } from '../../db/schema';
import { generateCode } from './generate-code';
import type { QrCodeRow } from './managed-qr-code';

export type NewQrCode = Omit<typeof qrCodes.$inferInsert, 'code' | 'id'>;

export async function insertQrCode(db: DbOrTx, values: NewQrCode): Promise<QrCodeRow> {
  // ON CONFLICT on the code only: a clash there is retried, any other constraint still fails loudly.
  for (let attempt = 0; attempt < 5; attempt++) {
    const [row] = await db
      .insert(qrCodes)
      .values({ ...values, code: generateCode() })
      .onConflictDoNothing({ target: qrCodes.code })
      .returning();
    if (row) return row;
  }
  throw new Error('insertQrCode: no free code after 5 draws (is the random source broken?)');
}
