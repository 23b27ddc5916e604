// Validation of what an admin types for a QR code: purpose, place and label, with messages for the form.
import { z } from 'zod';
import { QR_PURPOSES, type QrPurpose } from '../../db/schema';
import { AppError, type Msg } from '../errors';

export const LABEL_MAX = 60;

/** Full-width spaces (U+3000) count as blank, as the bad-input cases require. */
export const cleanText = (raw: string | undefined) => (raw ?? '').replace(/[\s\u3000]+/g, ' ').trim();

export interface QrInput {
  purpose: QrPurpose;
  placeId: number;
  label: string;
}

export function parseQrInput(form: Record<string, string | undefined>): QrInput {
  const fields: Record<string, Msg> = {};
  const purpose = z.enum(QR_PURPOSES).safeParse(form.purpose);
  if (!purpose.success) fields.purpose = { key: 'qr.err.purpose' };
  const placeRaw = form.placeId ?? '';
  if (!/^\d{1,9}$/.test(placeRaw) || Number(placeRaw) < 1) fields.placeId = { key: 'qr.err.place' };
  const label = cleanText(form.label);
  if (!label) fields.label = { key: 'qr.err.labelEmpty' };
  else if ([...label].length > LABEL_MAX) fields.label = { key: 'qr.err.labelLong', params: { max: LABEL_MAX } };
  if (Object.keys(fields).length) throw new AppError('validation', 'err.form.invalid', fields);
  return { purpose: purpose.data!, placeId: Number(placeRaw), label };
}
