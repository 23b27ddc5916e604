// Time and star formatting for resident pages: times in the display zone (Asia/Shanghai by default), 24-hour clock.
import type { ViewCtx } from '../../view-ctx';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, withTime: boolean) {
  const key = `${locale}|${timeZone}|${withTime}`;
  let f = formats.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions = { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' };
    if (withTime) Object.assign(opts, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(key, (f = new Intl.DateTimeFormat(locale === 'en' ? 'en-CA' : 'zh-CN', opts)));
  }
  return f;
}

/** "2026/11/23 14:05" (zh) or "2026-11-23, 14:05" (en). */
export const fmtTime = (v: ViewCtx, d: Date) => formatter(v.locale, v.timeZone ?? 'Asia/Shanghai', true).format(d);
export const fmtDate = (v: ViewCtx, d: Date) => formatter(v.locale, v.timeZone ?? 'Asia/Shanghai', false).format(d);

/** ★★★★☆ for 4 of 5. */
export const stars = (n: number) => '★'.repeat(n) + '☆'.repeat(Math.max(0, 5 - n));
