// Creates a community's QR codes from a fixture's `qr_codes` list: random codes, key = code_hint; keys already present are kept.
import { and, eq, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { places, qrCodes, QR_PURPOSES } from '../../db/schema';
import { insertQrCode } from './insert-qr-code';

const fixtureQrCodes = z.array(
  z.object({
    code_hint: z.string().min(1).max(64),
    purpose: z.enum(QR_PURPOSES),
    place: z.string().min(1),
    label: z.string().min(1).max(60),
  }),
);

export async function importFixtureQrCodes(db: Db, communityId: number, input: unknown): Promise<{ created: number; kept: number }> {
  const parsed = fixtureQrCodes.safeParse(input ?? []);
  if (!parsed.success) throw new Error(`二维码数据无效 / invalid qr_codes in fixture:\n${z.prettifyError(parsed.error)}`);
  return db.transaction(async (tx) => {
    const placeRows = await tx.select({ id: places.id, key: places.key, gridId: places.gridId }).from(places).where(eq(places.communityId, communityId));
    const placeByKey = new Map(placeRows.map((p) => [p.key, p]));
    const existing = await tx
      .select({ key: qrCodes.key })
      .from(qrCodes)
      .where(and(eq(qrCodes.communityId, communityId), isNotNull(qrCodes.key)));
    const taken = new Set(existing.map((r) => r.key));
    let created = 0;
    for (const q of parsed.data) {
      if (taken.has(q.code_hint)) continue;
      const place = placeByKey.get(q.place);
      if (!place) throw new Error(`二维码 ${q.code_hint} 的地点 ${q.place} 不存在 / unknown place for QR code ${q.code_hint}: ${q.place}`);
      // Checkpoints and other places outside any grid keep a null grid: they belong to the whole community.
      await insertQrCode(tx, { communityId, purpose: q.purpose, placeId: place.id, gridId: place.gridId, label: q.label, key: q.code_hint });
      taken.add(q.code_hint);
      created++;
    }
    return { created, kept: parsed.data.length - created };
  });
}
