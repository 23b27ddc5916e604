// Words that route a tip to the police liaison whatever its category. Keep the list short and specific; matched on normalised text.
import { normaliseText } from './similarity';

export const POLICE_KEYWORDS: readonly string[] = [
  '诈骗',
  '盗窃',
  '偷',
  '抢',
  '吸毒',
  '贩毒',
  '赌博',
  '打架',
  '斗殴',
  '家暴',
  '持刀',
  '可疑人员',
  '传销',
  '卖淫',
  '枪',
  '爆炸',
];

/** True when the text mentions one of the police keywords. */
export function mentionsPolice(text: string): boolean {
  const t = normaliseText(text);
  return POLICE_KEYWORDS.some((k) => t.includes(normaliseText(k)));
}
