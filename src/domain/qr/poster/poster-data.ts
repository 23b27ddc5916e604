// What a printed poster shows for one code, and the words for each purpose (posters are printed in Chinese).
import type { QrPurpose } from '../../../db/schema';
import { translator, type MessageKey } from '../../../i18n/messages';

export interface PosterData {
  code: string;
  /** Exactly BASE_URL/q/CODE: what the QR holds and what the fallback line prints. */
  url: string;
  purpose: QrPurpose;
  label: string;
  communityName: string;
  /** Place names from the top down, e.g. ["清波小区", "1栋"]. */
  place: string[];
}

export const posterT = translator('zh-CN');

const key = (part: string, purpose: QrPurpose) => `qr.poster.${part}.${purpose}` as MessageKey;
export const headline = (p: QrPurpose) => posterT(key('headline', p));
export const instruction = (p: QrPurpose) => posterT(key('instruction', p));

/** One colour per purpose, so a patrol member tells a checkpoint from a report poster at a glance. */
export const ACCENT: Record<QrPurpose, string> = {
  report: '#c8102e',
  patrol_checkpoint: '#0b3d91',
  redemption_counter: '#1b7f3b',
  event_checkin: '#7a3e9d',
};
export const INK = '#1d2430';
export const MUTED = '#5b6575';
