// Pure: what a tip or wish description must look like — the shared long-text rule (text/text-rules.ts) with a minimum
// length, worded for residents.
import type { Msg } from '../errors';
import { checkText, longTextRule, textMessage } from '../text/text-rules';

export { CONTROL, MARKUP, visibleLength } from '../text/text-rules';

export const DESCRIPTION_MIN = 5;
export const DESCRIPTION_MAX = 1000;

const RULE = longTextRule(DESCRIPTION_MAX, { min: DESCRIPTION_MIN });
const MESSAGES = {
  empty: 'report.err.descriptionEmpty', short: 'report.err.descriptionShort', long: 'report.err.descriptionLong',
  control: 'report.err.control', markup: 'report.err.markup',
} as const;

export type DescriptionCheck = { ok: true; value: string } | { ok: false; error: Msg };

export function checkDescription(raw: string): DescriptionCheck {
  const c = checkText(raw, RULE);
  return c.ok ? c : { ok: false, error: textMessage(c, MESSAGES) };
}
