// Report-form test helpers: demo QR codes by key, the form's token from its page, multipart posts with photos.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../src/db/client';
import { qrCodes } from '../../src/db/schema';

export async function qrByKey(db: DbOrTx, key: string) {
  const [row] = await db.select().from(qrCodes).where(and(eq(qrCodes.key, key)));
  if (!row) throw new Error(`no QR code with key ${key} (seedDemo first)`);
  return row;
}

export function tokenFrom(html: string): string {
  const m = /name="token" value="([A-Za-z0-9_-]+)"/.exec(html);
  if (!m) throw new Error('no form token on the page');
  return m[1];
}

export interface UploadFile {
  name: string;
  bytes: Uint8Array;
  type?: string;
}

/** A multipart body the way a browser sends the report form (no file chosen = one empty, nameless part). */
export function reportBody(fields: Record<string, string>, files: UploadFile[] = []): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (!files.length) form.append('photos', new File([], '', { type: 'application/octet-stream' }));
  for (const f of files) form.append('photos', new File([f.bytes as Uint8Array<ArrayBuffer>], f.name, { type: f.type ?? 'image/jpeg' }));
  return form;
}

/** A complete, valid tip for the demo rule set; override any field. */
export const validTip = (qr: { code: string; placeId: number | null }, token: string, over: Record<string, string> = {}) => ({
  qr: qr.code,
  token,
  kind: 'tip',
  category: 'tip.fire_hazard',
  description: '3单元楼道里有人飞线给电瓶车充电,晚上一直插着。',
  place: qr.placeId ? String(qr.placeId) : '',
  contact: 'in_app',
  lat: '',
  lng: '',
  step: 'submit',
  ...over,
});
