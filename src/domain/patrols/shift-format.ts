// Pure: a shift's time as residents read it in notices, the list and the calendar ("12月3日 周四 22:00–次日02:00").
const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(at: Date, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    // Built once per zone: constructing a DateTimeFormat costs far more than using one.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return { y: p.year, m: Number(p.month), d: Number(p.day), day: `${p.year}-${p.month}-${p.day}`, hm: `${p.hour}:${p.minute}`, wd: p.weekday as string };
}

const WEEKDAY_ZH: Record<string, string> = { Mon: '周一', Tue: '周二', Wed: '周三', Thu: '周四', Fri: '周五', Sat: '周六', Sun: '周日' };

/** Local date and 'HH:MM' of an instant. */
export const localParts = (at: Date, timeZone: string) => parts(at, timeZone);

export function fmtShiftTime(startsAt: Date, endsAt: Date, timeZone: string): string {
  const a = parts(startsAt, timeZone);
  const b = parts(endsAt, timeZone);
  const end = a.day === b.day ? b.hm : `次日${b.hm}`;
  return `${a.m}月${a.d}日 ${WEEKDAY_ZH[a.wd] ?? ''} ${a.hm}–${end}`;
}
