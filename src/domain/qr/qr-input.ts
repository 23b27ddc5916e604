// Validation of what an admin types for a QR code: purpose, place and label, with messages for the form.
import { z } from 'zod';
import { QR_PURPOSES, type QrPurpose } from '../../db/schema';
import { AppError, type Msg } from '../errors';
import { checkText, nameRule, textMessage } from '../text/text-rules';

export const LABEL_MAX = 60;

const LABEL_RULE = nameRule(LABEL_MAX);

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
  // The shared one-line text rule (full-width spaces count as blank; control, bidi and broken characters, markup refused).
  const label = checkText(form.label, LABEL_RULE);
  if (!label.ok) fields.label = textMessage(label, { empty: 'qr.err.labelEmpty', long: 'qr.err.labelLong' });
  if (Object.keys(fields).length) throw new AppError('validation', 'err.form.invalid', fields);
  return { purpose: purpose.data!, placeId: Number(placeRaw), label: label.ok ? label.value : '' };
}
