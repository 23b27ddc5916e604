// 我的服务时长: verified hours by month, team and activity for a period; issue a certificate; my private calendar link.
import type { Msg } from '../../../src/domain/errors';
import type { ServiceLine } from '../../../src/domain/patrols/service-record';
import { FormError } from '../../components/field';
import type { ViewCtx } from '../../view-ctx';
import { fmtDate } from '../me/format';
import { hoursText } from './shift-bits';

export function HoursPage(props: {
  v: ViewCtx; from: string; to: string; lines: ServiceLine[]; minutes: number;
  feed: { createdAt: Date } | null; feedUrl?: string; error?: Msg; notice?: string;
}) {
  const { v } = props;
  const { t } = v;
  return (
    <>
      {props.notice && <p class="banner ok" role="status">{props.notice}</p>}
      <FormError t={t} error={props.error} />
      <section class="card" id="hours">
        <p><a href="/shifts">{t('shift.back')}</a></p>
        <h1>{t('hours.title')}</h1>
        <form method="get" action="/me/hours" class="btn-row">
          <label for="f-from">{t('hours.from')}</label><input id="f-from" type="date" name="from" value={props.from} />
          <label for="f-to">{t('hours.to')}</label><input id="f-to" type="date" name="to" value={props.to} />
          <button class="btn small" type="submit">{t('org.show')}</button>
        </form>
        <p class="points-big" data-minutes={props.minutes}>{t('shift.hoursValue', { h: hoursText(props.minutes) })}</p>
        <p class="muted">{t('hours.verifiedOnly')}</p>
        {props.lines.length === 0 ? <p class="empty">{t('hours.none')}</p> : (
          <table class="pt" id="hours-table">
            <thead><tr><th>{t('org.month')}</th><th>{t('org.col.team')}</th><th>{t('hours.what')}</th><th>{t('hours.times')}</th><th>{t('org.col.hours')}</th></tr></thead>
            <tbody>{props.lines.map((l) => <tr><td>{l.month}</td><td>{l.team}</td><td>{l.title}</td><td>{l.times}</td><td>{hoursText(l.minutes)}</td></tr>)}</tbody>
          </table>
        )}
        {props.minutes > 0 && (
          <form method="post" action="/me/hours/certificate">
            <input type="hidden" name="from" value={props.from} />
            <input type="hidden" name="to" value={props.to} />
            <button class="btn primary" type="submit">{t('hours.certificate')}</button>
          </form>
        )}
      </section>
      <section class="card" id="calendar">
        <h2>{t('cal.title')}</h2>
        <p class="muted">{t('cal.intro')}</p>
        {props.feedUrl ? (
          <p><strong>{t('cal.yourLink')}</strong><br /><input type="text" readonly value={props.feedUrl} aria-label={t('cal.yourLink')} id="feed-url" /></p>
        ) : props.feed ? (
          <p class="muted">{t('cal.made', { at: fmtDate(v, props.feed.createdAt) })}</p>
        ) : null}
        <form method="post" action="/me/calendar/reset">
          <button class="btn" type="submit">{props.feed ? t('cal.reset') : t('cal.make')}</button>
        </form>
      </section>
    </>
  );
}
