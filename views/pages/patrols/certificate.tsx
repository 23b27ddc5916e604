// 志愿服务记录证明: an A4 page (print CSS) with the verified hours by month, team and activity, the community's name, and
// a QR code to the public check page. No phone number, no address.
import type { myCertificate } from '../../../src/domain/patrols/service-record';
import type { ViewCtx } from '../../view-ctx';
import { fmtDate } from '../me/format';
import { hoursText } from './shift-bits';

export function CertificatePage(props: { v: ViewCtx; cert: Awaited<ReturnType<typeof myCertificate>>; checkUrl: string; qrDataUrl: string }) {
  const { v, cert } = props;
  const { t } = v;
  return (
    <article class="card cert" id="certificate">
      <p class="no-print btn-row"><a href="/me/hours">{t('hours.back')}</a><span class="muted">{t('cert.printHint')}</span></p>
      <h1>{t('cert.title')}</h1>
      <p>{t('cert.body', { name: cert.name || t('cert.resident'), community: cert.community, from: cert.cert.periodFrom, to: cert.cert.periodTo, h: hoursText(cert.cert.minutes) })}</p>
      <table class="pt">
        <thead><tr><th>{t('org.month')}</th><th>{t('org.col.team')}</th><th>{t('hours.what')}</th><th>{t('hours.times')}</th><th>{t('org.col.hours')}</th></tr></thead>
        <tbody>{cert.lines.map((l) => <tr><td>{l.month}</td><td>{l.team}</td><td>{l.title}</td><td>{l.times}</td><td>{hoursText(l.minutes)}</td></tr>)}</tbody>
      </table>
      <p data-cert-minutes={cert.cert.minutes}>{t('cert.total', { h: hoursText(cert.cert.minutes) })}</p>
      <p class="muted">{t('cert.law')}</p>
      <div class="btn-row">
        <div class="qr"><img src={props.qrDataUrl} alt={t('cert.qrAlt')} width={120} height={120} /></div>
        <div>
          <p>{cert.community}</p>
          <p>{t('cert.issued', { at: fmtDate(v, cert.cert.issuedAt) })}</p>
          <p class="muted">{t('cert.check')}<br />{props.checkUrl}</p>
        </div>
      </div>
    </article>
  );
}

export function CertificateCheckPage(props: { v: ViewCtx; c: { maskedName: string; community: string; from: string; to: string; minutes: number; issuedAt: Date } }) {
  const { v, c } = props;
  const { t } = v;
  return (
    <section class="card center" id="certificate-check">
      <h1>{t('cert.checkTitle')}</h1>
      <p class="banner ok">{t('cert.genuine')}</p>
      <dl class="facts">
        <dt>{t('cert.who')}</dt><dd>{c.maskedName}</dd>
        <dt>{t('org.community')}</dt><dd>{c.community}</dd>
        <dt>{t('cert.period')}</dt><dd>{`${c.from} — ${c.to}`}</dd>
        <dt>{t('shift.hours')}</dt><dd data-cert-minutes={c.minutes}>{t('shift.hoursValue', { h: hoursText(c.minutes) })}</dd>
        <dt>{t('cert.issuedAt')}</dt><dd>{fmtDate(v, c.issuedAt)}</dd>
      </dl>
    </section>
  );
}
